/**
 * The project's own black-box conversation checker: it talks to a bot's /api/messages as a channel
 * does (activities POSTed with a serviceUrl that points at a connector stand-in) and judges each
 * turn's replies against the case's patterns. Case files live in test/fixtures/heldout-cases*.json.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectorStandIn } from '../../bench/connector-stand-in';

/** One turn: what the customer types (or `$choose:REGEX` to click a button), and what the replies must show. */
export interface CaseTurn {
  user: string;
  expect?: string[];
  forbid?: string[];
  /** Fields merged into the activity sent (channelData, entities, …). */
  activity?: Record<string, unknown>;
}

/** A conversation to check. */
export interface ConversationCase {
  id: string;
  category?: string;
  channel?: string;
  /** Fields merged into the activity's conversation. */
  conversation?: Record<string, unknown>;
  /** False: no conversationUpdate is sent first. */
  hello?: boolean;
  turns: CaseTurn[];
  /** Patterns that must not appear in anything the bot sent in the case (as JSON). */
  forbidAnywhere?: string[];
}

/** A case's outcome: no failures means it passed. */
export interface CaseResult {
  id: string;
  failures: string[];
}

interface Button {
  title: string;
  click: Record<string, unknown>;
}

type Sent = Record<string, unknown>;

/** Runs every case against `endpoint`, one after another, with `connector` as the channel's serviceUrl. */
export async function runCases(
  endpoint: string,
  connector: ConnectorStandIn,
  cases: readonly ConversationCase[],
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push({ id: c.id, failures: await runCase(endpoint, connector, c) });
  return results;
}

async function runCase(endpoint: string, connector: ConnectorStandIn, c: ConversationCase): Promise<string[]> {
  const conversation = { id: `check-${randomUUID()}`, ...c.conversation };
  const base = { channelId: c.channel ?? 'webchat', serviceUrl: connector.serviceUrl, conversation };
  const send = (activity: Sent) => exchange(endpoint, connector, { ...base, ...activity });
  const failures: string[] = [];
  const everything: Sent[] = [];
  let buttons: Button[] = [];
  if (c.hello !== false) {
    const hello = await send({ type: 'conversationUpdate', membersAdded: [{ id: 'customer' }, { id: 'bot' }] });
    everything.push(...hello);
    buttons = hello.flatMap(buttonsOf);
  }
  for (const [i, turn] of c.turns.entries()) {
    const activity = toActivity(turn, buttons);
    if (activity === 'skip') continue;
    if (typeof activity === 'string') {
      failures.push(`turn ${i + 1}: ${activity}`);
      break;
    }
    const replies = await send(activity);
    everything.push(...replies);
    buttons = replies.flatMap(buttonsOf);
    failures.push(...judge(turn, textOf(replies)).map((f) => `turn ${i + 1} (${turn.user}): ${f}`));
  }
  const all = JSON.stringify(everything);
  for (const p of c.forbidAnywhere ?? []) if (new RegExp(p, 'i').test(all)) failures.push(`sent ${p} somewhere`);
  return failures;
}

/** The activity a turn sends: typed text, a clicked button, or why it cannot be sent. */
function toActivity(turn: CaseTurn, buttons: Button[]): Sent | string | 'skip' {
  const choose = /^\$choose(\?)?:(.*)$/s.exec(turn.user);
  const from = { id: 'customer', name: 'Customer' };
  if (!choose) return { type: 'message', text: turn.user, from, ...turn.activity };
  const pattern = new RegExp(choose[2] ?? '', 'i');
  const button = [...buttons].reverse().find((b) => pattern.test(b.title));
  if (button) return { type: 'message', from, ...button.click, ...turn.activity };
  return choose[1] ? 'skip' : `no button matching ${pattern} among [${buttons.map((b) => b.title).join(' | ')}]`;
}

function judge(turn: CaseTurn, text: string): string[] {
  const missing = (turn.expect ?? []).filter((p) => !new RegExp(p, 'i').test(text)).map((p) => `expected ${p}`);
  const found = (turn.forbid ?? []).filter((p) => new RegExp(p, 'i').test(text)).map((p) => `forbidden ${p}`);
  return [...missing, ...found].map((f) => `${f} in: ${text.slice(0, 300)}`);
}

/** Posts one activity and returns what the bot sent to the conversation while handling it. */
async function exchange(endpoint: string, connector: ConnectorStandIn, activity: Sent): Promise<Sent[]> {
  const before = connector.sent.length;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), recipient: { id: 'bot' }, ...activity }),
  });
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`the bot answered HTTP ${res.status}`);
  const id = (activity.conversation as { id: string }).id;
  return connector.sent
    .slice(before)
    .filter((r) => r.conversationId === id)
    .map((r) => r.activity);
}

/** Everything a customer reads in the replies: texts, card texts and facts, and button titles. */
function textOf(replies: Sent[]): string {
  const parts: string[] = [];
  for (const reply of replies) {
    if (typeof reply.text === 'string') parts.push(reply.text);
    for (const a of (reply.attachments as { content?: unknown }[] | undefined) ?? []) cardStrings(a.content, parts);
    parts.push(...buttonsOf(reply).map((b) => b.title));
  }
  return parts.join('\n');
}

/** The strings a card shows: text, title and value fields anywhere in it (a button's data is not shown). */
function cardStrings(node: unknown, out: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => cardStrings(n, out));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data') continue;
    if (typeof value === 'string' && ['text', 'title', 'value', 'subtitle'].includes(key)) out.push(value);
    else cardStrings(value, out);
  }
}

/** Suggested actions and card buttons, with the activity a click sends (as Web Chat sends it). */
function buttonsOf(reply: Sent): Button[] {
  const actions = ((reply.suggestedActions as { actions?: Sent[] } | undefined)?.actions ?? []).map((a): Button => ({
    title: String(a.title ?? a.value ?? ''),
    click: { text: String(a.value ?? a.title ?? '') },
  }));
  const cards: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Sent;
    if (n.type === 'Action.Submit' && typeof n.title === 'string')
      cards.push({ title: n.title, click: { value: n.data } });
    Object.values(n).forEach(walk);
  };
  walk(reply.attachments);
  return [...actions, ...cards];
}
