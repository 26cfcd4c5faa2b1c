/**
 * Takes the README's Web Chat screenshots in Chromium: the chat page after the welcome and one
 * question. `node dist/bench/webchat-screenshot.js [webchat|checker] [OUT]`: docs/webchat.png (a
 * settings question) or docs/checker.png (issue 15: the settings checker's answer).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './browser';
import { startBuiltBot } from './built-bot';

interface Scene {
  question: string;
  /** Text that shows the answer has arrived. */
  answered: RegExp;
  height: number;
}

const SCENES: Record<string, Scene> = {
  webchat: { question: 'what port for SMTP', answered: /port 465/, height: 900 },
  // A check asked for, with the settings typed as free text and a problem named.
  checker: {
    question:
      "these are my settings, what's wrong? I can't send. incoming pop.btinternet.com 110 no ssl, outgoing smtp.btinternet.com 587 starttls",
    answered: /checked your settings/,
    height: 1250,
  },
};

async function shoot(name: string, out: string): Promise<void> {
  const scene = SCENES[name];
  if (!scene) throw new Error(`unknown scene ${name}: one of ${Object.keys(SCENES).join(', ')}`);
  const bot = await startBuiltBot();
  const browser = await launchBrowser({ width: 1000, height: scene.height });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${bot.url}/`);
    await page
      .getByText(/settings assistant/)
      .first()
      .waitFor();
    await page.getByRole('textbox', { name: /Message input box/i }).fill(scene.question);
    await page.keyboard.press('Enter');
    await page.getByText(scene.answered).first().waitFor();
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

const name = process.argv[2] ?? 'webchat';
shoot(name, process.argv[3] ?? join(__dirname, '..', '..', 'docs', `${name}.png`)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
