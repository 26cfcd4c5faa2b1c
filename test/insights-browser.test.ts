/**
 * The insights page in real headless Chromium against the real server and routes, fed fixed reports: signing in,
 * the charts drawn, the filters asking for other data, the unanswered groups and "Copy as YAML", the keyboard,
 * a phone's width, and no request leaving the machine. `INSIGHTS_SCREENSHOT=docs/insights.png` saves the picture.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, staysLocal, type Browser } from '../bench/browser';
import { INSIGHTS_TEXT } from '../server/insights-routes';
import {
  FIXTURE_REPORT,
  HOSTILE,
  INSIGHTS_KEY,
  fixtureSource,
  startInsightsServer,
  type InsightsServer,
} from './helpers/insights-fixtures';
import { entrySkeleton } from '../insights/entry-skeleton';

jest.setTimeout(30_000);

const CHARTS = ['conversations', 'answers', 'top-questions', 'helpfulness', 'funnel', 'handovers'];

let app: InsightsServer;
let source: ReturnType<typeof fixtureSource>;
let browser: Browser;

beforeAll(async () => {
  source = fixtureSource();
  [app, browser] = await Promise.all([startInsightsServer({ source }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A new tab; `errors` collects script errors and console errors (CSP violations are reported there). */
async function newTab(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The 401 before signing in is the page working as meant; any other error is not.
  const expected = /^Failed to load resource: the server responded with a status of 401/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.test(message.text())) errors.push(message.text());
  });
  return { page, errors };
}

/** Signs in through the form with the keyboard only (signed out first: tabs share cookies), and waits for the report. */
async function signIn(page: Page, url = app.url, path = '/insights'): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${url}${path}`);
  await page.getByLabel('Insights key').fill(INSIGHTS_KEY);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/insights$/);
  await page.locator('body[data-state="ready"]').waitFor();
}

async function apply(page: Page, filter: { from?: string; to?: string; channel?: string }): Promise<void> {
  if (filter.from) await page.getByLabel('From', { exact: true }).fill(filter.from);
  if (filter.to) await page.getByLabel('To', { exact: true }).fill(filter.to);
  if (filter.channel !== undefined) await page.getByLabel('Channel', { exact: true }).selectOption(filter.channel);
  await page.getByRole('button', { name: 'Show' }).click();
  await page.locator('body[data-state="ready"]').waitFor();
}

/** How many pixels of a canvas are drawn on (not transparent). Why a string: the tests compile without DOM types. */
function drawnPixels(page: Page, id: string): Promise<number> {
  return page.evaluate<number>(`(() => {
    const canvas = document.getElementById('chart-${id}');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return drawn;
  })()`);
}

/** The focused element's accessible name as the page gives it: aria-label, else id, else its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const node = document.activeElement;
    return node.getAttribute('aria-label') || node.id || node.innerText;
  })()`);
}

function tableText(page: Page, id: string): Promise<string> {
  return page.locator(`#table-${id}`).evaluate((node) => node.textContent ?? '');
}

describe('the insights page', () => {
  it('without signing in: 401, the sign-in form, no chart and no data', async () => {
    const { page } = await newTab();
    const response = await page.goto(`${app.url}/insights`);
    expect(response?.status()).toBe(401);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Support insights');
    expect(await page.getByText(INSIGHTS_TEXT.signIn).count()).toBe(1);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.content()).not.toContain('forward email outlook');
    await page.close();
  });

  it('signs in, draws every chart from the report with its table, and asks nothing of any other machine', async () => {
    const { page, errors } = await newTab();
    browser.requests.splice(0);
    await signIn(page);
    expect(await page.title()).toBe('Support insights – BT Email support bot');
    for (const id of CHARTS) expect(await drawnPixels(page, id)).toBeGreaterThan(500);
    expect(await tableText(page, 'top-questions')).toContain('smtp settings412');
    expect(await tableText(page, 'conversations')).toContain('directlineemulatormsteamsTotal');
    expect(await page.locator('#tiles').innerText()).toMatch(/Agent rating\s+4\.4 \(63\)/);
    expect(await page.locator('#tiles').innerText()).toMatch(
      /Time to accept \(median \/ 90%\)\s+1 min 24 s \/ 5 min 12 s/,
    );
    expect(await page.locator('#where').isHidden()).toBe(true);
    if (process.env.INSIGHTS_SCREENSHOT)
      await page.screenshot({ path: process.env.INSIGHTS_SCREENSHOT, fullPage: true });
    expect(errors).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(5);
    expect(browser.requests.filter((url) => !staysLocal(url))).toEqual([]);
    expect(browser.requests.filter((url) => url.includes('chart'))).toEqual([`${app.url}/insights/chart.umd.js`]);
    await page.close();
  });

  it('filters: the dates and the channel go into the data request, the URL and the CSV links, and the charts follow', async () => {
    const { page, errors } = await newTab();
    await signIn(page);
    const before = await tableText(page, 'top-questions');
    const asked = page.waitForRequest((request) => request.url().includes('/insights/data?'));
    await apply(page, { from: '2026-03-03', to: '2026-03-09', channel: 'msteams' });
    expect((await asked).url()).toBe(`${app.url}/insights/data?from=2026-03-03&to=2026-03-09&channel=msteams`);
    expect(source.asked.at(-1)).toEqual({ from: '2026-03-03', to: '2026-03-09', channel: 'msteams' });
    expect(page.url()).toBe(`${app.url}/insights?from=2026-03-03&to=2026-03-09&channel=msteams`);
    expect(await tableText(page, 'top-questions')).not.toBe(before);
    expect(await tableText(page, 'top-questions')).toContain('smtp settings137');
    expect(await tableText(page, 'conversations')).toContain('DaymsteamsTotal');
    expect(await page.getByRole('link', { name: 'Download "Top questions" as CSV' }).getAttribute('href')).toBe(
      '/insights/csv/top-questions?from=2026-03-03&to=2026-03-09&channel=msteams',
    );
    expect(await page.locator('#status').innerText()).toBe('Showing 2026-03-03 to 2026-03-09, channel msteams.');
    await apply(page, { channel: '' });
    expect(source.asked.at(-1)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(await tableText(page, 'top-questions')).toContain('smtp settings412');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a CSV link downloads the table with the session cookie', async () => {
    const { page } = await newTab();
    await signIn(page);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download "Top questions" as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('insights-top-questions-2026-02-13-2026-03-14.csv');
    await page.close();
  });

  it("shows the unanswered groups with count, examples and nearest entry, customers' words as text only", async () => {
    const { page } = await newTab();
    await signIn(page);
    const groups = page.locator('#unanswered-list > li.group');
    expect(await groups.count()).toBe(2);
    const first = await groups.nth(0).innerText();
    expect(first).toContain('“forward email outlook”');
    expect(first).toContain('23 times');
    expect(first).toContain('Nearest entry: addresses – “what email addresses can i use”');
    expect(first).toContain(HOSTILE.formula);
    expect(await groups.nth(1).innerText()).toContain('No entry is near.');
    expect(await groups.nth(1).innerText()).toContain(HOSTILE.markup);
    expect(await page.locator('#unanswered-list img').count()).toBe(0);
    await page.close();
  });

  it('"Copy as YAML" puts the entry skeleton, examples as its questions, on the clipboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const { page } = await newTab();
    await signIn(page);
    await page.getByRole('button', { name: 'Copy as YAML: forward email outlook' }).click();
    await page.getByText('Copied the entry for “forward email outlook” as YAML.').waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(entrySkeleton(FIXTURE_REPORT.unanswered[0]!));
    expect(copied).toContain('  - id: todo-forward-email-outlook');
    expect(copied).toContain('      - forward emails to my gmail');
    await page.close();
  });

  it('every control is reached with Tab, in order, and named', async () => {
    const { page } = await newTab();
    await signIn(page);
    const reached: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.push(await focusedName(page));
    }
    const order = [
      'Skip to the insights',
      'Sign out',
      'from',
      'to',
      'channel',
      'Show',
      'Download "Conversations per day, by channel" as CSV',
    ];
    // Why unique: a date input takes three Tabs (day, month, year), and the focus comes round again at the end.
    const unique = [...new Set(reached)];
    expect(unique.filter((name) => order.includes(name))).toEqual(order);
    expect(reached).toContain('Table: Top questions');
    expect(reached).toContain('Copy as YAML: forward email outlook');
    await page.close();
  });

  it('fits a phone: nothing wider than the screen, tables scroll in their own box', async () => {
    const { page } = await newTab();
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page);
    await page.locator('details.table summary').first().click();
    const widths = await page.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(await drawnPixels(page, 'conversations')).toBeGreaterThan(500);
    await page.close();
  });

  it('says where the data is when the source is elsewhere (Application Insights)', async () => {
    const remote = await startInsightsServer({ source: fixtureSource('Application Insights, resource bt-email-bot') });
    try {
      const { page } = await newTab();
      await signIn(page, remote.url, '/insights');
      expect(await page.locator('#where').innerText()).toBe(
        'Where the data is: Application Insights, resource bt-email-bot',
      );
      await page.close();
    } finally {
      await remote.close();
    }
  });

  it('signs out with its button, and the page is the sign-in form again', async () => {
    const { page } = await newTab();
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Insights key').waitFor();
    const response = await page.reload();
    expect(response?.status()).toBe(401);
    await page.close();
  });
});
