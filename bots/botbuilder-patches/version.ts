/**
 * The patches in this folder reach into botbuilder 4.23 (a deep import, protected members, the
 * connector client's shape and credentials); a later botbuilder may change any of them without
 * a type error. So the bot refuses to start on a version they were not checked against.
 */
import { readFileSync } from 'node:fs';

/** The packages the patches depend on, and the minor version each was written and tested for. */
export const PATCHED_FOR = { botbuilder: '4.23', 'botframework-connector': '4.23' } as const;

export type PatchedPackage = keyof typeof PATCHED_FOR;

/** Thrown at start-up when an installed package is not the version the patches were written for. */
export class BotbuilderVersionError extends Error {
  override name = 'BotbuilderVersionError';
  constructor(readonly problems: readonly string[]) {
    super(
      `bots/botbuilder-patches were written for botbuilder 4.23.x, but:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
        'Install the 4.23 versions (npm ci), or check each patch in bots/botbuilder-patches against the new ' +
        'version, run its comparison test, and update PATCHED_FOR in bots/botbuilder-patches/version.ts.',
    );
  }
}

/** The installed version of a package (its package.json), as the app resolves it; undefined if absent. */
export function installedVersion(name: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a BotbuilderVersionError naming every package whose installed version differs from PATCHED_FOR. */
export function checkPatchedVersions(read: (name: PatchedPackage) => string | undefined = installedVersion): void {
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(PATCHED_FOR) as [PatchedPackage, string][]) {
    const found = read(name);
    if (found === undefined) problems.push(`${name} is not installed (or has no version); need ${wanted}.x`);
    else if (!found.startsWith(`${wanted}.`)) problems.push(`${name} ${found} is installed; need ${wanted}.x`);
  }
  if (problems.length > 0) throw new BotbuilderVersionError(problems);
}
