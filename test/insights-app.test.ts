/**
 * Insights in the whole app (createApp, STORAGE=sqlite, the default): customers' messages over real
 * HTTP become events in DATA_DIR/bot.sqlite, read back as the report after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp, type App } from '../server/app';
import { openSqliteStores } from '../storage/sqlite';

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = { from: '2026-03-02', to: '2026-03-02' };
const answerer = createAnswerer();

let dir: string;
let connector: ConnectorStandIn;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'insights-app-'));
  connector = await startConnector();
});
afterAll(async () => {
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ app: App; url: string }> {
  const config = parseConfig({ STORAGE: 'sqlite', DATA_DIR: dir });
  const app = await createApp(config, createLogger('silent'), answerer, { now: () => NOW });
  return { app, url: await listen(app.server, 0, '127.0.0.1') };
}

async function post(url: string, conversation: string, text: string): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${conversation}-${text.length}`,
      text,
      channelId: 'emulator',
      serviceUrl: connector.serviceUrl,
      conversation: { id: conversation },
      from: { id: 'customer' },
      recipient: { id: 'bot' },
    }),
  });
  expect(res.status).toBeLessThan(300);
}

it('messages become events in bot.sqlite; the report reads them after a restart', async () => {
  const first = await start();
  expect(first.app.insights).toBeDefined();
  await post(first.url, 'c-1', 'what port for smtp');
  await post(first.url, 'c-1', 'how do I bake sourdough bread');
  await post(first.url, 'c-2', 'my password is Hunter2-secret! can I bake sourdough bread');
  await first.app.close();

  const stores = openSqliteStores(dir);
  try {
    const report = await stores.insights!.report(DAY);
    expect(report.conversationsPerDay).toEqual([{ day: DAY.from, channel: 'emulator', count: 2 }]);
    expect(report.answerKindsPerDay).toEqual([{ day: DAY.from, answer: 1, clarify: 0, didYouMean: 0, none: 2 }]);
    expect(report.topQuestions).toEqual([{ about: 'settings:smtp:port', count: 1 }]);
    expect(report.unanswered.map((g) => g.count).reduce((a, b) => a + b, 0)).toBe(2);
    expect(JSON.stringify(report)).not.toContain('Hunter2');
    expect(JSON.stringify(report)).not.toContain('what port');
  } finally {
    await stores.close();
  }
});
