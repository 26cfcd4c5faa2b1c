/** The start-up check: the patches run only on the botbuilder and botframework-connector they were written for. */
import {
  BotbuilderVersionError,
  checkPatchedVersions,
  installedVersion,
  PATCHED_FOR,
  type PatchedPackage,
} from '../../bots/botbuilder-patches/version';

const versions =
  (found: Partial<Record<PatchedPackage, string>>) =>
  (name: PatchedPackage): string | undefined =>
    found[name];

describe('checkPatchedVersions', () => {
  it('passes on what is installed (package.json says 4.23)', () => {
    expect(installedVersion('botbuilder')).toMatch(/^4\.23\./);
    expect(installedVersion('botframework-connector')).toMatch(/^4\.23\./);
    expect(() => checkPatchedVersions()).not.toThrow();
  });

  it.each([
    ['4.23.3', '4.23.3'],
    ['4.23.0', '4.23.1'],
    ['4.23.4-preview', '4.23.4-preview'],
  ])('accepts botbuilder %s with botframework-connector %s', (botbuilder, connector) => {
    expect(() => checkPatchedVersions(versions({ botbuilder, 'botframework-connector': connector }))).not.toThrow();
  });

  it.each<[string, Partial<Record<PatchedPackage, string>>, string[]]>([
    [
      'a newer botbuilder',
      { botbuilder: '4.24.0', 'botframework-connector': '4.23.3' },
      ['botbuilder 4.24.0 is installed; need 4.23.x'],
    ],
    [
      'an older connector',
      { botbuilder: '4.23.3', 'botframework-connector': '4.22.1' },
      ['botframework-connector 4.22.1 is installed; need 4.23.x'],
    ],
    [
      'a version that only starts like 4.23',
      { botbuilder: '4.230.0', 'botframework-connector': '4.23.3' },
      ['botbuilder 4.230.0 is installed; need 4.23.x'],
    ],
    [
      'both wrong, and one missing',
      { botbuilder: '5.0.0' },
      [
        'botbuilder 5.0.0 is installed; need 4.23.x',
        'botframework-connector is not installed (or has no version); need 4.23.x',
      ],
    ],
  ])('refuses %s, naming every problem', (_name, found, problems) => {
    let error: unknown;
    try {
      checkPatchedVersions(versions(found));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BotbuilderVersionError);
    expect((error as BotbuilderVersionError).problems).toEqual(problems);
    expect((error as Error).name).toBe('BotbuilderVersionError');
    for (const problem of problems) expect((error as Error).message).toContain(problem);
    expect((error as Error).message).toContain('bots/botbuilder-patches/version.ts');
  });

  it('checks botbuilder and botframework-connector, at 4.23', () => {
    expect(PATCHED_FOR).toEqual({ botbuilder: '4.23', 'botframework-connector': '4.23' });
  });
});
