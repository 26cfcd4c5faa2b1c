/** The README's two embed snippets, as written there, on a page of another site (another loopback origin), in Chromium. */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser, staysLocal, type Browser } from '../bench/browser';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';

jest.setTimeout(30_000);

/** Where the README's snippets say the bot runs; the test puts the real address in its place. */
const README_BOT = 'https://chat.example.com';

/** The html code block after `<!-- marker -->` in the README. */
function snippet(marker: string): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /```html\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(`<!-- ${marker} -->`)));
  if (!block?.[1]) throw new Error(`README.md has no html block after <!-- ${marker} -->`);
  return block[1];
}

let host: Server;
let hostUrl: string;
let app: RunningWebChat;
let browser: Browser;

beforeAll(async () => {
  // Another site: serves /iframe and /script, each a page holding one snippet pointed at the bot.
  host = createServer((req, res) => {
    const marker = req.url === '/iframe' ? 'embed-iframe' : req.url === '/script' ? 'embed-script' : undefined;
    if (!marker) {
      res.statusCode = 404;
      return void res.end();
    }
    const body = snippet(marker).replaceAll(README_BOT, app.url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Another site</title></head><body>${body}</body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  [app, browser] = await Promise.all([startWebChatServer({ env: { WEBCHAT_ORIGINS: hostUrl } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function askForSmtpPort(page: Page | FrameLocator): Promise<void> {
  await page
    .getByText(/I.m the BT Email settings assistant/)
    .first()
    .waitFor();
  await page.getByRole('textbox', { name: /Message input box/i }).fill('what port for SMTP');
  await page.getByRole('textbox', { name: /Message input box/i }).press('Enter');
  await page
    .getByText(/port 465/)
    .first()
    .waitFor();
}

describe('embedding the chat on another site', () => {
  it('lets an allowed site frame the page', async () => {
    const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy');
    expect(csp).toContain(`frame-ancestors 'self' ${hostUrl}`);
  });

  it('works in an iframe (the first snippet)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hostUrl}/iframe`);
    await askForSmtpPort(page.frameLocator('iframe'));
    await page.close();
  });

  it('works as Web Chat on the other page with a token from the bot (the second snippet)', async () => {
    const page = await browser.context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).host));
    await page.goto(`${hostUrl}/script`);
    await askForSmtpPort(page);
    expect(sockets).toEqual([new URL(app.url).host]);
    await page.close();
  });

  it('never asked for anything outside this machine', () => {
    expect(browser.requests.filter((url) => !staysLocal(url))).toEqual([]);
  });
});
