/**
 * Several questions in one message ("What port for IMAP? And should I use IMAP or POP?", a
 * numbered list, a run-on "whats the server n wot port"): each is searched on its own, in the
 * context the one before it leaves (as a next message would be), and the answers are given
 * together, so none is dropped.
 */
import { composeReply, withPasswordWarning, type Reply } from './answers';
import { MAX_INPUT } from './normalise';
import { ENTRY_IDS, type SearchContext } from './routes';
import type { SearchResult } from './search';
import type { Protocol } from './schema';
import type { Slots } from './slots';

/** The most questions one message is answered as; more is a paste or a log, answered as one. */
const MAX_QUESTIONS = 6;

/** Question words, with the text-speak spellings customers type ("wot", "wat"). */
const QUESTION = String.raw`(?:what|whats|wot|wots|wat|wats|which|how|should|do|does|is|are|can|could|will|would|where|when|why|must|whether)`;
/** Ordinals that label questions: "1st", "secondly", "two", "3". */
const ORDINAL = String.raw`(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|one|two|three|four|five|\d)`;
/** A question word after a label; "is" and "are" only with what they ask about ("Question 1 is about sending" is no label). */
const AFTER_LABEL = String.raw`(?:what|whats|wot|wots|wat|wats|which|how|should|do|does|can|could|will|would|where|when|why|must|whether|(?:is|are) (?:it|the|my|this|that|they|these|those|there|imap|pop|smtp|ssl|spa))`;
/** A label a question word may follow: "2nd", "secondly", "question 2", "thing two", "Q3", "second" ("… SECOND DO I NEED SSL"). */
const STRONG_LABEL = String.raw`(?:(?:question|q|part|thing|number|item|point)\s?${ORDINAL}|${ORDINAL} (?:question|thing|q)|first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|firstly|secondly|thirdly|lastly)`;
/**
 * An ordinal or "Q" that is a label only before ":", "-" or ")" ("First:", "two -", "Q:"), a digit also before a
 * question word ("2 questions 1 what is…"); "one" only at a start ("quick one -" is none).
 */
const BARE_LABEL = String.raw`(?:first|second|third|fourth|fifth|two|three|four|five|\d|q|finally)`;
/** A question's label with its punctuation. */
const LABEL_MARK = String.raw`(?<=^|\s)(?:${STRONG_LABEL}(?:\s?[-–—:),]\s|\s(?=${AFTER_LABEL}\b))|${BARE_LABEL}\s?[-–—:)]\s|\d\s(?=${AFTER_LABEL}\b))|(?<=^|[\n?.!;]\s?)one\s?[-–—:)]\s`;
/** A list item's marker: "1)", "2.", "3/", "a)", "(b)". */
// Why a lookbehind: the line break before "2." is a break of its own, and must not be needed twice.
const LIST_MARK = String.raw`(?<=^|\s)(?:\(?(?:\d{1,2}|[a-h])\)\s|\d{1,2}[./]\s|q\d{1,2}[:.)]\s)`;
/**
 * Where a question may end: "?", a full stop, ";", "!", a line break, a comma, a dash, a colon,
 * "and"/"also"/"plus" (and text-speak "n", "&"), or a list marker. A full stop inside a host
 * name is not one.
 */
const BREAK = new RegExp(
  String.raw`(\?|[.;!](?=\s|$)|\n|${LABEL_MARK}|,?\s(?:and|also|plus|n|&|\+)\s|,|\s[-–—]\s|:\s|${LIST_MARK})`,
  'i',
);
const IS_LIST_MARK = new RegExp(String.raw`^(?:${LIST_MARK})$`, 'i');
/** A question's label with its punctuation ("First:", "Q1 -", "two)", "secondly,"): a list item of its own. */
const IS_LABEL = new RegExp(String.raw`^(?:${LABEL_MARK})$`, 'i');
/** A cut that joins items of a list: a comma, ";", "and", "&", "+". */
const JOINS = /^(?:,|;|,?\s(?:and|also|plus|n|&|\+)\s)$/i;
/** A cut after an opening that announces a list ("need:", "a few things -", "I need" and a line break, "Is this correct?"). */
const OPENS = /^(?::\s|\s[-–—]\s|\n|\?)$/;
/** An opening that announces a list of settings: "a few things -", "need:", "Info required:", "looking for:". */
const INTRO =
  /\b(things?|questions?|bits?|details|info|information|need|needs|needed|require|required|requires|want|wanted|looking for|after|please|pls|plz|tell me|give me|list|confirm\w*|check\w*|verify\w*|right|correct)\b/i;
/** A question begun by "if" after "and" ("the smtp port and if spa should be on"), as "whether". */
const AND_IF = /^if\b/i;
/** A piece that says something rather than asks ("I use Outlook", "it's a new laptop"). */
const STATES = /^(i|im|ive|we|were|it|its|this|that|my|our)\b/i;
/** A piece after a "?" that leans on the question before it ("for imap please"), no question of its own. */
const LEANS = /^(for|in|on|with|from|to|please|pls|plz|thanks|thank you|cheers|or)\b/i;
/** A setting named ("and the smtp port", "plus the server"), in the customer's own words. */
const SETTING_WORD =
  /\b(?:port|server|host|hostname|ssl|tls|encryption|username|password|authentication|spa|settings?)\b/i;
/** A setting a question before its "?" asks about ("do i need SPA?"); "settings" alone may open a list ("can you check my settings?"). */
const ASKED_SETTING = /\b(?:port|server|host|hostname|ssl|tls|encryption|username|password|authentication|spa)\b/i;
/** An error quoted: its word, or a reply code (4xx, 5xx; not the ports 465 and 587). */
const QUOTES_ERROR = /\b(?:error|code|bounced?)\b|\b(?:4[2-5]\d|5[0-5]\d)\b/i;
/** A bullet at the start of a line ("- smtp port", "• do I tick SPA"). */
const BULLET = /^\s*[-*•]\s*/;
/** A piece that starts a question of its own ("and should I…", "what port…"). */
const ASKS = new RegExp(
  String.raw`^(?:(?:and|also|plus|then|so|ok|oh|n|firstly|secondly|thirdly|lastly|finally)\s+)?${QUESTION}\b`,
  'i',
);
/** A request said as a statement ("I need the incoming server name"), or a question asked indirectly ("wondering whether imap is better"). */
const REQUEST = /\b(need|want|tell me|give me|looking for|please|wondering|wonder|whether)\b/i;
/** A choice offered as a question of its own: "IMAP or POP, and what port?". */
const CHOICE = /\b(imap|pop3?|ssl|tls|starttls|\d{2,4})\s+or\s+(imap|pop3?|ssl|tls|starttls|\d{2,4})\b/i;

interface Piece {
  text: string;
  /** It asks something: a question word, a "?" after it, a request, a choice, or a list item. */
  asked: boolean;
}

/**
 * The questions of a message, in order: it is cut where a new question starts (a question word
 * after a break, or a list item); a piece that starts none ("and outgoing server names") stays
 * with the one before. An opening that asks nothing ("Hi,", "3 things:", "Outlook 2016.") is
 * context for the first question, not a question of its own.
 */
export function splitQuestions(text: string): string[] {
  const [head = '', ...rest] = text.slice(0, MAX_INPUT).split(BREAK);
  const parts: Piece[] = [{ text: head, asked: asks(head) }];
  // "need: incoming server, outgoing port, username format": after an opening that announces a list, each item is a question.
  // Issue 13 (multi parts): "do i need SPA? what port…": a question about a setting before its "?" is one, not an opening.
  const asksSetting = rest[0] === '?' && ASKS.test(head.trim()) && ASKED_SETTING.test(head);
  const listing = OPENS.test(rest[0] ?? '') && INTRO.test(head) && !head.includes('?') && !asksSetting;
  // Why the opening goes: its words ("info", "details") would ask for the whole block in the first item.
  if (listing) parts[0]!.text = '';
  const marks = questionMarksAfter(rest);
  for (let i = 0; i < rest.length; i += 2) {
    // "…587? And the SPA, …?": a "?" before an empty piece still ends the question before the next cut.
    const typed = rest[i] ?? '';
    const cut = rest[i - 1]?.trim() === '' && rest[i - 2] === '?' ? '?' : typed;
    const piece = rest[i + 1] ?? '';
    const last = parts[parts.length - 1]!;
    if (cut === '?') last.asked = true;
    // A line after a line that asked ("IMAP 993 SSL - right?\nSMTP 465 SSL - right?") is asked apart too.
    const afterAsked = cut === '\n' && last.text.trim().endsWith('?');
    const listItem = listing && (i === 0 || JOINS.test(cut) || cut === '\n');
    // "What does 535 mean? And the SMTP port": "and" after a "?", before a setting, asks for it.
    // Issue 13 (multi parts): also after a full stop ending a question ("do i need spa ticked. plus smtp server name").
    const endedQuestion = rest[i - 1]?.trim() === '' && /^[.!]$/.test(rest[i - 2] ?? '') && asks(last.text);
    const settingAfterMark = (cut === '?' || endedQuestion) && JOINS.test(typed) && SETTING_WORD.test(piece);
    if (afterAsked || settingAfterMark || startsQuestion(cut, piece, marks[i] ?? 'none', listItem, last.text))
      parts.push({ text: piece.replace(BULLET, ''), asked: true });
    else last.text += typed + piece;
  }
  const questions = parts.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => /[a-z0-9]/i.test(p.text));
  const [first, second, ...others] = questions;
  // An error quoted first ("getting 530, also is SSL needed") is a question of its own: what it means.
  if (first && second && !first.asked && !asks(first.text) && !QUOTES_ERROR.test(first.text))
    return [`${first.text} ${second.text}`, ...others.map((p) => p.text)];
  return questions.length > 0 ? questions.map((p) => p.text) : [text];
}

/** Where the next "?" is after each cut: the very next cut, a later one, or none. */
type NextMark = 'next' | 'later' | 'none';

/** For each cut of a split (`rest[i]`, i even), where the next "?" comes; one pass from the end. */
function questionMarksAfter(rest: string[]): NextMark[] {
  const marks: NextMark[] = [];
  let any = false;
  for (let i = rest.length - (rest.length % 2 === 0 ? 2 : 1); i >= 0; i -= 2) {
    const next = rest[i + 2];
    marks[i] = next === '?' ? 'next' : any ? 'later' : 'none';
    any ||= next === '?';
  }
  return marks;
}

/**
 * Whether the piece after a cut starts a question of its own: a list item or a label before it,
 * a question word at its start ("and if …" too), an item of an announced list, or one of a run of
 * questions each ended by "?" ("pop port 995 right? outgoing 465 right?").
 */
function startsQuestion(cut: string, piece: string, later: NextMark, listItem: boolean, before = ''): boolean {
  const text = piece.trim();
  if (IS_LIST_MARK.test(cut) || IS_LABEL.test(cut) || BULLET.test(piece) || ASKS.test(text) || listItem) return true;
  // "and if …", and a choice after a choice ("imap 993 or 143 and pop 995 or 110?").
  const joined = /\b(?:and|also|plus)\b|&/i.test(cut);
  if (joined && (AND_IF.test(text) || (CHOICE.test(text) && CHOICE.test(before)))) return true;
  if (cut !== '?' || !text.includes(' ') || LEANS.test(text)) return false;
  // "SPA: yes or no? SMTP auth: yes or no?": another "?" to come; right after it, even a statement asks ("its 993 right?").
  return later === 'next' || (later === 'later' && !STATES.test(text));
}

/** A question word inside a piece after a statement ("my password is …, whats the smtp port"). */
const ASKS_INSIDE = /\b(?:what|whats|wot|wots|wat|wats|which)\b/i;

/** A piece that asks something: a question word or request first, a choice, a "?" at its end, or a "what" inside. */
export function asks(piece: string): boolean {
  const text = piece.replace(BULLET, '').trim();
  return ASKS.test(text) || REQUEST.test(text) || CHOICE.test(text) || text.endsWith('?') || ASKS_INSIDE.test(text);
}

/** A message that may ask more than one thing: a "?" before its end, a break before a question word, or a list. */
const MAYBE_SEVERAL: readonly RegExp[] = [
  /\?[ \t\n'")]{0,3}\w/,
  new RegExp(
    String.raw`(?:[.;\n,!:]|\s[-–—])[ \t]?(?:and |also |plus |n |secondly |thirdly |lastly |finally )?${QUESTION}\b`,
    'i',
  ),
  new RegExp(String.raw`\s(?:and|also|plus|n|&|\+) (?:${QUESTION}|if)\b`, 'i'),
  new RegExp(LIST_MARK, 'i'),
  new RegExp(LABEL_MARK, 'i'),
  /\n[ \t]*[-*•]/,
];

/** An opening and a list just after it: "need: incoming server, outgoing port", "I need" and lines. */
function opensList(text: string): boolean {
  const at = text.search(/:\s|\s[-–—]\s|\n/);
  return at >= 0 && /[,;&+\n]/.test(text.slice(at + 1, at + 64));
}

/** Two choices joined by "and": "imap 993 or 143 and pop 995 or 110?". */
function twoChoices(text: string): boolean {
  return (text.match(/\bor\b/g)?.length ?? 0) >= 2 && /\s(?:and|&)\s/.test(text);
}

/** What an answer is about, to give each answer once. */
function keyOf(result: SearchResult): string {
  if (result.kind !== 'answer') return result.kind;
  const t = result.target;
  if (t.type !== 'settings') return t.type === 'entry' ? t.entry.id : t.type;
  return `${t.protocols.join('+')}/${t.attributes.join('+')}`;
}

/** An answer that starts a dialog of its own (an error explained, the walkthrough) is not combined. */
function combinable(result: SearchResult): boolean {
  if (result.kind !== 'answer' || result.target.type !== 'entry') return result.kind === 'answer';
  const entry = result.target.entry;
  return entry.kind !== 'error' && entry.id !== ENTRY_IDS.popToImap;
}

function isError(result: SearchResult): boolean {
  return result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.kind === 'error';
}

/** The checks for a side of mail that fails, which an error's own fix and checks already cover. */
const FAILING_ENTRIES: readonly string[] = [ENTRY_IDS.cannotSend, ENTRY_IDS.cannotReceive, ENTRY_IDS.passwordRejected];

/**
 * Issue 13 (verdicts): what is answered beside an error ("what does 535 mean? and the smtp port"): a
 * setting or another topic; not the checks for the failing side, which the error's answer holds.
 */
function answeredBesideError(result: SearchResult): boolean {
  if (result.kind === 'clarify') return true;
  if (result.kind !== 'answer' || result.target.type !== 'entry') return result.kind === 'answer';
  return combinable(result) && !FAILING_ENTRIES.includes(result.target.entry.id);
}

/** A setting that a whole block, given beside it, already shows: one of the block's protocols. */
function coveredBy(result: SearchResult, other: SearchResult): boolean {
  if (result.kind !== 'answer' || other.kind !== 'answer') return false;
  const [t, block] = [result.target, other.target];
  if (t.type !== 'settings' || block.type !== 'settings' || block.attributes.length > 0) return false;
  // Not a value to check ("is 587 ok?") nor a yes or no, which the block does not answer.
  const { proposed, form } = result.slots;
  const checks = Object.values(proposed).some((values: unknown[]) => values.length > 0) || form === 'yesno';
  return !checks && t.attributes.length > 0 && t.protocols.every((p) => block.protocols.includes(p));
}

/**
 * What the next question is read after, as a next message would be: "whats the smtp server, what
 * port?" asks SMTP's port; "IMAP or POP, and what incoming port?" asks the recommended IMAP's.
 */
function contextAfter(result: SearchResult, context: SearchContext): SearchContext {
  if (result.kind !== 'answer') return context;
  const t = result.target;
  // Issue 13 (context): as in a conversation, only a yes/no settings question leaves its form to the next one.
  const rest: SearchContext = { ...context };
  delete rest.lastYesNo;
  delete rest.lastVerdict;
  if (t.type === 'entry') return { ...rest, lastEntryId: t.entry.id };
  if (t.type !== 'settings') return rest;
  const incoming = t.protocols.filter((p) => p !== 'smtp');
  const protocol = incoming.length === 1 ? incoming[0] : t.protocols.length === 1 ? t.protocols[0] : undefined;
  const yesNo = result.slots.form === 'yesno' ? { lastYesNo: result.slots.proposed } : {};
  return {
    ...rest,
    protocol: protocol ?? context.protocol,
    attributes: t.attributes,
    lastEntryId: undefined,
    ...yesNo,
  };
}

/**
 * The context the first question is read in: the one protocol the whole message is about, when
 * the conversation has none ("what port and what server for sending" asks both of SMTP).
 */
function seed(whole: SearchResult, context: SearchContext): SearchContext {
  if (context.protocol || whole.kind !== 'answer' || whole.target.type !== 'settings') return context;
  const [only, ...more] = whole.target.protocols;
  return only && more.length === 0 ? { ...context, protocol: only } : context;
}

/**
 * The answers to each question of a message, or undefined when it asks fewer than two things
 * this can answer apart (then the whole message is answered as one).
 */
export function answerEach(
  text: string,
  search: (part: string, context: SearchContext) => SearchResult,
  typedSecret: () => boolean,
  context: SearchContext = {},
): { result: SearchResult; reply: Reply } | undefined {
  // Why a cheap test first: most messages ask one thing, and the split is not worth making for them.
  const head = text.slice(0, MAX_INPUT);
  if (!MAYBE_SEVERAL.some((re) => re.test(head)) && !opensList(head) && !twoChoices(head)) return undefined;
  const parts = splitQuestions(text);
  // Why a cap: each question is a search, and a paste cut into dozens of pieces asks no dozen questions.
  if (parts.length < 2 || parts.length > MAX_QUESTIONS) return undefined;
  const results: SearchResult[] = [];
  const whole = search(text, context);
  let at = seed(whole, context);
  for (const part of parts) {
    const result = search(part, at);
    // Why stop here: one answer that is not combined means the whole message is answered as one,
    // whatever the later questions find; searching them would only cost time.
    if (result.kind === 'answer' && !combinable(result) && !isError(result)) return undefined;
    results.push(result);
    at = contextAfter(result, at);
  }
  // Issue 13 (verdicts): one error and other questions: all answered, the error first in the result, so that its
  // dialog ("Did that fix it?") follows; a walkthrough, or two errors, are still answered as one message.
  const errors = unique(results.filter(isError).map(keyOf));
  if (errors.length > 1 || results.some((r) => r.kind === 'answer' && !combinable(r) && !isError(r))) return undefined;
  const error = results.find(isError);
  const kept = error ? results.filter((r) => r === error || answeredBesideError(r)) : results;
  const answers = kept.filter((r) => r.kind === 'answer' || r.kind === 'clarify');
  const once = answers.filter((r, i) => answers.findIndex((o) => keyOf(o) === keyOf(r)) === i);
  // "The sending settings, port and what encryption": the block answers its own port and encryption too.
  const distinct = once.filter((r) => !once.some((o) => o !== r && coveredBy(r, o)));
  const first = error ?? distinct.find((r) => r.kind === 'answer');
  if (!first || distinct.length < 2) return undefined;
  return {
    result: first,
    reply: combine(
      distinct.map((r) => composeReply({ ...r, slots: { ...r.slots, typedSecret: false } })),
      typedSecret(),
    ),
  };
}

/** The values a comparison of IMAP and POP may be asked for beside it ("and which ports does each use?"). */
const VALUES_BESIDE_COMPARE = new Set<string>(['port', 'host', 'encryption']);

/** Choosing one protocol ("is it imap or pop I should use"): then "the port for it" is the chosen one's. */
const CHOOSES =
  /\b(?:imap or pop3?|pop3? or imap|should (?:i|we) (?:use|pick|choose|go for)|which (?:one |is )?(?:better|best))\b/i;
/** The server named as where mail is ("sync to the server", "kept on the server"), not as a setting asked for. */
const SERVER_AS_PLACE = /\b(?:to|on|from|off|in|with) (?:the )?(?:bt )?server\b/;
/** Values asked for both protocols ("ports", "the servers", "for each", "both"). */
const FOR_EACH = /\b(?:each|both|ports|servers|numbers|either)\b/i;

/**
 * Issue 13 (compare and settings): the IMAP/POP comparison asked together with values ("what's the difference
 * between IMAP and POP, and which ports does each use?", "compare imap and pop and tell me the server names"):
 * the comparison, then those values for both incoming protocols (and SMTP when outgoing is named too), as one
 * text. A choice ("IMAP or POP, and which port for it?") is left to the questions apart: the recommended IMAP's port;
 * when they do not answer it apart (`choice`: "Windows Mail asks POP or IMAP and the server name, what should I
 * pick?"), the comparison, which recommends IMAP, and IMAP's values.
 */
export function compareWithValues(
  text: string,
  result: SearchResult,
  typedSecret: boolean,
  choice = false,
): { result: SearchResult; reply: Reply } | undefined {
  if (result.kind !== 'answer') return undefined;
  const head = text.slice(0, MAX_INPUT);
  const chooses = CHOOSES.test(head) && !FOR_EACH.test(head);
  if (chooses !== choice) return undefined;
  const { slots, target, provider } = result;
  const compared =
    target.type === 'entry'
      ? target.entry.id === ENTRY_IDS.imapVsPop
      : slots.compare && slots.protocols.includes('imap') && slots.protocols.includes('pop3');
  if (!compared || (slots.form === 'choice' && !choice)) return undefined;
  // Issue 13 (IMAP sync asked): "do deletions sync to the server?" names the server as a place, asking no value.
  const serverAsPlace = slots.weakHost && SERVER_AS_PLACE.test(slots.words);
  const attributes = slots.attributes.filter((a) => VALUES_BESIDE_COMPARE.has(a) && !(a === 'host' && serverAsPlace));
  const { ports, hosts, encryption, auth } = slots.proposed;
  if (attributes.length === 0 || ports.length + hosts.length + encryption.length + auth.length > 0) return undefined;
  const entry = provider.entries.find((e) => e.id === ENTRY_IDS.imapVsPop);
  if (!entry) return undefined;
  // A choice gets the recommended IMAP's values, as the comparison's answer recommends it.
  const incoming: Protocol[] = choice ? ['imap'] : ['imap', 'pop3'];
  const protocols: Protocol[] = slots.protocols.includes('smtp') ? [...incoming, 'smtp'] : incoming;
  const plain: Slots = { ...slots, form: 'open', typedSecret: false };
  const comparison: SearchResult = { kind: 'answer', target: { type: 'entry', entry }, confidence: 1, slots, provider };
  const values: SearchResult = {
    kind: 'answer',
    target: { type: 'settings', protocols, attributes },
    confidence: 1,
    slots: plain,
    provider,
  };
  return {
    result: comparison,
    reply: combine([composeReply({ ...comparison, slots: plain }), composeReply(values)], typedSecret),
  };
}

function combine(replies: Reply[], typedSecret: boolean): Reply {
  const texts = replies.map((r) => r.text);
  const suggestions = replies.flatMap((r) => r.suggestions);
  const sources = replies.flatMap((r) => r.sources);
  return {
    text: typedSecret ? withPasswordWarning(texts.join('\n\n')) : texts.join('\n\n'),
    // Why no card: a channel shows a card in place of the text, and the other answers would be hidden.
    card: undefined,
    suggestions: suggestions.filter((s, i) => suggestions.findIndex((o) => o.value === s.value) === i).slice(0, 4),
    sources: sources.filter((s, i) => sources.findIndex((o) => o.url === s.url) === i),
    substantial: replies.some((r) => r.substantial),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
