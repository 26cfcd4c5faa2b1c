/**
 * A pasted settings screen or program log ("Server: mail.btinternet.com / Port: 465 / 535 5.7.8
 * Authentication failed / Username: jsmith"): its fields are checked by `screen.ts`, the error it
 * quotes is explained first, and a question asked on a line of its own after it is answered too.
 * Pure: every search is handed in.
 */
import { composeReply, warned, type Reply } from './answers';
import type { KnowledgeBase, Provider } from './load';
import { asks } from './multi';
import { MAX_INPUT } from './normalise';
import { incomingProtocol, readScreen, settleSides, usernameFix, usernameIn, type Side } from './screen';
import { screenReply } from './screen-reply';
import { ENTRY_IDS } from './routes';
import type { SearchResult } from './search';

/** A reply with the search result it was composed from. */
export interface Answered {
  result: SearchResult;
  reply: Reply;
}

/** An SMTP reply code followed by its text ("535 5.7.8 …", "< 554 relay denied"), never a port. */
const LOG_CODE = /(?<![\w.]|port:? ?)([45][0-5]\d)[ -](?=\d\.\d|[a-z])/i;
/** How many lines of a pasted log are looked through for a reply code. */
const LOG_LINE_LIMIT = 60;
/** How many of a log's question lines are searched for a setting asked (each is a search). */
const MAX_ASKED = 3;
/** The side of a screen that the way mail fails points to ("I can receive but can't send"). */
const SIDE_FAILING: Record<string, Side> = { smtp: 'outgoing', incoming: 'incoming' };

/**
 * A pasted settings screen or log: its fields checked one by one against the settings (a wrong host,
 * a wrong port, SSL off), never a generic block that ignores what was pasted; undefined when the
 * text is neither.
 */
export function answerPasted(
  kb: KnowledgeBase,
  text: string,
  search: (text: string) => SearchResult,
  searchPart: (part: string) => SearchResult,
): Answered | undefined {
  const provider = kb.providers[0];
  if (!provider) return undefined;
  const screen = readScreen(text, provider.provider.domains);
  if (!screen) return answerLog(provider, text, search, searchPart);
  const base = search(text);
  // Issue 15 (checker): a screen sent to be checked ("can you check my settings?") gets the checker's answer.
  if (base.kind === 'answer' && base.target.type === 'check') return { result: base, reply: composeReply(base) };
  // Issue 13 (pasted logs): a program's log quotes an error beside its server and port: the error is explained first.
  const lines = text.slice(0, MAX_INPUT).split('\n', LOG_LINE_LIMIT);
  const error = quotedError(lines, searchPart);
  const asked = askedSetting(lines, searchPart);
  // Issue 13 (screens): fields no label or port placed take the side the message speaks of (every error
  // the knowledge explains is an SMTP reply, so a quoted one is the outgoing side's; "can't send").
  const side = error ? 'outgoing' : SIDE_FAILING[base.slots.failing ?? ''];
  if (side) settleSides(screen, side);
  const checked = screenReply(screen, provider);
  const parts = [error && composeReply(error).text, checked.text, asked && composeReply(asked).text];
  const reply = { ...checked, text: parts.filter(Boolean).join('\n\n') };
  const result: SearchResult = {
    kind: 'answer',
    target: { type: 'settings', protocols: [incomingProtocol(screen) ?? 'imap', 'smtp'], attributes: [] },
    confidence: 1,
    slots: base.slots,
    provider,
  };
  return {
    result,
    reply: base.slots.typedSecret ? warned(reply) : reply,
  };
}

/**
 * Issue 13 (pasted logs): a log of a few lines that quotes an error and shows a username, but no
 * settings ("535 5.7.8 Authentication failed / Username 'jsmith' / what port should I use?"): the
 * error explained, the username checked, and a setting asked on a line of its own answered.
 */
function answerLog(
  provider: Provider,
  text: string,
  search: (text: string) => SearchResult,
  searchPart: (part: string) => SearchResult,
): Answered | undefined {
  const head = text.slice(0, MAX_INPUT);
  if (!head.includes('\n') || !LOG_CODE.test(head)) return undefined;
  const shown = usernameIn(head.normalize('NFKC').toLowerCase(), provider.provider.domains);
  const lines = shown && head.split('\n', LOG_LINE_LIMIT);
  const error = lines && quotedError(lines, searchPart);
  if (!lines || !error) return undefined;
  const asked = askedSetting(lines, searchPart);
  const explained = composeReply({ ...error, slots: { ...error.slots, typedSecret: false } });
  const checked = shown === 'bare' ? usernameNote(provider, explained) : explained;
  const reply = asked ? { ...checked, text: `${checked.text}\n\n${composeReply(asked).text}` } : checked;
  return { result: error, reply: search(text).slots.typedSecret ? warned(reply) : reply };
}

/**
 * A setting asked on a line of its own after the log ("what auth method should it use?", "wot port do
 * i use"), searched alone; the first of a few question lines that asks one.
 */
function askedSetting(lines: readonly string[], search: (text: string) => SearchResult): SearchResult | undefined {
  const questions = lines.map((l) => l.trim()).filter((l) => l.length <= 200 && !/[:=]/.test(l) && asks(l));
  for (const question of questions.slice(0, MAX_ASKED)) {
    const result = search(question);
    if (result.kind === 'answer' && result.target.type === 'settings' && result.target.attributes.length > 0)
      return result;
  }
  return undefined;
}

/** The error entry for the first reply code a pasted log quotes, found by searching that line alone. */
function quotedError(lines: readonly string[], search: (text: string) => SearchResult): SearchResult | undefined {
  for (const line of lines) {
    const code = LOG_CODE.exec(line)?.[1];
    if (!code) continue;
    const result = search(line.slice(line.indexOf(code), line.indexOf(code) + 200));
    if (result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.kind === 'error')
      return result;
  }
  return undefined;
}

/**
 * Issue 13 (pasted logs): an error explained beside a username shown without its @ part
 * ("535 5.7.8 Authentication failed / Username 'jsmith'"): the username is pointed out too.
 */
export function withUsernameCheck(kb: KnowledgeBase, text: string, answered: Answered): Answered {
  const { result, reply } = answered;
  const provider = kb.providers[0];
  const isError = result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.kind === 'error';
  // Issue 13 (username verdicts): "Username: just my first name", "login: jsmith (no domain)": the username asked
  // about, or no answer found, gets the verdict that it is wrong, then the fix (never the name typed).
  const aboutUsername =
    (result.kind === 'answer' &&
      result.target.type === 'settings' &&
      result.target.attributes.length > 0 &&
      result.target.attributes.every((a) => a === 'username' || a === 'password')) ||
    checksUsernameOnly(result);
  const unanswered = result.kind !== 'answer' && text.length <= SHORT_TEXT;
  // Any other answer ("i put username as my first name, is that ok"): the username's fix after it.
  const answeredElse = result.kind === 'answer' && !aboutUsername;
  if (
    !(isError || aboutUsername || unanswered || answeredElse) ||
    !provider ||
    reply.text.includes(usernameFix(provider))
  )
    return answered;
  const shown = usernameIn(text.slice(0, MAX_INPUT).normalize('NFKC').toLowerCase(), provider.provider.domains);
  if (shown !== 'bare') return answered;
  if (isError || answeredElse) return { result, reply: usernameNote(provider, reply) };
  const verdict = `No — ${LOG_TEXT.notRight} ${usernameFix(provider)}`;
  const replaced = aboutUsername ? { ...reply, text: verdict } : { ...reply, text: verdict, card: undefined };
  // A password typed beside it is still warned about first (the verdict replaces the reply that held the warning).
  return { result, reply: result.slots.typedSecret ? warned(replaced) : replaced };
}

/**
 * Issue 13 (side switch): "username jsmith is that right" asks to check a username, which the knowledge can judge;
 * the password decline it was matched to is for a password, and none is named.
 */
function checksUsernameOnly(result: SearchResult): boolean {
  if (result.kind !== 'answer' || result.target.type !== 'entry') return false;
  return result.target.entry.id === ENTRY_IDS.passwordCheck && !result.slots.attributes.includes('password');
}

/** A message short enough to be the username alone described ("login: jsmith (no domain)"). */
const SHORT_TEXT = 200;

/** A reply with the username's fix after it: it must be the full address (the knowledge's account). */
function usernameNote(provider: Provider, reply: Reply): Reply {
  const source = provider.sources[provider.account.source];
  const note = [LOG_TEXT.username, `• ${usernameFix(provider)}`, ...(source ? [`Source: ${source.label}`] : [])];
  const added = source && !reply.sources.some((s) => s.url === source.url) ? [source] : [];
  return {
    ...reply,
    card: undefined,
    text: `${reply.text}\n\n${note.join('\n')}`,
    sources: [...reply.sources, ...added.map(({ label, title, url }) => ({ label, title, url }))],
  };
}

const LOG_TEXT = {
  username: 'The username you showed needs changing:',
  notRight: 'that username is not right.',
} as const;
