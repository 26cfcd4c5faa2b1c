/**
 * Issue 15 (steps): each mail program's own screens, from its maker's help pages
 * (knowledge/data/programs-steps.yaml), validated at load with every problem reported at once: the
 * shape, each step's source and its quotes (found verbatim in the source's text), the BT values
 * it names (from the settings, never repeated by hand) and the program names (the lexicon's).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROGRAMS } from './lexicon';
import { KnowledgeError, projectRoot, type Problem } from './load';
import type { KnowledgeFile, Server } from './schema';

/** The BT values a step can say go in at its screen: a server's setting, or the sign-in's username. */
export const FIELDS = [
  'imap.host',
  'imap.port',
  'imap.encryption',
  'smtp.host',
  'smtp.port',
  'smtp.encryption',
  'smtp.authenticationRequired',
  'account.username',
  'imap.folders',
] as const;
export type Field = (typeof FIELDS)[number];

const nonEmpty = z.string().trim().min(1, 'must be non-empty text');
const id = z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id with - between words');

const stepSchema = z.strictObject({
  title: nonEmpty,
  text: nonEmpty,
  source: id,
  evidence: z.array(nonEmpty).min(1, 'needs at least one quote from its source'),
  fields: z.array(z.enum(FIELDS)).default([]),
});

const versionSchema = z.strictObject({
  id,
  label: nonEmpty,
  addAccount: z.array(stepSchema).min(1).optional(),
  changeSettings: z.array(stepSchema).min(1).optional(),
});

const programSchema = z
  .strictObject({
    program: nonEmpty,
    versionQuestion: nonEmpty.optional(),
    versions: z.array(versionSchema).min(1, 'needs at least one version'),
  })
  .refine((p) => p.versions.length === 1 || p.versionQuestion !== undefined, {
    message: 'a program with several versions needs a versionQuestion (the bot asks, never guesses)',
    path: ['versionQuestion'],
  });

/** The steps file's shape. */
export const programStepsSchema = z.strictObject({
  version: z.literal(1),
  sources: z.record(
    id,
    z
      .strictObject({
        title: nonEmpty,
        url: z.url(),
        file: z.string().regex(/^[\w-]+\.(?:txt|md)$/, 'must be a file name in knowledge/sources such as page.txt'),
        read: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be the date the page was read, YYYY-MM-DD')
          .optional(),
        /** The provider's own page, which the settings quote too: its text file keeps no date read. */
        provider: z.literal(true).optional(),
      })
      .refine((s) => s.read !== undefined || s.provider, {
        message: "must be the date the page was read, YYYY-MM-DD (only the provider's own page leaves it out)",
        path: ['read'],
      }),
  ),
  /** The first set-up where a program has no maker's steps: BT's own page, one group of its values a step. */
  btPageSteps: z.array(stepSchema).min(1),
  programs: z.array(programSchema).min(1),
});

export type ProgramSteps = z.infer<typeof programStepsSchema>;
export type ProgramEntry = ProgramSteps['programs'][number];
export type ProgramVersion = ProgramEntry['versions'][number];
export type Step = z.infer<typeof stepSchema>;

export const PROGRAM_STEPS_FILE = 'programs-steps.yaml';
export const DEFAULT_PROGRAM_STEPS_PATH = join(projectRoot(__dirname), 'knowledge', 'data', PROGRAM_STEPS_FILE);
export const SOURCES_DIR = join(projectRoot(__dirname), 'knowledge', 'sources');

/** What the checks need besides the file: the lexicon's program names and a reader of source texts. */
export interface StepsChecks {
  programs: readonly string[];
  sourceText: (file: string) => string | undefined;
}

const defaultChecks = (): StepsChecks => ({
  programs: PROGRAMS.map(([name]) => name),
  sourceText: (file) => {
    const path = join(SOURCES_DIR, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  },
});

/** Parses and checks a steps file's text: the steps, or every problem found. */
export function parseProgramSteps(
  file: string,
  text: string,
  checks: StepsChecks = defaultChecks(),
): { steps?: ProgramSteps; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return { problems: [{ file, path: '', value: 'unreadable YAML', allowed: (err as Error).message.slice(0, 200) }] };
  }
  const parsed = programStepsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      file,
      path: i.path.join('.'),
      value: JSON.stringify(valueAt(raw, i.path))?.slice(0, 80) ?? 'nothing',
      allowed: i.message,
    }));
    return { problems };
  }
  const problems = referenceProblems(file, parsed.data, checks);
  return problems.length ? { problems } : { steps: parsed.data, problems };
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], root);
}

/** Sources that exist, quotes found in them, every lexicon program listed once, version ids unique. */
function referenceProblems(file: string, data: ProgramSteps, checks: StepsChecks): Problem[] {
  const problems: Problem[] = [];
  const texts = new Map<string, string | undefined>();
  for (const [sid, s] of Object.entries(data.sources)) {
    const text = checks.sourceText(s.file);
    texts.set(sid, text);
    if (text === undefined)
      problems.push({
        file,
        path: `sources.${sid}.file`,
        value: s.file,
        allowed: 'must be a file in knowledge/sources',
      });
  }
  const named = data.programs.map((p) => p.program);
  for (const [i, name] of named.entries()) {
    if (!checks.programs.includes(name))
      problems.push({
        file,
        path: `programs.${i}.program`,
        value: name,
        allowed: `one of ${checks.programs.join(', ')}`,
      });
    if (named.indexOf(name) !== i)
      problems.push({ file, path: `programs.${i}.program`, value: name, allowed: 'each program once' });
  }
  for (const name of checks.programs.filter((n) => !named.includes(n)))
    problems.push({ file, path: 'programs', value: `no entry for ${name}`, allowed: 'every program of the lexicon' });
  const versionIds = data.programs.flatMap((p) => p.versions.map((v) => v.id));
  for (const v of versionIds.filter((v, i) => versionIds.indexOf(v) !== i))
    problems.push({ file, path: 'programs', value: v, allowed: 'version ids are unique' });
  data.btPageSteps.forEach((step, si) => problems.push(...quoteProblems(file, `btPageSteps.${si}`, step, texts)));
  data.programs.forEach((p, i) => problems.push(...stepProblems(file, `programs.${i}`, p, texts)));
  return problems;
}

function stepProblems(file: string, at: string, p: ProgramEntry, texts: Map<string, string | undefined>): Problem[] {
  return p.versions.flatMap((v, vi) =>
    (['addAccount', 'changeSettings'] as const).flatMap(
      (list) =>
        v[list]?.flatMap((step, si) => quoteProblems(file, `${at}.versions.${vi}.${list}.${si}`, step, texts)) ?? [],
    ),
  );
}

/** A step's source listed, and each of its quotes found verbatim in that source's text. */
function quoteProblems(file: string, path: string, step: Step, texts: Map<string, string | undefined>): Problem[] {
  if (!texts.has(step.source))
    return [{ file, path: `${path}.source`, value: step.source, allowed: 'a source listed under sources' }];
  const text = texts.get(step.source);
  return step.evidence.flatMap((quote, qi) =>
    text === undefined || text.includes(quote)
      ? []
      : [
          {
            file,
            path: `${path}.evidence.${qi}`,
            value: quote.slice(0, 60),
            allowed: 'words found verbatim in the source text',
          },
        ],
  );
}

/** Loads the shipped steps file; throws a KnowledgeError listing every problem. */
export function loadProgramSteps(path = DEFAULT_PROGRAM_STEPS_PATH): ProgramSteps {
  const { steps, problems } = parseProgramSteps(PROGRAM_STEPS_FILE, readFileSync(path, 'utf8'));
  if (!steps) throw new KnowledgeError(problems);
  return steps;
}

let loaded: ProgramSteps | undefined;

/** The shipped steps, loaded and checked once (they never change while the bot runs). */
export function programSteps(): ProgramSteps {
  return (loaded ??= loadProgramSteps());
}

/**
 * The steps for adding an account in a version: its maker's, else (where its maker gives only the
 * server settings) those, else BT's own page's (`btPageSteps`), which say nothing of its menus.
 */
export function setupSteps(steps: ProgramSteps, version: ProgramVersion | undefined): Step[] {
  return version?.addAccount ?? version?.changeSettings ?? steps.btPageSteps;
}

/** A program's entry by the name the lexicon gives it ("Outlook", "Samsung Email"). */
export function programEntry(steps: ProgramSteps, program: string): ProgramEntry | undefined {
  return steps.programs.find((p) => p.program === program);
}

const FIELD_LABELS: Record<Field, string> = {
  'imap.host': 'Incoming (IMAP) server',
  'imap.port': 'Incoming port',
  'imap.encryption': 'Incoming security',
  'smtp.host': 'Outgoing (SMTP) server',
  'smtp.port': 'Outgoing port',
  'smtp.encryption': 'Outgoing security',
  'smtp.authenticationRequired': 'Outgoing server needs sign-in (authentication)',
  'account.username': 'Username',
  'imap.folders': 'Folders',
};

const ENCRYPTION: Record<Server['encryption'], string> = { ssl: 'SSL/TLS', starttls: 'STARTTLS', none: 'none' };

/** A field's BT value, read from the provider's settings. */
export function fieldValue(field: Field, k: Pick<KnowledgeFile, 'servers' | 'account'>): string {
  if (field === 'account.username') return k.account.username;
  if (field === 'imap.folders') return k.servers.imap.folders?.join(', ') ?? '';
  const [proto, key] = field.split('.') as ['imap' | 'smtp', string];
  const server = k.servers[proto];
  if (key === 'host') return server.host;
  if (key === 'port') return String(server.port);
  if (key === 'encryption') return ENCRYPTION[server.encryption];
  return server.authenticationRequired ? 'yes, on' : 'no';
}

/** "Label: value" lines for the fields of a step. */
export function fieldLines(fields: readonly Field[], k: Pick<KnowledgeFile, 'servers' | 'account'>): string[] {
  return fields.map((f) => `${FIELD_LABELS[f]}: ${fieldValue(f, k)}`);
}

/** Which screens a walkthrough step points to in the customer's program: adding an account, or its server settings. */
export type StepsKind = 'addAccount' | 'changeSettings';

/** Issue 15 (steps): where something is in a named program, as its maker's help gives it. */
export type ProgramPath =
  | { kind: 'path'; version: ProgramVersion; steps: Step[] }
  | {
      kind: 'versions';
      program: string;
      paths: { version: ProgramVersion; steps: Step[] }[];
      unsourced: ProgramVersion[];
    }
  | { kind: 'none' };

/**
 * A program's own path for one kind of screen. Several versions with different screens (Outlook):
 * each version's path, labelled, so nothing is guessed; no sourced path at all: none.
 */
export function programPath(steps: ProgramSteps, program: string | undefined, kind: StepsKind): ProgramPath {
  const entry = program === undefined ? undefined : programEntry(steps, program);
  if (!entry) return { kind: 'none' };
  const paths = entry.versions.flatMap((v) => (v[kind] ? [{ version: v, steps: v[kind] }] : []));
  if (paths.length === 0) return { kind: 'none' };
  if (entry.versions.length === 1) return { kind: 'path', ...paths[0]! };
  const unsourced = entry.versions.filter((v) => !v[kind]);
  return { kind: 'versions', program: entry.program, paths, unsourced };
}

/** The path as text: the steps in order, and the page they are from. */
export function programPathText(path: ProgramPath, steps: ProgramSteps): string | undefined {
  const from = (list: Step[]) => unique(list.map((s) => steps.sources[s.source]?.title ?? s.source)).join('; ');
  const inOrder = (list: Step[]) => list.map((s, i) => `${i + 1}) ${s.text}`).join(' ');
  if (path.kind === 'none') return undefined;
  if (path.kind === 'path')
    return `In ${path.version.label}, as its maker's help gives it: ${inOrder(path.steps)} (From ${from(path.steps)}.)`;
  const each = path.paths.map((p) => `In ${p.version.label}: ${inOrder(p.steps)} (From ${from(p.steps)}.)`);
  const none = path.unsourced.map((v) => v.label);
  const missing = none.length ? [`For ${none.join(' and ')} I haven't got its maker's steps.`] : [];
  return [`Where it is depends on your version of ${path.program}:`, ...each, ...missing].join('\n\n');
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
