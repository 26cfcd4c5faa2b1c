/** The chat page end to end: the official Web Chat in real headless Chromium, against the real server and bot. */
import type { Page } from 'playwright-core';
import { launchBrowser, staysLocal, type Browser } from '../bench/browser';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';

jest.setTimeout(30_000);

let app: RunningWebChat;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebChatServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const WELCOME = /I.m the BT Email settings assistant/;

/** A new tab on the chat page, with the welcome shown; `errors` collects script errors and CSP violations. */
async function openChat(path = '/'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${app.url}${path}`);
  await page.getByText(WELCOME).first().waitFor();
  return { page, errors };
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: /Message input box/i }).fill(text);
  await page.keyboard.press('Enter');
}

/** The last button with this name: a card's buttons and suggested actions may share names with earlier ones. */
async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).last().click();
}

/** What the page keeps in sessionStorage to continue the conversation after a reload. */
async function saved(page: Page): Promise<{ conversationId?: string; token?: string }> {
  return JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('bt-email-chat')")) ?? '{}');
}

function transcript(page: Page): Promise<string> {
  return page.locator('#webchat').innerText();
}

describe('the chat page', () => {
  it('has a clear title, a heading, a language, and the welcome with its buttons before anything is typed', async () => {
    const { page, errors } = await openChat();
    expect(await page.title()).toBe('BT Email help – chat with the settings assistant');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('BT Email help');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    for (const name of ['SMTP settings', 'IMAP settings', 'Error 530', 'Switch POP to IMAP', 'Talk to a person'])
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBeGreaterThan(0);
    expect(await page.locator('body').getAttribute('data-chat-status')).toBe('online');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers "what port for SMTP" with 465', async () => {
    const { page } = await openChat();
    await ask(page, 'what port for SMTP');
    await page
      .getByText(/port 465/)
      .first()
      .waitFor();
    expect(await transcript(page)).not.toMatch(/Send failed/i);
    await page.close();
  });

  it('walks through POP to IMAP by its buttons to "Was this helpful?"', async () => {
    const { page } = await openChat();
    await click(page, 'Switch POP to IMAP');
    await page
      .getByText(/Step 1 of 6/)
      .last()
      .waitFor();
    await click(page, 'Outlook');
    for (let step = 2; step <= 6; step++) {
      await page
        .getByText(new RegExp(`Step ${step} of 6`))
        .last()
        .waitFor();
      await click(page, 'Next');
    }
    await page
      .getByText(/Was this helpful\?/)
      .last()
      .waitFor();
    await click(page, 'Yes, that helped');
    await page
      .getByText(/thanks for letting me know/)
      .last()
      .waitFor();
    await page.close();
  });

  it('continues the conversation after a reload: same conversation, history shown once, and it goes on', async () => {
    const { page } = await openChat();
    await ask(page, 'what port for SMTP');
    await page
      .getByText(/port 465/)
      .first()
      .waitFor();
    const before = await saved(page);
    await page.reload();
    await page
      .getByText(/port 465/)
      .first()
      .waitFor();
    const after = await saved(page);
    expect(after.conversationId).toBe(before.conversationId);
    expect((await transcript(page)).match(/Bot BT said: Hello! I.m the BT Email settings assistant/g)).toHaveLength(1);
    await ask(page, 'and the IMAP server?');
    await page
      .getByText(/IMAP\) server is/)
      .first()
      .waitFor();
    await page.close();
  });

  it('starts afresh in a new tab', async () => {
    const { page } = await openChat();
    expect(await transcript(page)).not.toMatch(/port 465/);
    await page.close();
  });

  it('works by polling when WebSockets are not wanted (?transport=polling)', async () => {
    const { page } = await openChat('/?transport=polling');
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await ask(page, 'what port for SMTP');
    await page
      .getByText(/port 465/)
      .first()
      .waitFor();
    expect(sockets).toEqual([]);
    await page.close();
  });

  it('fits a phone: no sideways scrolling, and the message box is on screen', async () => {
    const { page } = await openChat();
    await page.setViewportSize({ width: 360, height: 640 });
    // Why strings: the tests compile without the DOM library; these run in the page.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    expect(await page.getByRole('textbox', { name: /Message input box/i }).isVisible()).toBe(true);
    await page.close();
  });

  it('offers a new chat when the conversation has ended', async () => {
    const { page } = await openChat();
    app.webChat.directLine.service.close();
    await page.getByRole('button', { name: 'Start a new chat' }).click({ timeout: 20_000 });
    await page.getByText(WELCOME).first().waitFor();
    await page.close();
  });

  it('never asked for anything outside this machine', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requests.filter((url) => !staysLocal(url))).toEqual([]);
  });
});
