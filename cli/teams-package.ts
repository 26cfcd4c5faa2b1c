/** `npm run teams:package [OUT]`: writes the Teams app package (default teams/build/bt-email-help.zip). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../config';
import { ManifestError, packageOptions, zipPackage } from '../teams/package';

/** Run from dist/cli/, so the repository root is two folders up. */
const ROOT = resolve(__dirname, '..', '..');

async function main(out = join(ROOT, 'teams', 'build', 'bt-email-help.zip')): Promise<number> {
  try {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const options = packageOptions(process.env, version);
    const zip = await zipPackage(options);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`wrote ${shown(out)} (${zip.length} bytes): bot ${options.botId}, v${version}`);
    console.log('Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.');
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof ManifestError)) throw err;
    console.error(err.message);
    return 1;
  }
}

/** The path relative to where the command runs, unless it is outside it. */
function shown(path: string): string {
  const near = relative(process.cwd(), path);
  return near.startsWith('..') ? path : near;
}

main(process.argv[2]).then((code) => (process.exitCode = code));
