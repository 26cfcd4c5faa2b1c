/** Azure mode: the token endpoint exchanges DIRECTLINE_SECRET with tokens/generate, and the page talks to that Direct Line. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchBrowser, staysLocal, type Browser } from '../bench/browser';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';
import { TOKEN_TEXT } from '../directline';

jest.setTimeout(30_000);

const SECRET = 'direct-line-secret-that-must-stay-on-the-server';

/** What the stand-in of Azure's tokens/generate was asked. */
interface Generated {
  authorization?: string;
  body: { user?: { id?: string } };
}

/** A loopback stand-in of Azure's POST /v3/directline/tokens/generate, answering with `status`. */
async function startTokensGenerate(status = 200): Promise<{ url: string; calls: Generated[]; close(): Promise<void> }> {
  const calls: Generated[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate') {
        res.statusCode = 404;
        return void res.end();
      }
      calls.push({ authorization: req.headers.authorization, body: JSON.parse(body || '{}') });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(status === 200 ? { conversationId: 'azure-conv', token: 'azure-token', expires_in: 1800 } : {}),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function azureEnv(endpoint: string): NodeJS.ProcessEnv {
  return { DIRECTLINE_SECRET: SECRET, DIRECTLINE_ENDPOINT: endpoint };
}

describe('the token endpoint in Azure mode', () => {
  it('exchanges the secret on the server and gives the page only the token and Azure domain', async () => {
    const azure = await startTokensGenerate();
    const app = await startWebChatServer({ env: azureEnv(azure.url) });
    try {
      const res = await fetch(`${app.url}/api/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        token: 'azure-token',
        conversationId: 'azure-conv',
        expiresIn: 1800,
        domain: `${azure.url}/v3/directline`,
      });
      expect(text).not.toContain(SECRET);
      expect(azure.calls).toEqual([
        { authorization: `Bearer ${SECRET}`, body: { user: { id: expect.stringMatching(/^dl_/) } } },
      ]);
      expect(app.logs.join('')).not.toContain(SECRET);
      const csp = (await fetch(`${app.url}/`)).headers.get('content-security-policy');
      expect(csp).toContain(`connect-src 'self' ${azure.url} ${azure.url.replace('http:', 'ws:')}`);
    } finally {
      await app.close();
      await azure.close();
    }
  });

  it.each([
    ['refuses the secret', 403],
    ['fails', 500],
  ])('answers 502 with a plain message when Direct Line %s, and never shows the secret', async (_name, status) => {
    const azure = await startTokensGenerate(status);
    const app = await startWebChatServer({ env: azureEnv(azure.url) });
    try {
      const res = await fetch(`${app.url}/api/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ error: TOKEN_TEXT.unavailable });
      expect(app.logs.join('')).toContain('tokens/generate failed');
      expect(app.logs.join('')).not.toContain(SECRET);
    } finally {
      await app.close();
      await azure.close();
    }
  });

  it('answers 502 when Direct Line cannot be reached', async () => {
    const azure = await startTokensGenerate();
    await azure.close();
    const app = await startWebChatServer({ env: azureEnv(azure.url) });
    try {
      const res = await fetch(`${app.url}/api/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(502);
    } finally {
      await app.close();
    }
  });
});

describe('the page in Azure mode, in Chromium', () => {
  // Azure's Direct Line, played by this project's own Direct Line on another loopback port (another origin).
  const azureOrigins: string[] = [];
  let azure: RunningWebChat;
  let app: RunningWebChat;
  let browser: Browser;

  beforeAll(async () => {
    azure = await startWebChatServer({ generateSecret: SECRET, allowedOrigins: azureOrigins });
    [app, browser] = await Promise.all([startWebChatServer({ env: azureEnv(azure.url) }), launchBrowser()]);
    azureOrigins.push(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await azure?.close();
  });

  it('connects Web Chat to the configured Direct Line, not to this server, and answers', async () => {
    const page = await browser.context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${app.url}/`);
    await page
      .getByText(/I.m the BT Email settings assistant/)
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: /Message input box/i }).fill('what port for SMTP');
    await page.keyboard.press('Enter');
    await page
      .getByText(/port 465/)
      .first()
      .waitFor();
    expect(sockets.map((url) => new URL(url).host)).toEqual([new URL(azure.url).host]);
    expect(browser.requests.filter((url) => url.startsWith(`${app.url}/v3/`))).toEqual([]);
    expect(browser.requests.filter((url) => !staysLocal(url))).toEqual([]);
    await page.close();
  });
});

describe("the built-in Direct Line's tokens/generate (what plays Azure above)", () => {
  it.each<[string, string | undefined, string, number]>([
    ['no secret configured', undefined, SECRET, 403],
    ['a wrong secret', SECRET, 'not-the-secret', 403],
    ['a secret that only starts right', SECRET, SECRET.slice(0, 10), 403],
    ['the secret', SECRET, SECRET, 200],
  ])('answers a backend with %s: %i', async (_name, generateSecret, given, status) => {
    const app = await startWebChatServer({ generateSecret });
    try {
      const res = await fetch(`${app.url}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${given}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: 'dl_customer-1' } }),
      });
      expect(res.status).toBe(status);
      if (status === 200) {
        const { token } = (await res.json()) as { token: string };
        expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user).toBe('dl_customer-1');
      }
    } finally {
      await app.close();
    }
  });
});
