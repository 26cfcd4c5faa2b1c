/**
 * A live handover as people see it, for `npm run bench:handover` and the README's screenshots: the
 * built bot (`node dist/index.js`), the Teams support channel on loopback (the connector stand-in),
 * and a customer in Web Chat in headless Chromium who asks for a person; an agent accepts the card.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startBuiltBot, type BuiltBot } from './built-bot';
import {
  sendToBot,
  startTeamsStandIn,
  SUPPORT_SCENE,
  TEAMS_PEOPLE,
  TeamsSender,
  threadId,
  type TeamsCall,
  type TeamsPerson,
  type TeamsStandIn,
} from './teams-stand-in';

/** A customer connected to an agent, in a browser tab. */
export interface LiveHandover {
  bot: BuiltBot;
  teams: TeamsStandIn;
  sender: TeamsSender;
  browser: Browser;
  page: Page;
  /** The card as first posted to the support channel, and the thread it started. */
  card: TeamsCall;
  thread: string;
  agent: TeamsPerson;
  /** Posts what the agent writes in the thread; resolves once the bot has taken it. */
  agentSays(text: string): Promise<void>;
  stop(): Promise<void>;
}

/** Where a new handover is asked for and confirmed, in the customer's words. */
export const CUSTOMER_WORDS = { question: 'what port for SMTP', ask: 'can I talk to a person please' } as const;

/** What the customer's page is opened with: its size, and a script to run in it before its own (a probe). */
export interface SceneOptions {
  viewport?: { width: number; height: number };
  initScript?: string;
}

/** Starts everything and takes the customer from the welcome to "You're now talking to Jane". */
export async function startLiveHandover(options: SceneOptions = {}): Promise<LiveHandover> {
  const teams = await startTeamsStandIn();
  const bot = await startBuiltBot({
    env: {
      TEAMS_SUPPORT_TEAM_ID: SUPPORT_SCENE.team.aadGroupId,
      TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_SCENE.channelId,
      // Why a signing secret: the card then carries its "Full transcript" link, as in production.
      LINK_SIGNING_SECRET: randomBytes(36).toString('base64'),
    },
  });
  const sender = new TeamsSender(teams.serviceUrl);
  const browser = await launchBrowser(options.viewport);
  const stop = async () => {
    await browser.close();
    await bot.stop();
    await teams.close();
  };
  try {
    await expectOk(sendToBot(bot.url, sender.installed()), 'installing the bot in the support team');
    const page = await browser.context.newPage();
    // Why an init script: the page's Content-Security-Policy refuses scripts added later.
    if (options.initScript) await page.addInitScript(options.initScript);
    await page.goto(`${bot.url}/`);
    await shows(page, /settings assistant/);
    await type(page, CUSTOMER_WORDS.question);
    await shows(page, /port 465/);
    await type(page, CUSTOMER_WORDS.ask);
    await page.getByRole('button', { name: 'Connect me' }).first().click();
    const [card] = await teams.waitFor((c) => c.kind === 'thread' && c.conversationId === SUPPORT_SCENE.channelId);
    const thread = threadId(SUPPORT_SCENE.channelId, card!.id);
    const agent = TEAMS_PEOPLE.jane;
    const accept = acceptAction(card!);
    await expectOk(sendToBot(bot.url, sender.execute(thread, agent, card!.id, accept.verb, accept.data)), 'Accept');
    await shows(page, /now talking to Jane/);
    const agentSays = (text: string) =>
      expectOk(sendToBot(bot.url, sender.agentMessage(thread, agent, text)), 'an agent message');
    return { bot, teams, sender, browser, page, card: card!, thread, agent, agentSays, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The card's Accept: the Action.Execute titled Accept. */
export function acceptAction(card: TeamsCall): { verb: string; data: unknown } {
  const found = JSON.stringify(card.activity.attachments ?? []);
  const actions: { type?: string; title?: string; verb?: string; data?: unknown }[] = [];
  JSON.parse(found, (_key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Action.Execute')
      actions.push(value as (typeof actions)[number]);
    return value;
  });
  const accept = actions.find((a) => /accept/i.test(a.title ?? ''));
  if (!accept?.verb) throw new Error(`no Accept on the card: ${found.slice(0, 1000)}`);
  return { verb: accept.verb, data: accept.data };
}

/** Waits until the page shows `text`. */
export async function shows(page: Page, text: RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ timeout: 15_000 });
}

/** Types into Web Chat's box and sends. */
export async function type(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: /Message input box/i }).fill(text);
  await page.keyboard.press('Enter');
}

async function expectOk(answer: Promise<{ status: number }>, what: string): Promise<void> {
  const { status } = await answer;
  if (status !== 200) throw new Error(`${what}: the bot answered ${status}`);
}
