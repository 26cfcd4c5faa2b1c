/**
 * `npm run bench:webchat`: the chat page as a customer gets it, from `node dist/index.js` (as `npm start` runs it)
 * to headless Chromium: how long until the welcome shows, and from pressing Enter until the answer shows.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startBuiltBot } from './built-bot';

const ROUNDS = Number(process.env.ROUNDS ?? 20);
/** A pause between questions, as a person would take; it also keeps within the per-conversation rate limit. */
const THINK_MS = 300;
const TARGET_MS = 300;

/** Questions and a piece of each answer that only that answer adds. */
const QUESTIONS: readonly [string, string][] = [
  ['what port for SMTP', 'port 465'],
  ['what port for IMAP', 'port 993'],
  ['what port for POP', 'port 995'],
];

/**
 * Runs in the page before its scripts: records when the welcome appears, when Enter is pressed, and (via
 * `__bench.answered`) when a marker appears once more, each taken at the next animation frame (about when painted).
 */
const PROBE = `(() => {
  const bench = (window.__bench = { welcomeAt: undefined, sentAt: undefined, waiters: [] });
  const text = () => (document.getElementById('webchat') || {}).textContent || '';
  const count = (marker) => text().split(marker).length - 1;
  const painted = (resolve) => requestAnimationFrame(() => resolve(performance.now()));
  bench.count = count;
  bench.answered = (marker, before) => new Promise((resolve) => bench.waiters.push({ marker, before, resolve }));
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter') bench.sentAt = performance.now(); }, true);
  const check = () => {
    if (bench.welcomeAt === undefined && /settings assistant/.test(text())) painted((t) => (bench.welcomeAt ??= t));
    bench.waiters = bench.waiters.filter((w) => (count(w.marker) > w.before ? (painted(w.resolve), false) : true));
  };
  document.addEventListener('DOMContentLoaded', () =>
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true }));
})();`;

interface Ready {
  firstPaint: number;
  domContentLoaded: number;
  webChatScript: number;
  welcome: number;
}

/** Opens the page in a new tab and measures, from navigation start, when the welcome was painted. */
async function pageReady(browser: Browser, url: string): Promise<Ready> {
  const page = await browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`${url}/`);
  await page.waitForFunction(() => (globalThis as unknown as InPage).__bench.welcomeAt !== undefined);
  const ready = await page.evaluate((): Ready => {
    const { performance, location, __bench } = globalThis as unknown as InPage;
    const navigation = performance.getEntriesByType('navigation')[0] as { domContentLoadedEventEnd: number };
    return {
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      domContentLoaded: navigation.domContentLoadedEventEnd,
      webChatScript: performance.getEntriesByName(`${location.origin}/webchat/webchat.js`)[0]?.duration ?? 0,
      welcome: __bench.welcomeAt!,
    };
  });
  await page.close();
  return ready;
}

/** Asks `ROUNDS` questions in one tab; each time is from Enter until the answer was painted. */
async function sendToAnswer(browser: Browser, url: string): Promise<number[]> {
  const page = await browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(`${url}/`);
  await page.waitForFunction(() => (globalThis as unknown as InPage).__bench.welcomeAt !== undefined);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const [question, marker] = QUESTIONS[i % QUESTIONS.length]!;
    times.push(await askOnce(page, question, marker));
    await page.waitForTimeout(THINK_MS);
  }
  await page.close();
  return times;
}

async function askOnce(page: Page, question: string, marker: string): Promise<number> {
  await page.evaluate((m) => {
    const { __bench } = globalThis as unknown as InPage;
    __bench.pending = __bench.answered(m, __bench.count(m));
  }, marker);
  await page.getByRole('textbox', { name: /Message input box/i }).fill(question);
  await page.keyboard.press('Enter');
  return page.evaluate(async () => {
    const { __bench } = globalThis as unknown as InPage;
    return (await __bench.pending!) - __bench.sentAt!;
  });
}

/** What PROBE leaves in the page; functions passed to `evaluate` run there (the bench has no DOM types). */
interface InPage {
  performance: {
    getEntriesByType(type: string): unknown[];
    getEntriesByName(name: string): { duration: number; startTime: number }[];
  };
  location: { origin: string };
  __bench: {
    welcomeAt?: number;
    sentAt?: number;
    pending?: Promise<number>;
    count(marker: string): number;
    answered(marker: string, before: number): Promise<number>;
  };
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `median ${ms(at(0.5))}, p90 ${ms(at(0.9))}, max ${ms(sorted.at(-1) ?? NaN)} (n=${sorted.length})`;
}

const ms = (n: number) => `${Math.round(n)} ms`;

async function main(): Promise<void> {
  const bot = await startBuiltBot();
  const browser = await launchBrowser();
  try {
    const cold = await pageReady(browser, bot.url);
    const warm = await pageReady(browser, bot.url);
    const answers = await sendToAnswer(browser, bot.url);
    console.log(`web chat bench: node dist/index.js, headless Chromium ${browser.context.browser()?.version() ?? ''}`);
    for (const [name, r] of [
      ['cold cache', cold],
      ['warm cache', warm],
    ] as const)
      console.log(
        `page ready (${name}): welcome painted ${ms(r.welcome)} after navigation ` +
          `(header painted ${ms(r.firstPaint)}, DOMContentLoaded ${ms(r.domContentLoaded)}, ` +
          `webchat.js fetched in ${ms(r.webChatScript)})`,
      );
    console.log(`send to answer painted: ${summary(answers)}; target < ${TARGET_MS} ms`);
    if (process.argv.includes('--json')) console.log(JSON.stringify({ cold, warm, answers }));
  } finally {
    await browser.close();
    await bot.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
