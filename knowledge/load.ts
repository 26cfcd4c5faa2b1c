/** Loads and validates knowledge files; every problem in every file is reported at once. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { knowledgeFileSchema, PROTOCOLS, type KnowledgeFile } from './schema';
import { placeholdersIn } from './template';

/** One problem found in a knowledge file. */
export interface Problem {
  file: string;
  path: string;
  value: string;
  allowed: string;
}

/** Thrown when knowledge files are invalid; `problems` lists all of them. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: Problem[]) {
    super(`Knowledge is invalid (${problems.length} problem(s)):\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** A provider's validated knowledge. */
export type Provider = KnowledgeFile & { file: string };

/** All providers the bot knows; the first is the default. */
export interface KnowledgeBase {
  providers: Provider[];
}

/** Where the shipped knowledge lives. */
export const DEFAULT_KNOWLEDGE_DIR = join(projectRoot(__dirname), 'knowledge', 'data');

/** The folder holding package.json: the same from source (tests) and from dist/. */
export function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path || '(top)'}: got ${p.value}; ${p.allowed}`;
}

/** Files beside the knowledge that are not providers: the lexicon (lexicon-file.ts) and the routes (routes.ts). */
export const NOT_PROVIDERS: ReadonlySet<string> = new Set(['lexicon.yaml', 'routes.yaml', 'programs-steps.yaml']);

/** Loads every .yaml/.yml/.json file of a folder (but the lexicon) as one provider each. */
export function loadKnowledgeDir(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  if (!existsSync(dir)) {
    throw new KnowledgeError([
      { file: dir, path: '', value: 'no such folder', allowed: 'set KNOWLEDGE_DIR to a folder of .yaml files' },
    ]);
  }
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !NOT_PROVIDERS.has(f))
    .sort();
  if (files.length === 0) {
    throw new KnowledgeError([{ file: dir, path: '', value: 'no files', allowed: 'add at least one .yaml file' }]);
  }
  return parseKnowledge(files.map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') })));
}

/** Validates already-read files; pure, so tests can feed it broken text. */
export function parseKnowledge(files: { file: string; text: string }[]): KnowledgeBase {
  const problems: Problem[] = [];
  const providers: Provider[] = [];
  for (const { file, text } of files) {
    const provider = parseOne(file, text, problems);
    if (provider) providers.push(provider);
  }
  problems.push(...crossProviderProblems(providers));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { providers };
}

function parseOne(file: string, text: string, problems: Problem[]): Provider | undefined {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    problems.push({ file, path: '', value: 'unreadable YAML', allowed: (err as Error).message.split('\n')[0] ?? '' });
    return undefined;
  }
  const result = knowledgeFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    problems.push(...result.error.issues.map((i) => issueToProblem(file, i)));
    return undefined;
  }
  const found = referenceProblems(result.data).map((p) => ({ file, ...p }));
  problems.push(...found);
  return found.length === 0 ? { ...result.data, file } : undefined;
}

function issueToProblem(file: string, issue: z.core.$ZodIssue): Problem {
  const input = 'input' in issue ? issue.input : undefined;
  return { file, path: issue.path.join('.'), value: describe(input), allowed: issue.message };
}

/** A value as a problem shows it: JSON, cut to 60 characters. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Ref = Omit<Problem, 'file'>;

function referenceProblems(k: KnowledgeFile): Ref[] {
  const sources = new Set(Object.keys(k.sources));
  const ids = k.entries.map((e) => e.id);
  const out: Ref[] = [];
  const needSource = (path: string, id: string) => {
    if (!sources.has(id))
      out.push({ path, value: describe(id), allowed: `must be one of: ${[...sources].join(', ')}` });
  };
  needSource('provider.domainsSource', k.provider.domainsSource);
  needSource('account.source', k.account.source);
  for (const p of PROTOCOLS) k.servers[p].sources.forEach((s, i) => needSource(`servers.${p}.sources.${i}`, s));
  k.entries.forEach((e, i) => {
    needSource(`entries.${i}.source`, e.source);
    if (ids.indexOf(e.id) !== i)
      out.push({ path: `entries.${i}.id`, value: describe(e.id), allowed: 'ids must be unique' });
    if (e.kind !== 'error') e.followUps.forEach((f, j) => needEntry(out, `entries.${i}.followUps.${j}`, f, ids));
    out.push(...templateProblems(`entries.${i}`, e));
  });
  k.walkthroughs.forEach((w, i) => {
    needSource(`walkthroughs.${i}.source`, w.source);
    out.push(...templateProblems(`walkthroughs.${i}`, w));
    w.steps.forEach((s, j) => out.push(...templateProblems(`walkthroughs.${i}.steps.${j}`, s)));
    w.faqs.forEach((f, j) => needEntry(out, `walkthroughs.${i}.faqs.${j}`, f, ids));
  });
  k.checker.forEach((r, i) => {
    if (r.source) needSource(`checker.${i}.source`, r.source);
    r.causes.forEach((c, j) => needEntry(out, `checker.${i}.causes.${j}`, c, ids));
  });
  out.push(...evidenceProblems(k));
  return out;
}

function needEntry(out: Ref[], path: string, id: string, ids: string[]): void {
  if (!ids.includes(id)) out.push({ path, value: describe(id), allowed: `must be an entry id: ${ids.join(', ')}` });
}

const TEMPLATE_FIELDS = ['host', 'port', 'label', 'authentication'] as const;

function templateProblems(path: string, entry: object): Ref[] {
  const out: Ref[] = [];
  for (const [field, value] of Object.entries(entry)) {
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const text of texts.filter((t): t is string => typeof t === 'string')) {
      for (const ph of placeholdersIn(text)) {
        const [proto, key] = ph.split('.');
        const ok =
          (PROTOCOLS as readonly string[]).includes(proto ?? '') &&
          (TEMPLATE_FIELDS as readonly string[]).includes(key ?? '');
        if (!ok)
          out.push({
            path: `${path}.${field}`,
            value: `{${ph}}`,
            allowed: `placeholders are {imap|pop3|smtp}.{${TEMPLATE_FIELDS.join('|')}}`,
          });
      }
    }
  }
  return out;
}

function evidenceProblems(k: KnowledgeFile): Ref[] {
  const out: Ref[] = [];
  for (const p of PROTOCOLS) {
    const server = k.servers[p] as Record<string, unknown>;
    for (const field of Object.keys(k.servers[p].evidence)) {
      if (!(field in server))
        out.push({
          path: `servers.${p}.evidence.${field}`,
          value: describe(field),
          allowed: 'evidence must name a field of this server',
        });
    }
  }
  return out;
}

function crossProviderProblems(providers: Provider[]): Problem[] {
  const seen = new Map<string, string>();
  const out: Problem[] = [];
  for (const p of providers) {
    for (const d of p.provider.domains) {
      const other = seen.get(d);
      if (other)
        out.push({
          file: p.file,
          path: 'provider.domains',
          value: describe(d),
          allowed: `each domain belongs to one provider; ${other} has it already`,
        });
      seen.set(d, p.file);
    }
  }
  return out;
}
