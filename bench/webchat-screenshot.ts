/** Takes docs/webchat.png for the README: the chat page after the welcome and one question, in Chromium. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser';
import { startBuiltBot } from './built-bot';

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '..', '..', 'docs', 'webchat.png');
  const bot = await startBuiltBot();
  const browser = await launchBrowser({ width: 1000, height: 900 });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page
      .getByText(/settings assistant/)
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: /Message input box/i }).fill('what port for SMTP');
    await page.keyboard.press('Enter');
    await page
      .getByText(/port 465/)
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
