/**
 * The handover card agents see in the Teams support channel: who, why, the context, the customer's
 * last messages, a link to the full transcript, and Accept (waiting), "Accepted by NAME" and End
 * (accepted), or how it ended (closed). Every string in an AgentCard is already redacted; here it
 * is also kept inert: whatever came from a customer (or a channel) is a RichTextBlock TextRun, which
 * Adaptive Cards never read as markdown, so it cannot become a link, a heading or bold text.
 * Fixed labels alone go into TextBlocks. The card stays within MAX_CARD_BYTES, shrinking its
 * context when it must.
 */
import type { AdaptiveCardJson } from '../../dialogs/cards';
import { CONTEXT_LIMITS } from '../../handover/context';
import type { CardStatus } from '../../handover/machine';
import { CARD_TEXT, OUTCOME_TEXT, REASON_TEXT } from './console-texts';
import type { AgentCard } from './ports';

/** The verbs of the card's buttons: Action.Execute sends them in an `adaptiveCard/action` invoke, the Action.Submit fallback in its data. */
export const CARD_VERBS = { accept: 'handover.accept', end: 'handover.end' } as const;
/** One of CARD_VERBS. */
export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/** A click on the card, as read back from an invoke or a fallback message. */
export interface CardClick {
  verb: CardVerb;
  handoverId: string;
}

/** Why 20 KB: Teams refuses messages over about 100 KB (413); the card is a notice, kept small with room to spare. */
export const MAX_CARD_BYTES = 20 * 1024;

/** How much of each part a card shows. */
interface Budget {
  messages: number;
  messageChars: number;
  suggestions: number;
  suggestionChars: number;
  summaryChars: number;
  /** Names, topic, program, ids. */
  fieldChars: number;
}

/** The context as the core bounds it, then halved, then only the fields: the first that fits is used. */
const BUDGETS: readonly Budget[] = [
  {
    messages: CONTEXT_LIMITS.customerMessages,
    messageChars: CONTEXT_LIMITS.customerMessageChars,
    suggestions: CONTEXT_LIMITS.suggestions,
    suggestionChars: CONTEXT_LIMITS.suggestionChars,
    summaryChars: CONTEXT_LIMITS.summaryChars,
    fieldChars: 300,
  },
  { messages: 3, messageChars: 150, suggestions: 1, suggestionChars: 100, summaryChars: 400, fieldChars: 150 },
  { messages: 0, messageChars: 0, suggestions: 0, suggestionChars: 0, summaryChars: 0, fieldChars: 80 },
];

/** The longest transcript link kept; a longer one is not ours. */
const MAX_URL_CHARS = 2048;
/** The longest handover id put in a button's data (records keep ids up to 1024 characters). */
const MAX_ID_CHARS = 1024;

/** The Adaptive Card for a handover, at most MAX_CARD_BYTES serialized. */
export function agentCard(card: AgentCard): AdaptiveCardJson {
  let json = buildCard(card, BUDGETS[0]!, false);
  for (const budget of BUDGETS.slice(1)) {
    if (cardBytes(json) <= MAX_CARD_BYTES) break;
    json = buildCard(card, budget, true);
  }
  return json;
}

/** The serialized size of a card, as it travels to Teams. */
export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** The click a card button sent: `value.action` of an invoke, or the `value` of an Action.Submit message. */
export function readCardClick(value: unknown): CardClick | undefined {
  const action = field(value, 'action');
  const data = action === undefined ? value : (field(action, 'data') ?? {});
  const verb = field(action, 'verb') ?? field(data, 'verb');
  const handoverId = field(data, 'handoverId');
  const known = Object.values(CARD_VERBS).find((v) => v === verb);
  if (!known || typeof handoverId !== 'string' || handoverId.length > MAX_ID_CHARS) return undefined;
  return { verb: known, handoverId };
}

function buildCard(card: AgentCard, budget: Budget, shortened: boolean): AdaptiveCardJson {
  const body = [
    { type: 'TextBlock', text: CARD_TEXT.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
    ...statusBlocks(card.status, budget),
    ...fieldBlocks(card, budget),
    ...summaryBlocks(card, budget),
    ...messageBlocks(card, budget),
    ...(shortened ? [{ type: 'TextBlock', text: CARD_TEXT.shortened, wrap: true, isSubtle: true }] : []),
  ];
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: CARD_TEXT.fallback,
    msteams: { width: 'Full' },
    body,
    actions: actionsFor(card),
  };
}

function statusBlocks(status: CardStatus, budget: Budget): Record<string, unknown>[] {
  switch (status.kind) {
    case 'waiting':
      return [{ type: 'TextBlock', text: CARD_TEXT.waiting, wrap: true, color: 'Attention' }];
    case 'accepted':
      return [
        richText(
          [{ text: `${CARD_TEXT.accepted} `, bold: true }, { text: inert(status.by, budget.fieldChars) }],
          'Good',
        ),
        { type: 'TextBlock', text: CARD_TEXT.acceptedHelp, wrap: true, isSubtle: true, spacing: 'Small' },
      ];
    case 'closed':
      return [richText([{ text: inert(OUTCOME_TEXT[status.outcome](status.by), budget.fieldChars * 2) }])];
  }
}

/** The context as label and value pairs, each value a TextRun; fields the context lacks are left out. */
function fieldBlocks(card: AgentCard, budget: Budget): Record<string, unknown>[] {
  const { context } = card;
  const step = context.walkthroughStep;
  const rows: [string, string | undefined][] = [
    [CARD_TEXT.customer, card.customerName],
    [CARD_TEXT.why, REASON_TEXT[card.reason]],
    [CARD_TEXT.topic, context.topic],
    [CARD_TEXT.protocol, context.protocol?.toUpperCase()],
    [CARD_TEXT.program, context.mailProgram],
    [CARD_TEXT.errorCodes, context.errorCodes.length > 0 ? context.errorCodes.join(', ') : undefined],
    [CARD_TEXT.step, step && CARD_TEXT.stepOf(step.step, step.of, step.walkthrough)],
    [CARD_TEXT.channel, card.customer.channelId],
    [CARD_TEXT.conversation, card.customer.conversationId],
  ];
  return rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1].trim() !== '')
    .map(([label, value]) => richText([{ text: `${label}: `, bold: true }, { text: inert(value, budget.fieldChars) }]));
}

function summaryBlocks(card: AgentCard, budget: Budget): Record<string, unknown>[] {
  const summary = inert(card.context.summary, budget.summaryChars);
  const suggested = card.context.suggested.slice(-budget.suggestions);
  if (!summary && suggested.length === 0) return [];
  return [
    heading(CARD_TEXT.summary),
    ...(summary ? [richText([{ text: summary }])] : []),
    ...suggested.map((s) =>
      richText([{ text: `${CARD_TEXT.suggested}: `, bold: true }, { text: inert(s, budget.suggestionChars) }]),
    ),
  ];
}

function messageBlocks(card: AgentCard, budget: Budget): Record<string, unknown>[] {
  const messages = budget.messages > 0 ? card.context.lastCustomerMessages.slice(-budget.messages) : [];
  if (messages.length === 0) return [];
  return [heading(CARD_TEXT.lastMessages), ...messages.map((m) => richText([{ text: inert(m, budget.messageChars) }]))];
}

/** Accept while waiting, End once accepted, none when closed; the transcript link always, when there is one. */
function actionsFor(card: AgentCard): Record<string, unknown>[] {
  const id = card.handoverId.slice(0, MAX_ID_CHARS);
  const buttons =
    card.status.kind === 'waiting'
      ? [executeAction(CARD_TEXT.accept, CARD_VERBS.accept, id)]
      : card.status.kind === 'accepted'
        ? [executeAction(CARD_TEXT.end, CARD_VERBS.end, id)]
        : [];
  const url = card.transcriptUrl;
  const link = url && url.length <= MAX_URL_CHARS && /^https?:\/\//.test(url) ? [openUrl(url)] : [];
  return [...buttons, ...link];
}

/**
 * A Universal Action (an `adaptiveCard/action` invoke, answered with the updated card), falling back
 * to Action.Submit (a message with `value`) on clients without Universal Actions. The verb is in the
 * data too, so both arrive with the same shape.
 */
function executeAction(title: string, verb: CardVerb, handoverId: string): Record<string, unknown> {
  const data = { verb, handoverId };
  return { type: 'Action.Execute', title, verb, data, fallback: { type: 'Action.Submit', title, data } };
}

function openUrl(url: string): Record<string, unknown> {
  return { type: 'Action.OpenUrl', title: CARD_TEXT.transcript, url };
}

function heading(text: string): Record<string, unknown> {
  return { type: 'TextBlock', text, weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

interface Run {
  text: string;
  bold?: boolean;
}

/** Text shown as it is: TextRuns are never read as markdown. */
function richText(runs: Run[], color?: 'Good'): Record<string, unknown> {
  const inlines = runs.map((r) => ({
    type: 'TextRun',
    text: r.text,
    ...(r.bold ? { weight: 'Bolder' } : {}),
    ...(color ? { color } : {}),
  }));
  return { type: 'RichTextBlock', inlines };
}

/** At most `max` characters, without invisible characters, "…" when cut, never half a surrogate pair. */
function inert(text: string, max: number): string {
  if (max <= 0) return '';
  const clean = withoutInvisible(text.slice(0, max + 1));
  if (clean.length <= max) return clean.trim();
  let cut = max - 1;
  if (isHighSurrogate(clean.charCodeAt(cut - 1))) cut -= 1;
  return `${clean.slice(0, cut).trimEnd()}…`;
}

/** Control characters other than line breaks (each 6 bytes as JSON) and bidi overrides (which disguise text) become spaces. */
function withoutInvisible(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += isInvisible(text.charCodeAt(i)) ? ' ' : text[i];
  return out;
}

function isInvisible(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x0a) ||
    code === 0x7f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
