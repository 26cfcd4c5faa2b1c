/**
 * Insights end to end: customers talk to the whole app (createApp, the default SQLite store) over real HTTP, then a
 * support-team member signs in to the page in headless Chromium and sees those very conversations: the charts drawn,
 * the unanswered question grouped with its example, and no answered question's text and no password anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, type Browser } from '../bench/browser';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp, type App } from '../server/app';
import { INSIGHTS_KEY, INSIGHTS_SECRET } from './helpers/insights-fixtures';

jest.setTimeout(60_000);

const NOW = new Date();
let dir: string;
let connector: ConnectorStandIn;
let app: App;
let url: string;
let browser: Browser;

async function post(conversation: string, text: string, n: number): Promise<void> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...{ type: 'message', id: `m-${conversation}-${n}`, text, channelId: 'emulator' },
      ...{ serviceUrl: connector.serviceUrl, conversation: { id: conversation } },
      ...{ from: { id: `customer-${conversation}` }, recipient: { id: 'bot' } },
    }),
  });
  expect(res.status).toBeLessThan(300);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'insights-e2e-'));
  connector = await startConnector();
  const config = parseConfig({
    ...{ STORAGE: 'sqlite', DATA_DIR: dir },
    ...{ INSIGHTS_API_KEY: INSIGHTS_KEY, LINK_SIGNING_SECRET: INSIGHTS_SECRET },
  });
  app = await createApp(config, createLogger('silent'), createAnswerer(), { now: () => NOW });
  url = await listen(app.server, 0, '127.0.0.1');
  const talks: [string, string[]][] = [
    ['c-1', ['what port for smtp', 'how do I knit a scarf from wool']],
    ['c-2', ['imap server please', 'my password is Hunter2-secret! how do I knit a scarf']],
    ['c-3', ['why do I get error 530']],
  ];
  for (const [conversation, messages] of talks)
    for (const [n, text] of messages.entries()) await post(conversation, text, n);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("shows the customers' own conversations, with the unanswered question grouped and nothing secret", async () => {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${url}/insights`);
  await page.getByLabel('Insights key').fill(INSIGHTS_KEY);
  await page.keyboard.press('Enter');
  await page.locator('body[data-state="ready"]').waitFor();
  const text = await page.locator('body').innerText();
  expect(text).toMatch(/Conversations\s+3\b/);
  expect(text).toMatch(/knit/i);
  expect(text).not.toContain('Hunter2');
  expect(text).not.toMatch(/what port for smtp|imap server please/i);
  const drawn = await page.evaluate<number>(`(() => {
    const canvas = document.getElementById('chart-conversations');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  })()`);
  expect(drawn).toBeGreaterThan(100);
  expect(requests.every((r) => r.startsWith(url))).toBe(true);
  await page.close();
});
