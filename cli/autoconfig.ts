/**
 * `npm run autoconfig [-- OUT]`: writes Mozilla's autoconfig file from the knowledge, for the mail
 * domain's owner to host (or to submit to Thunderbird's ISPDB). Why a file: Thunderbird asks the
 * domain (autoconfig.<domain>, then its /.well-known path), then the ISPDB; never this bot's host.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadKnowledgeDir } from '../knowledge';
import { AUTOCONFIG_PATHS } from '../server/setup-routes';
import { createSetupFiles } from '../setup-files';

/** Where the file goes when no path is given. */
export const DEFAULT_AUTOCONFIG_OUT = 'config-v1.1.xml';

/** Writes the file for the first provider in `dir` (default the shipped knowledge); returns what to tell the user. */
export function writeAutoconfig(out: string = DEFAULT_AUTOCONFIG_OUT, dir?: string): string[] {
  const provider = loadKnowledgeDir(dir).providers[0]!;
  const files = createSetupFiles(provider);
  const path = resolve(out);
  writeFileSync(path, files.autoconfig());
  const [mailPath, wellKnown] = AUTOCONFIG_PATHS;
  return [
    `wrote ${path} (clientConfig 1.1 for ${files.setup.domains.join(', ')})`,
    'Thunderbird finds it only on the mail domain, so host it at either of:',
    ...files.setup.domains.map((d) => `  https://autoconfig.${d}${mailPath}   or   https://${d}${wellKnown}`),
    'or submit it to Thunderbird’s ISPDB (github.com/thunderbird/autoconfig) as ispdb/<domain>.xml.',
  ];
}

if (require.main === module) {
  for (const line of writeAutoconfig(process.argv[2], process.env.KNOWLEDGE_DIR)) console.log(line);
}
