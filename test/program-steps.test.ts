/** Issue 15 (steps): the per-program steps file: every quote in its source, BT values from the settings, bad files rejected. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createAnswerer } from '../knowledge';
import { PROGRAMS } from '../knowledge/lexicon';
import {
  DEFAULT_PROGRAM_STEPS_PATH,
  fieldLines,
  parseProgramSteps,
  programSteps,
  SOURCES_DIR,
  type ProgramSteps,
} from '../knowledge/program-steps';

const steps = programSteps();
const text = readFileSync(DEFAULT_PROGRAM_STEPS_PATH, 'utf8');
const provider = createAnswerer().knowledge.providers[0]!;

const allSteps = [
  ...steps.programs.flatMap((p) =>
    p.versions.flatMap((v) =>
      [...(v.addAccount ?? []), ...(v.changeSettings ?? [])].map((s) => ({
        program: p.program,
        version: v.id,
        step: s,
      })),
    ),
  ),
  ...steps.btPageSteps.map((s) => ({ program: 'any', version: 'btPageSteps', step: s })),
];
const quotes = allSteps.flatMap(({ version, step }) => step.evidence.map((q) => [version, step.source, q] as const));

describe('the shipped steps', () => {
  it.each(quotes)('%s: the quote of %s is found verbatim in its source text: %p', (_v, source, quote) => {
    const file = steps.sources[source]!.file;
    expect(readFileSync(join(SOURCES_DIR, file), 'utf8')).toContain(quote);
  });

  it.each(Object.entries(steps.sources))(
    'source %s names its URL and the date it was read in its text file',
    (_id, s) => {
      const head = readFileSync(join(SOURCES_DIR, s.file), 'utf8').split('\n').slice(0, 3).join('\n');
      expect(head).toContain(`Source: ${s.url}`);
      // BT's own page keeps no date read (knowledge/sources/README.md); every maker's page does.
      if (!s.provider) expect(head).toContain(`Read: ${s.read!}`);
    },
  );

  it('lists every program the lexicon knows, once', () => {
    expect(steps.programs.map((p) => p.program).sort()).toEqual(PROGRAMS.map(([n]) => n).sort());
  });

  it("has walkthroughs only where a maker's page was found: Thunderbird, Mail on Mac, the three Outlooks", () => {
    const sourced = steps.programs.flatMap((p) =>
      p.versions.filter((v) => v.addAccount ?? v.changeSettings).map((v) => v.id),
    );
    expect(sourced.sort()).toEqual(['apple-mail', 'outlook-classic', 'outlook-mac', 'outlook-new', 'thunderbird']);
  });

  it.each([
    ['microsoft-new-outlook-accounts', 'https://learn.microsoft.com/'],
    ['microsoft-new-outlook-policy', 'https://learn.microsoft.com/'],
  ])("the new Outlook's steps come from Microsoft's own pages: %s", (id, site) => {
    expect(steps.sources[id]!.url.startsWith(site)).toBe(true);
  });

  it('asks which Outlook: classic, new and Mac are versions of one program, with a question', () => {
    const outlook = steps.programs.find((p) => p.program === 'Outlook')!;
    expect(outlook.versions.map((v) => v.id)).toEqual(['outlook-classic', 'outlook-new', 'outlook-mac']);
    expect(outlook.versionQuestion).toMatch(/which outlook/i);
  });

  it('gives BT values read from the settings, never typed in the steps file', () => {
    const lines = fieldLines(['imap.host', 'imap.port', 'smtp.port', 'smtp.encryption', 'account.username'], provider);
    expect(lines).toEqual([
      `Incoming (IMAP) server: ${provider.servers.imap.host}`,
      `Incoming port: ${provider.servers.imap.port}`,
      `Outgoing port: ${provider.servers.smtp.port}`,
      'Outgoing security: SSL/TLS',
      `Username: ${provider.account.username}`,
    ]);
    expect(text).not.toMatch(/\b(993|465|mail\.btinternet\.com)\b/);
  });
});

/** The shipped file with one change made to it. */
function broken(change: (d: ProgramSteps) => void): string {
  const data = parse(text) as ProgramSteps;
  change(data);
  return stringify(data);
}
const thunderbird = (d: ProgramSteps) => d.programs.find((p) => p.program === 'Thunderbird')!.versions[0]!;
const outlook = (d: ProgramSteps) => d.programs.find((p) => p.program === 'Outlook')!;

describe('a bad steps file is rejected, every problem named', () => {
  const rows: [string, string, RegExp][] = [
    [
      'a quote not in its source',
      broken((d) => (thunderbird(d).addAccount![0]!.evidence[0] = 'Click the big red button.')),
      /evidence\.0.*verbatim/,
    ],
    [
      "a quote of BT's page steps not in BT's page",
      broken((d) => (d.btPageSteps[1]!.evidence[0] = 'Tap Settings, then Accounts.')),
      /btPageSteps\.1\.evidence\.0.*verbatim/,
    ],
    ["no steps from BT's page", broken((d) => (d.btPageSteps = [])), /btPageSteps/],
    [
      "a maker's page marked as the provider's to skip its date",
      broken((d) => {
        const s = d.sources['mozilla-manual'] as { read?: string; provider?: boolean };
        delete s.read;
        s.provider = false;
      }),
      /read|provider/,
    ],
    [
      'a source not listed',
      broken((d) => (thunderbird(d).addAccount![0]!.source = 'some-blog')),
      /source.*some-blog.*listed under sources/,
    ],
    [
      'a source file missing',
      broken((d) => (d.sources['mozilla-automatic']!.file = 'missing.txt')),
      /sources\.mozilla-automatic\.file.*missing\.txt/,
    ],
    [
      'a field BT has no value for',
      broken((d) => (thunderbird(d).addAccount![2]!.fields = ['imap.colour' as never])),
      /fields\.0/,
    ],
    [
      'a program the lexicon does not know',
      broken((d) => (d.programs[0]!.program = 'Lotus Notes')),
      /Lotus Notes.*one of/,
    ],
    [
      'a lexicon program left out',
      broken((d) => (d.programs = d.programs.filter((p) => p.program !== 'Samsung Email'))),
      /no entry for Samsung Email/,
    ],
    [
      'versions without a question',
      broken((d) => delete outlook(d).versionQuestion),
      /versionQuestion.*asks, never guesses/,
    ],
    [
      'a step with no quote',
      broken((d) => (thunderbird(d).addAccount![0]!.evidence = [])),
      /evidence.*at least one quote/,
    ],
    [
      'a source with no date read',
      broken((d) => delete (d.sources['mozilla-manual'] as { read?: string }).read),
      /read/,
    ],
    [
      'a duplicate version id',
      broken((d) => (outlook(d).versions[1]!.id = 'outlook-classic')),
      /outlook-classic.*unique/,
    ],
    ['no YAML at all', 'programs: [unclosed', /unreadable YAML/],
  ];
  it.each(rows)('%s', (_what, file, problem) => {
    const { steps: ok, problems } = parseProgramSteps('programs-steps.yaml', file);
    expect(ok).toBeUndefined();
    expect(problems.map((p) => `${p.path}: ${p.value}; ${p.allowed}`).join('\n')).toMatch(problem);
  });

  it('reports every problem at once', () => {
    const file = broken((d) => {
      thunderbird(d).addAccount![0]!.evidence[0] = 'Not in the page.';
      d.programs[0]!.program = 'Lotus Notes';
    });
    expect(parseProgramSteps('programs-steps.yaml', file).problems.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts the shipped file', () => {
    expect(parseProgramSteps('programs-steps.yaml', text).problems).toEqual([]);
  });
});
