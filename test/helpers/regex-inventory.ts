/**
 * Every RegExp the application compiles, found three ways: regex literals in its source (read
 * with the TypeScript compiler), patterns built at run time (the RegExp constructor wrapped while
 * the app's code runs), and, through the latter, patterns made from the knowledge data. Then each
 * is rated by recheck, with 'safe' verdicts cached on disk by pattern, flags and parameters.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkSync, type Diagnostics, type Parameters } from 'recheck';
import ts from 'typescript';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** One pattern and where the application compiles it. */
export interface FoundRegExp {
  source: string;
  flags: string;
  /** "file:line", relative to the root. */
  where: string;
}

/** Folders in the TypeScript build that are not the application. */
const NOT_APP = new Set(['test', 'bench', 'node_modules', 'dist']);

/** The application's .ts files: what tsconfig.json builds, tests and benchmarks left out. */
export function appSourceFiles(): string[] {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  return config.include.filter((p) => !NOT_APP.has(p)).flatMap((p) => tsFiles(join(ROOT, p)));
}

function tsFiles(path: string): string[] {
  if (statSync(path).isDirectory())
    return readdirSync(path)
      .filter((name) => !NOT_APP.has(name))
      .flatMap((name) => tsFiles(join(path, name)));
  return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** Every regex literal in a source file. */
export function regexLiterals(file: string): FoundRegExp[] {
  const source = parse(file);
  const found: FoundRegExp[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const end = text.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ source: text.slice(1, end), flags: text.slice(end + 1), where: `${relative(ROOT, file)}:${line}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A file that runs its `main` when loaded (index.ts, the CLIs): loading it would start the program. */
export function runsOnLoad(file: string): boolean {
  const callsMain = (node: ts.Node): boolean =>
    (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'main') ||
    ts.forEachChild(node, callsMain) === true;
  return parse(file).statements.some((s) => ts.isExpressionStatement(s) && callsMain(s));
}

/** The first stack frame in the application's own files, as "file:line"; none when a library built it. */
function appCaller(stack: string): string | undefined {
  const frames = stack.split('\n').slice(1);
  const first = frames.find((f) => !f.includes(__filename) && (f.includes(ROOT) || f.includes('node_modules')));
  const match = first && /\(?([^()\s]+):(\d+):\d+\)?$/.exec(first.trim());
  if (!match?.[1] || match[1].includes(`${sep}node_modules${sep}`)) return undefined;
  const file = relative(ROOT, match[1]);
  return file.startsWith('test') || file.startsWith('..') ? undefined : `${file}:${match[2]}`;
}

/**
 * Runs `body` with the global RegExp constructor wrapped, and returns every pattern the
 * application's files built with `new RegExp(…)` or `RegExp(…)` meanwhile. Why a Proxy: it keeps
 * `instanceof`, the prototype and the statics, and regexes it builds are ordinary ones.
 */
export async function recordRegExps(body: () => Promise<void>): Promise<FoundRegExp[]> {
  const original = globalThis.RegExp;
  const found: FoundRegExp[] = [];
  const record = (made: RegExp): RegExp => {
    const where = appCaller(new Error().stack ?? '');
    if (where) found.push({ source: made.source, flags: made.flags, where });
    return made;
  };
  globalThis.RegExp = new Proxy(original, {
    construct: (target, args: [string | RegExp, string?]) => record(new target(...args)),
    apply: (target, _this, args: [string | RegExp, string?]) => record(target(...args)),
  });
  try {
    await body();
  } finally {
    globalThis.RegExp = original;
  }
  return found;
}

/**
 * Fixed so that verdicts do not depend on the machine's load: a seed for the fuzzer, and its
 * limits counted in steps, not milliseconds; the overall timeout only stops a runaway check.
 */
export const RECHECK_PARAMETERS: Parameters = {
  randomSeed: 0,
  timeout: 120_000,
  incubationTimeout: null,
  attackTimeout: null,
  seedingTimeout: null,
};

const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'regex-safety');

/** recheck's verdict on a pattern; 'safe' verdicts are kept on disk, so an unchanged pattern is checked once. */
export function rate(source: string, flags: string): Diagnostics | { status: 'safe'; cached: true } {
  const key = createHash('sha256')
    .update(JSON.stringify([recheckVersion(), RECHECK_PARAMETERS, source, flags]))
    .digest('hex');
  const file = join(CACHE_DIR, key);
  try {
    statSync(file);
    return { status: 'safe', cached: true };
  } catch {
    const verdict = checkSync(source, flags, RECHECK_PARAMETERS);
    if (verdict.status === 'safe') {
      mkdirSync(CACHE_DIR, { recursive: true });
      writeFileSync(file, '');
    }
    return verdict;
  }
}

function recheckVersion(): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** A one-line account of a verdict other than 'safe'. */
export function explainVerdict(verdict: Diagnostics): string {
  if (verdict.status === 'vulnerable')
    return `${verdict.complexity.summary}, attack ${verdict.attack.pattern.slice(0, 80)}`;
  if (verdict.status === 'unknown') return `unknown (${verdict.error.kind})`;
  return verdict.status;
}
