/** Takes docs/checker.png for the README (issue 15): the settings checker's answer in Web Chat, in Chromium. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser';
import { startBuiltBot } from './built-bot';

/** A check asked for, with the settings typed as free text and a problem named. */
const QUESTION =
  "these are my settings, what's wrong? I can't send. incoming pop.btinternet.com 110 no ssl, outgoing smtp.btinternet.com 587 starttls";

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'checker.png');
  const bot = await startBuiltBot();
  const browser = await launchBrowser({ width: 1000, height: 1250 });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page
      .getByText(/settings assistant/)
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: /Message input box/i }).fill(QUESTION);
    await page.keyboard.press('Enter');
    await page
      .getByText(/checked your settings/)
      .first()
      .waitFor();
    // Why wait: Web Chat scrolls to the newest message with a short animation.
    await page.waitForTimeout(800);
    mkdirSync(join(out, '..'), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await bot.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
