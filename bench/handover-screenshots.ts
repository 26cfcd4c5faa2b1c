/**
 * Takes the README's handover pictures from a live handover (bench/handover-scene.ts):
 * docs/handover-card.png, the card as the agents get it in the support channel (the card the bot
 * posted, rendered by the official `adaptivecards` renderer in Chromium), and docs/handover-customer.png,
 * the customer's Web Chat while they talk to the agent.
 *
 *   npm run -s build && node dist/bench/handover-screenshots.js [docs folder]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shows, startLiveHandover, type } from './handover-scene';
import type { TeamsCall } from './teams-stand-in';

/** A Teams-like frame around the card: the bot's name over a message bubble in the channel. */
const CARD_PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 24px; background: #f5f5f5; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
  #post { width: 600px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.15); padding: 12px 16px 16px; }
  #who { font-size: 13px; color: #616161; margin-bottom: 8px; } #who b { color: #242424; margin-right: 8px; }
  .ac-pushButton { border: 1px solid #c7c7c7; border-radius: 4px; background: #fff; padding: 6px 12px; font-weight: 600; }
</style></head><body><div id="post"><div id="who"><b>BT Email help</b>Bot</div><div id="card"></div></div></body></html>`;

/** Renders `card` as Teams' light theme roughly does and saves the post. */
async function shootCard(page: Page, card: TeamsCall, out: string): Promise<void> {
  const content = (card.activity.attachments as { content: unknown }[] | undefined)?.[0]?.content;
  await page.setContent(CARD_PAGE);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.evaluate((json) => {
    const AC = (globalThis as unknown as { AdaptiveCards: AdaptiveCardsGlobal }).AdaptiveCards;
    const adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = new AC.HostConfig({ fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif" });
    adaptive.parse(json);
    (globalThis as unknown as { document: { getElementById(id: string): { appendChild(n: unknown): void } } }).document
      .getElementById('card')
      .appendChild(adaptive.render());
  }, content);
  await page.locator('#post').screenshot({ path: out });
}

/** The part of the renderer's browser bundle used here. */
interface AdaptiveCardsGlobal {
  AdaptiveCard: new () => { hostConfig: unknown; parse(json: unknown): void; render(): unknown };
  HostConfig: new (json: unknown) => unknown;
}

async function main(): Promise<void> {
  const docs = process.argv[2] ?? join(__dirname, '..', '..', 'docs');
  mkdirSync(docs, { recursive: true });
  const live = await startLiveHandover({ viewport: { width: 1000, height: 900 } });
  try {
    const { page } = live;
    await live.agentSays("Hi, I'm Jane. I can see you were asking about SMTP. Which email program are you using?");
    await shows(page, /Which email program/);
    await type(page, 'Outlook on Windows. It keeps asking for my password');
    await live.teams.waitFor(
      (c) => c.conversationId === live.thread && /Outlook on Windows/.test(JSON.stringify(c.activity)),
    );
    await live.agentSays(
      'Thanks. In Outlook, set the outgoing server to mail.btinternet.com, port 465 with SSL, and tick "My outgoing server requires authentication".',
    );
    await shows(page, /My outgoing server requires authentication/);
    // Why wait: Web Chat scrolls to the newest message with a short animation.
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(docs, 'handover-customer.png') });
    const cardPage = await live.browser.context.newPage();
    await cardPage.setViewportSize({ width: 700, height: 1200 });
    await shootCard(cardPage, live.card, join(docs, 'handover-card.png'));
    console.log(`wrote ${join(docs, 'handover-customer.png')} and ${join(docs, 'handover-card.png')}`);
  } finally {
    await live.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
