/** The Apple settings file from the web chat, in real headless Chromium: the card's button downloads the profile. */
import { readFileSync } from 'node:fs';
import type { Download, Page, Response } from 'playwright-core';
import { parse, type PlistObject } from 'plist';
import { launchBrowser, type Browser } from '../bench/browser';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';

jest.setTimeout(60_000);

let app: RunningWebChat;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebChatServer({ setupFiles: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openChat(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${app.url}/`);
  await page
    .getByText(/I.m the BT Email settings assistant/)
    .first()
    .waitFor();
  return page;
}

/**
 * The download the button starts, and the response it got. Why listen on the new tab too: Web Chat
 * opens a card's link in a new tab, which Chromium closes once it turns out to be a download.
 */
function nextDownload(page: Page): Promise<{ download: Download; response: Response }> {
  return new Promise((resolve) => {
    let response: Response | undefined;
    const seen = (r: Response) => r.url().includes('/setup/profile/') && (response = r);
    const done = (download: Download) => resolve({ download, response: response! });
    page.on('download', done);
    browser.context.on('response', seen);
    browser.context.once('page', (tab) => tab.on('download', done));
  });
}

describe('the settings-file button in the web chat', () => {
  it('downloads a profile of type application/x-apple-aspen-config with the address given in the chat', async () => {
    const page = await openChat();
    await page
      .getByRole('textbox', { name: /Message input box/i })
      .fill('imap settings for my iphone, my email is jo.bloggs@btinternet.com');
    await page.keyboard.press('Enter');
    const button = page.getByRole('button', { name: 'Download the settings file' }).last();
    await button.waitFor();
    expect(await page.locator('#webchat').innerText()).toMatch(/open it in Safari, then finish in Settings/i);
    const downloaded = nextDownload(page);
    await button.click();
    const { download, response } = await downloaded;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/x-apple-aspen-config');
    expect(download.url()).toMatch(/\/setup\/profile\/[\w-]{32}$/);
    expect(download.url()).not.toContain('bloggs');
    expect(download.suggestedFilename()).toBe('BT-Email.mobileconfig');
    const profile = parse(readFileSync((await download.path())!, 'utf8')) as { PayloadContent: PlistObject[] };
    expect(profile.PayloadContent[0]).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAddress: 'jo.bloggs@btinternet.com',
      IncomingMailServerHostName: 'mail.btinternet.com',
    });
    await page.close();
  });
});
