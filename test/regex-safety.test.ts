/**
 * Every RegExp the application compiles runs in linear time: recheck rates each one 'safe'. The
 * patterns are found in the source (regex literals, through the TypeScript compiler) and at run
 * time (the RegExp constructor wrapped while every module loads and the real bot, over HTTP, and
 * the search over every knowledge directory answer a corpus), which also catches patterns made
 * from the knowledge data. A new regex anywhere in the app is checked without touching this file.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADVERSARIAL_SHAPES, adversarialText } from '../bench/adversarial';
import {
  appSourceFiles,
  explainVerdict,
  rate,
  recordRegExps,
  regexLiterals,
  ROOT,
  runsOnLoad,
  type FoundRegExp,
} from './helpers/regex-inventory';

/**
 * Knowledge directories: the real one, and it with the test fixture's second provider (beside the
 * first, as a second provider is shipped: the routes' entries must be in the first, knowledge/routes.ts).
 */
function knowledgeDirs(): string[] {
  const withSecond = mkdtempSync(join(tmpdir(), 'kb-'));
  copyFileSync(join(ROOT, 'knowledge', 'data', 'bt-email.yaml'), join(withSecond, 'bt-email.yaml'));
  copyFileSync(
    join(ROOT, 'test', 'fixtures', 'second-provider', 'example-mail.yaml'),
    join(withSecond, 'example-mail.yaml'),
  );
  return [join(ROOT, 'knowledge', 'data'), withSecond];
}

/** What customers say: the held-out utterances, every turn of the held-out cases, and hostile shapes. */
function corpus(): string[] {
  const fixtures = join(ROOT, 'test', 'fixtures');
  const utterances = JSON.parse(readFileSync(join(fixtures, 'utterances.json'), 'utf8')) as { q: string }[];
  const cases = ['heldout-cases.json', 'heldout-cases-2.json', 'heldout-cases-3.json', 'heldout-cases-4.json'].flatMap(
    (f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as { turns: { user: string }[] }[],
  );
  const hostile = Object.values(ADVERSARIAL_SHAPES).map((unit) => adversarialText(unit, 200));
  return [...utterances.map((u) => u.q), ...cases.flatMap((c) => c.turns.map((t) => t.user)), ...hostile];
}

/** Loads every module (index.ts and the CLIs would start, so not those), then runs the real parts over the corpus. */
async function exerciseTheApp(texts: string[]): Promise<void> {
  for (const file of appSourceFiles().filter((f) => !runsOnLoad(f))) await import(file);
  const { createAnswerer, loadKnowledgeDir } = await import('../knowledge');
  const { redactSecrets } = await import('../transcripts/redact');
  const { openMemoryStores } = await import('../storage/memory');
  const { startBotServer } = await import('./helpers/bot-server');
  for (const dir of knowledgeDirs()) {
    const answerer = createAnswerer(loadKnowledgeDir(dir));
    for (const text of texts) answerer.ask(text);
  }
  texts.forEach(redactSecrets);
  const bot = await startBotServer(openMemoryStores());
  try {
    for (const [i, text] of texts.entries()) await expectReplies(bot.url, `regex-${i % 20}`, text);
  } finally {
    await bot.close();
  }
}

/** One message through /api/messages, replies in the response: the whole turn, transcript included, with no connector. */
async function expectReplies(url: string, conversationId: string, text: string): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${Math.random()}`,
      text,
      channelId: 'webchat',
      deliveryMode: 'expectReplies',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversationId },
      from: { id: `user-${conversationId}`, role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
    }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

let literals: FoundRegExp[];
let built: FoundRegExp[];

beforeAll(async () => {
  literals = appSourceFiles().flatMap(regexLiterals);
  built = await recordRegExps(() => exerciseTheApp(corpus()));
}, 120_000);

describe('the regex inventory', () => {
  it('finds the literals in every part of the app', () => {
    const folders = new Set(literals.map((r) => r.where.split(/[/:]/)[0]));
    expect([...folders].sort()).toEqual(
      expect.arrayContaining(['bots', 'config.ts', 'dialogs', 'directline', 'knowledge', 'server', 'transcripts']),
    );
  });

  it('catches patterns built at run time, from code and from the knowledge data', () => {
    const where = built.map((r) => r.where.split(':')[0]);
    // lexicon-file.ts builds the word lists of knowledge/data/lexicon.yaml, and intents.ts combines its
    // intentWords lists: data patterns pass the same check.
    expect(where).toEqual(
      expect.arrayContaining([
        'knowledge/pipeline.ts',
        'knowledge/lexicon.ts',
        'knowledge/lexicon-file.ts',
        'knowledge/intents.ts',
      ]),
    );
    // The provider's domains become patterns (slots.ts): those of the second provider too.
    const fromData = built.filter((r) => r.where.startsWith('knowledge/slots.ts')).map((r) => r.source);
    expect(fromData.join(' ')).toMatch(/btinternet[\s\S]*example/);
  });
});

it('every RegExp the app compiles is rated safe (linear) by recheck', () => {
  const unique = new Map<string, FoundRegExp[]>();
  for (const r of [...literals, ...built])
    unique.set(`/${r.source}/${r.flags}`, [...(unique.get(`/${r.source}/${r.flags}`) ?? []), r]);
  const unsafe: string[] = [];
  for (const [pattern, sites] of unique) {
    const verdict = rate(sites[0]!.source, sites[0]!.flags);
    if (verdict.status !== 'safe')
      unsafe.push(
        `${[...new Set(sites.map((s) => s.where))].join(', ')}: ${pattern.slice(0, 200)} — ${explainVerdict(verdict)}`,
      );
  }
  expect(unsafe).toEqual([]);
}, 600_000);
