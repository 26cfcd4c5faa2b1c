/** The Teams app package: manifest.json and the two icons, zipped at the root for "Upload a custom app". */
import JSZip from 'jszip';
import { ConfigError, type ConfigProblem } from '../config';
import { colorIcon, outlineIcon } from './icons';
import { buildManifest, ICON_FILES, type ManifestOptions, type TeamsManifest } from './manifest';
import { manifestProblems } from './schema';

/** Thrown when the manifest does not match the official schema; `problems` lists every mismatch. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(readonly problems: readonly string[]) {
    super(`The Teams manifest does not match its schema (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^\d+\.\d+\.\d+$/;

/** Why not parseConfig: packaging needs only the bot's id, never its password. */
export function packageOptions(env: NodeJS.ProcessEnv, version: string): ManifestOptions {
  const botId = env.MicrosoftAppId?.trim() ?? '';
  const problems: ConfigProblem[] = [];
  if (!GUID.test(botId))
    problems.push({
      variable: 'MicrosoftAppId',
      problem: botId ? `got ${JSON.stringify(botId)}, not a GUID` : 'missing',
      fix: "set it to the Azure Bot's Microsoft App ID (a GUID), as for `npm start`",
    });
  if (!SEMVER.test(version))
    problems.push({ variable: 'version', problem: `got ${JSON.stringify(version)}`, fix: 'use x.y.z' });
  if (problems.length > 0) throw new ConfigError(problems);
  return { botId: botId.toLowerCase(), version };
}

/** The package's files by name; the manifest is checked against the schema first. */
export function packageFiles(manifest: TeamsManifest): Record<string, Buffer> {
  const problems = manifestProblems(manifest);
  if (problems.length > 0) throw new ManifestError(problems);
  return {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    [ICON_FILES.color]: colorIcon(),
    [ICON_FILES.outline]: outlineIcon(),
  };
}

/** The zip to upload: every file at its root, none in a folder (Teams rejects those). */
export async function zipPackage(options: ManifestOptions): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date, so the same inputs give the same bytes.
  const date = new Date(Date.UTC(2025, 0, 1));
  for (const [name, content] of Object.entries(packageFiles(buildManifest(options)))) zip.file(name, content, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
