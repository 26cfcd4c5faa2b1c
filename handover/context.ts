/**
 * The handoff context: what an agent (the Teams card) or a contact-centre hub (the
 * `handoff.initiate` event) needs to take over without asking the customer to repeat themselves.
 * Built from what the bot remembers (dialogs/session.ts, the dialog under way) and the recent
 * transcript. Pure and deterministic: the same inputs give the same context; every string in it
 * is redacted (redactSecrets) and bounded, so no typed password reaches a card or an event.
 */
import type { Session } from '../dialogs/session';
import type { KnowledgeBase } from '../knowledge';
import { WALKTHROUGH_IDS } from '../knowledge/routes';
import type { Protocol } from '../knowledge/schema';
import type { TranscriptActivity } from '../transcripts/format';
import { redactDeep, redactSecrets } from '../transcripts/redact';
import { capText, splitAtCap } from '../transcripts/text-cap';
import type { HandoverReason } from './state';

/** The context sent with a handover. */
export interface HandoffContext {
  /** What the conversation was about, in a few words. */
  topic: string;
  protocol?: Protocol;
  mailProgram?: string;
  /** SMTP reply codes seen (the error explained, codes the customer typed), first seen first. */
  errorCodes: string[];
  /** The walkthrough step the customer reached, as they saw it ("Step 3 of 6"). */
  walkthroughStep?: { walkthrough: string; step: number; of?: number };
  /** What the bot last suggested, oldest first. */
  suggested: string[];
  /** The customer's last messages, oldest first. */
  lastCustomerMessages: string[];
  /** One paragraph for the agent. */
  summary: string;
  reason: HandoverReason;
  channel: string;
  conversationId: string;
}

/** Names from the knowledge, so the context says "Error 530: authentication required" rather than an id. */
export interface ContextLookups {
  entry(id: string): { title: string; code?: string } | undefined;
  walkthrough(id: string): { title: string; steps: number } | undefined;
}

/** What the context is built from. */
export interface ContextInput {
  reason: HandoverReason;
  channel: string;
  conversationId: string;
  session?: Partial<Session>;
  /** The dialog under way when the handover was asked for, as saved (dialogs/engine.ts ActiveDialog). */
  activeDialog?: { id: string; state: unknown };
  /** The conversation's recent transcript, oldest first; the bot's messages have role 'bot'. */
  activities: readonly TranscriptActivity[];
  lookups?: ContextLookups;
}

/** Dialog ids as dialogs/ names them (test/handover-context.test.ts checks they still match). */
export const DIALOG_IDS = { walkthrough: 'popToImap', errorExplainer: 'errorExplainer' } as const;

/** Bounds, so a card stays within Teams' size budget and an event stays small. */
export const CONTEXT_LIMITS = {
  customerMessages: 5,
  customerMessageChars: 300,
  suggestions: 3,
  suggestionChars: 200,
  errorCodes: 10,
  summaryChars: 1200,
  /** The most of one message searched for codes and programs. */
  scanChars: 4000,
} as const;

/** Mail programs as customers name them, and the name the agent reads. */
const MAIL_PROGRAMS: readonly [string, string][] = [
  ['outlook', 'Outlook'],
  ['apple mail', 'Apple Mail'],
  ['iphone', 'iPhone or iPad'],
  ['ipad', 'iPhone or iPad'],
  ['thunderbird', 'Thunderbird'],
  ['windows mail', 'Windows Mail'],
  ['samsung email', 'Samsung Email'],
  ['gmail app', 'Gmail app'],
  ['em client', 'eM Client'],
  ['mailbird', 'Mailbird'],
];

/** Ports a customer may type that look like reply codes; counted as codes only after "error" or "code". */
const PORT_NUMBERS = new Set(['465', '587']);

const WALKTHROUGH_NAMES: Record<string, string> = { [WALKTHROUGH_IDS.popToImap]: 'Switching from POP to IMAP' };

/** The handoff context for a conversation. */
export function buildHandoffContext(input: ContextInput): HandoffContext {
  const customerTexts = textsBy(input.activities, 'customer');
  const botTexts = textsBy(input.activities, 'bot');
  const walkthroughStep = walkthroughStepOf(input);
  const context: HandoffContext = {
    topic: topicOf(input),
    ...optional('protocol', input.session?.lastProtocol),
    ...optional('mailProgram', programOf(input, customerTexts)),
    errorCodes: errorCodesOf(input, customerTexts),
    ...optional('walkthroughStep', walkthroughStep),
    suggested: botTexts.slice(-CONTEXT_LIMITS.suggestions).map((t) => snippet(t, CONTEXT_LIMITS.suggestionChars)),
    lastCustomerMessages: customerTexts
      .slice(-CONTEXT_LIMITS.customerMessages)
      .map((t) => snippet(t, CONTEXT_LIMITS.customerMessageChars)),
    summary: '',
    reason: input.reason,
    channel: input.channel,
    conversationId: input.conversationId,
  };
  context.summary = summaryOf(context);
  // Why again at the end: program names from a saved state and titles are strings too. The ids
  // are addressing, kept as they are (as the transcript keeps them): redaction would take a
  // Teams conversation id for a password.
  const { reason, channel, conversationId, ...content } = context;
  return { ...redactDeep(content), reason, channel, conversationId };
}

/** Lookups from the loaded knowledge (its first provider). */
export function knowledgeLookups(knowledge: KnowledgeBase): ContextLookups {
  const provider = knowledge.providers[0];
  return {
    entry(id) {
      const entry = provider?.entries.find((e) => e.id === id);
      if (!entry) return undefined;
      return entry.kind === 'error' ? { title: entry.title, code: entry.code } : { title: entry.title };
    },
    walkthrough(id) {
      const walkthrough = provider?.walkthroughs.find((w) => w.id === id);
      return walkthrough && { title: walkthrough.title, steps: walkthrough.steps.length };
    },
  };
}

/** The texts of messages by the customer or the bot, redacted and cut to what is read. */
function textsBy(activities: readonly TranscriptActivity[], who: 'customer' | 'bot'): string[] {
  return activities
    .filter((a) => a.type === 'message' && typeof a.text === 'string' && speakerOf(a) === who)
    .map((a) => redactSecrets(splitAtCap(a.text!, CONTEXT_LIMITS.scanChars).kept).trim())
    .filter((t) => t.length > 0);
}

/** Stored transcripts set the role (bots/durable-turns.ts); a message without one is the customer's, as transcripts/format.ts reads it. */
function speakerOf(activity: TranscriptActivity): 'customer' | 'bot' | 'other' {
  const role = activity.from?.role;
  if (role === 'bot') return 'bot';
  return role === 'user' || role === undefined ? 'customer' : 'other';
}

function topicOf(input: ContextInput): string {
  const { activeDialog, session, lookups } = input;
  const walkthroughId = activeDialog?.id === DIALOG_IDS.walkthrough ? WALKTHROUGH_IDS.popToImap : undefined;
  if (walkthroughId) return walkthroughTitle(walkthroughId, lookups);
  const errorEntry =
    activeDialog?.id === DIALOG_IDS.errorExplainer ? stringField(activeDialog.state, 'entryId') : undefined;
  if (errorEntry) return entryTitle(errorEntry, lookups);
  return topicOfAnswer(session?.lastAnswer, lookups) ?? 'Not clear yet from the chat';
}

/** What `session.lastAnswer` records ("entry:error-530", "settings:smtp:port+host", "walkthrough:pop-to-imap"), in words. */
function topicOfAnswer(about: string | undefined, lookups: ContextLookups | undefined): string | undefined {
  const [kind, what = '', attributes = 'all'] = (about ?? '').split(':');
  if (kind === 'entry' && what) return entryTitle(what, lookups);
  if (kind === 'walkthrough' && what) return walkthroughTitle(what, lookups);
  if (kind !== 'settings' || !what) return undefined;
  const protocols = what.split('+').map(protocolName).join(' and ');
  return attributes === 'all' ? `${protocols} settings` : `${protocols} settings (${attributes.split('+').join(', ')})`;
}

function protocolName(protocol: string): string {
  return protocol === 'pop3' ? 'POP3' : protocol.toUpperCase();
}

function entryTitle(id: string, lookups: ContextLookups | undefined): string {
  return lookups?.entry(id)?.title ?? id;
}

function walkthroughTitle(id: string, lookups: ContextLookups | undefined): string {
  return lookups?.walkthrough(id)?.title ?? WALKTHROUGH_NAMES[id] ?? id;
}

/** The step as the customer saw it: the walkthrough's state step 0 is "Step 1 of N". */
function walkthroughStepOf(input: ContextInput): HandoffContext['walkthroughStep'] {
  const { activeDialog, lookups } = input;
  if (activeDialog?.id !== DIALOG_IDS.walkthrough) return undefined;
  const step = numberField(activeDialog.state, 'step');
  if (step === undefined) return undefined;
  const steps = lookups?.walkthrough(WALKTHROUGH_IDS.popToImap)?.steps;
  const walkthrough = walkthroughTitle(WALKTHROUGH_IDS.popToImap, lookups);
  return steps === undefined ? { walkthrough, step: step + 1 } : { walkthrough, step: step + 1, of: steps };
}

/** The program the walkthrough was told, else the last one the customer named. */
function programOf(input: ContextInput, customerTexts: string[]): string | undefined {
  const chosen =
    input.activeDialog?.id === DIALOG_IDS.walkthrough ? stringField(input.activeDialog.state, 'program') : undefined;
  if (chosen) return snippet(chosen, 60);
  for (const text of [...customerTexts].reverse()) {
    const lower = text.toLowerCase();
    const found = MAIL_PROGRAMS.map(([said, name]) => ({ at: lastWordAt(lower, said), name })).filter((p) => p.at >= 0);
    if (found.length > 0) return found.sort((a, b) => b.at - a.at)[0]!.name;
  }
  return undefined;
}

/** Where `word` last occurs in `text` as a whole word, or -1. */
function lastWordAt(text: string, word: string): number {
  for (let at = text.lastIndexOf(word); at >= 0; at = at === 0 ? -1 : text.lastIndexOf(word, at - 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!isWordChar(before) && !isWordChar(after)) return at;
  }
  return -1;
}

function isWordChar(char: string): boolean {
  return /[a-z0-9]/i.test(char);
}

/** The code of the error explained or last answered, then 4xx and 5xx codes the customer typed. */
function errorCodesOf(input: ContextInput, customerTexts: string[]): string[] {
  const { activeDialog, session, lookups } = input;
  const explained =
    activeDialog?.id === DIALOG_IDS.errorExplainer ? stringField(activeDialog.state, 'entryId') : undefined;
  const entries = [explained, session?.lastEntryId].filter((id): id is string => !!id);
  const known = entries.map((id) => lookups?.entry(id)?.code ?? /^error-(\d{3})\b/.exec(id)?.[1]);
  const typed = customerTexts.flatMap(codesIn);
  const codes = [...new Set([...known, ...typed].filter((c): c is string => !!c))];
  return codes.slice(0, CONTEXT_LIMITS.errorCodes);
}

const REPLY_CODE = /(?<![\d.])[45]\d\d(?![\d.])/g;

/** SMTP reply codes in a text: three digits starting 4 or 5, not part of a longer number; a port only after "error" or "code". */
function codesIn(text: string): string[] {
  const codes: string[] = [];
  REPLY_CODE.lastIndex = 0;
  for (let m = REPLY_CODE.exec(text); m; m = REPLY_CODE.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index).toLowerCase();
    if (!PORT_NUMBERS.has(m[0]) || /(error|code)\W{0,2}$/.test(before)) codes.push(m[0]);
  }
  return codes;
}

const REASON_SENTENCES: Record<HandoverReason, string> = {
  asked: 'The customer asked for a person.',
  'not-understood': 'The bot did not understand the customer twice in a row.',
  'fix-failed':
    'The suggested fix did not work: the customer said no twice to "Did that fix it?", or that it still fails after every check.',
  'not-helpful': 'The customer said an answer did not help.',
  'compromised-account': 'The customer thinks someone else is in their account (hacked or compromised).',
};

/** One paragraph: why, about what, with what, how far, what was suggested, and the customer's last words. */
function summaryOf(context: HandoffContext): string {
  const parts = [REASON_SENTENCES[context.reason], `Topic: ${context.topic}.`];
  if (context.protocol) parts.push(`Protocol: ${protocolName(context.protocol)}.`);
  if (context.mailProgram) parts.push(`Mail program: ${context.mailProgram}.`);
  if (context.errorCodes.length > 0) parts.push(`Error codes: ${context.errorCodes.join(', ')}.`);
  const step = context.walkthroughStep;
  if (step) parts.push(`Reached step ${step.step}${step.of ? ` of ${step.of}` : ''} of "${step.walkthrough}".`);
  const suggested = context.suggested.at(-1);
  if (suggested) parts.push(`The bot last said: "${snippet(suggested, 160)}"`);
  const last = context.lastCustomerMessages.at(-1);
  if (last) parts.push(`The customer's last message: "${snippet(last, 160)}"`);
  return capText(parts.join(' '), CONTEXT_LIMITS.summaryChars);
}

/** The first line of a text, at most `max` characters, with "…" when cut. */
function snippet(text: string, max: number): string {
  const line = text.split('\n', 1)[0]!.trim();
  const more = line.length > max || line.length < text.trim().length;
  return more ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

function stringField(state: unknown, key: string): string | undefined {
  const value = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function numberField(state: unknown, key: string): number | undefined {
  const value = typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[key] : undefined;
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
