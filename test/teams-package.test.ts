/** The Teams app package: a manifest valid against Microsoft's schema, the icons Teams wants, zipped at the root. */
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { TEAMS_SAY } from '../bots/teams-texts';
import { ConfigError } from '../config';
import { APP_INFO, COMMANDS } from '../teams/app-info';
import { colorIcon, ICON_SIZES, outlineIcon } from '../teams/icons';
import { buildManifest, MANIFEST_VERSION, type TeamsManifest } from '../teams/manifest';
import { ManifestError, packageFiles, packageOptions, zipPackage } from '../teams/package';
import { manifestProblems, manifestSchemaPath } from '../teams/schema';

const BOT_ID = '0f4b5a1e-8c2d-4e6f-9a7b-1c2d3e4f5a6b';
const options = { botId: BOT_ID, version: '1.2.3' };

describe('Teams manifest', () => {
  const manifest = buildManifest(options);

  it(`is valid against the official v${MANIFEST_VERSION} schema from @microsoft/app-manifest`, () => {
    expect(manifestSchemaPath()).toMatch(/@microsoft[\\/]app-manifest[\\/].*v1\.22[\\/]MicrosoftTeams\.schema\.json$/);
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it('names the bot from config, in personal chats, teams and group chats, with its commands', () => {
    expect(manifest).toMatchObject({ manifestVersion: MANIFEST_VERSION, id: BOT_ID, version: '1.2.3' });
    const [bot] = manifest.bots ?? [];
    expect(bot?.botId).toBe(BOT_ID);
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = bot?.commandLists?.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['smtp settings', 'error 530', 'switch pop to imap']));
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('asks team owners to let the bot read every channel message, so agents reply in a handover thread without @mentioning it', () => {
    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual([
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
    ]);
    // Why the bot's id: resource-specific consent is granted to the Entra app behind the bot.
    expect(manifest.webApplicationInfo?.id).toBe(BOT_ID);
  });

  it("uses the bot name the bot introduces itself with when Teams doesn't say it", () => {
    expect(manifest.name.short).toBe(TEAMS_SAY.defaultBotName);
    expect(APP_INFO.shortName).toBe(TEAMS_SAY.defaultBotName);
  });

  // The schema catches what Teams would refuse at upload; each row breaks one thing.
  it.each<[string, (m: TeamsManifest) => unknown, string]>([
    ['a bot id that is not a GUID', (m) => ({ ...m, bots: [{ ...m.bots![0], botId: 'my-bot' }] }), '/bots/0/botId'],
    ['an unknown scope', (m) => ({ ...m, bots: [{ ...m.bots![0], scopes: ['channel'] }] }), '/bots/0/scopes/0'],
    ['a short name over 30 characters', (m) => ({ ...m, name: { short: 'x'.repeat(31) } }), '/name/short'],
    ['no developer', ({ developer: _d, ...m }) => m, 'developer'],
    [
      'a privacy link that is not a web address',
      (m) => ({ ...m, developer: { ...m.developer, privacyUrl: 'privacy.html' } }),
      '/developer/privacyUrl',
    ],
    ['an accent colour without #', (m) => ({ ...m, accentColor: '5514B4' }), '/accentColor'],
    ['a field Teams does not know', (m) => ({ ...m, botId: BOT_ID }), 'botId'],
    ['another manifest version', (m) => ({ ...m, manifestVersion: '1.16' }), '/manifestVersion'],
  ])('rejects %s', (_name, breakIt, where) => {
    const problems = manifestProblems(breakIt(buildManifest(options)));
    expect(problems.join('\n')).toContain(where);
    expect(() => packageFiles(breakIt(buildManifest(options)) as TeamsManifest)).toThrow(ManifestError);
  });
});

describe('Teams package options', () => {
  it('reads the bot id from MicrosoftAppId, and needs no password', () => {
    expect(packageOptions({ MicrosoftAppId: ` ${BOT_ID.toUpperCase()} ` }, '0.1.0')).toEqual({
      botId: BOT_ID,
      version: '0.1.0',
    });
  });

  it.each<[string, NodeJS.ProcessEnv, string, string]>([
    ['no MicrosoftAppId', {}, '0.1.0', 'MicrosoftAppId: missing'],
    [
      'a MicrosoftAppId that is not a GUID',
      { MicrosoftAppId: 'bt-bot' },
      '0.1.0',
      'MicrosoftAppId: got "bt-bot", not a GUID',
    ],
    ['a version Teams cannot compare', { MicrosoftAppId: BOT_ID }, '1.0', 'version: got "1.0"'],
  ])('refuses %s, saying what to set', (_name, env, version, message) => {
    expect(() => packageOptions(env, version)).toThrow(ConfigError);
    expect(() => packageOptions(env, version)).toThrow(message);
  });
});

describe('Teams icons', () => {
  const read = (png: Buffer) => PNG.sync.read(png);
  const pixels = (png: PNG) =>
    Array.from({ length: png.width * png.height }, (_, i) => [...png.data.subarray(i * 4, i * 4 + 4)]);

  it('color: 192×192, opaque', () => {
    const png = read(colorIcon());
    expect([png.width, png.height]).toEqual([ICON_SIZES.color, ICON_SIZES.color]);
    expect(pixels(png).every(([, , , a]) => a === 255)).toBe(true);
  });

  it('outline: 32×32, only white and transparent pixels, some of each', () => {
    const png = read(outlineIcon());
    expect([png.width, png.height]).toEqual([ICON_SIZES.outline, ICON_SIZES.outline]);
    const all = pixels(png);
    const white = all.filter(([r, g, b, a]) => a! > 0 && r === 255 && g === 255 && b === 255);
    const clear = all.filter(([, , , a]) => a === 0);
    expect(white.length + clear.length).toBe(all.length);
    expect(white.length).toBeGreaterThan(50);
    expect(clear.length).toBeGreaterThan(all.length / 2);
    expect(all[0]?.[3]).toBe(0);
  });
});

describe('Teams app package (zip)', () => {
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await zipPackage(options));
  });

  it('holds manifest.json and both icons at its root, nothing else', () => {
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('holds the manifest built from the options, still valid', async () => {
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toEqual(buildManifest(options));
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it('holds the icons the manifest names, at their sizes', async () => {
    for (const [file, size] of [
      ['color.png', ICON_SIZES.color],
      ['outline.png', ICON_SIZES.outline],
    ] as const) {
      const png = PNG.sync.read(await zip.file(file)!.async('nodebuffer'));
      expect([file, png.width, png.height]).toEqual([file, size, size]);
    }
  });

  it('is the same bytes every time for the same options', async () => {
    expect((await zipPackage(options)).equals(await zipPackage(options))).toBe(true);
  });

  it('lists at most 10 commands, each short enough for the Teams command menu', () => {
    expect(COMMANDS.length).toBeLessThanOrEqual(10);
    for (const c of COMMANDS) expect(c.title.length).toBeLessThanOrEqual(32);
  });
});
