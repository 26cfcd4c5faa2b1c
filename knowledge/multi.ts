/**
 * Several questions in one message ("What port for IMAP? And should I use IMAP or POP?", a
 * numbered list, a run-on "whats the server n wot port"): each is searched on its own, in the
 * context the one before it leaves (as a next message would be), and the answers are given
 * together, so none is dropped.
 */
import { composeReply, type Reply } from './answers';
import { MAX_INPUT } from './normalise';
import { ENTRY_IDS, type SearchContext } from './routes';
import type { SearchResult } from './search';
import { TEXT } from './texts';

/** The most questions one message is answered as; more is a paste or a log, answered as one. */
const MAX_QUESTIONS = 6;

/** Question words, with the text-speak spellings customers type ("wot", "wat"). */
const QUESTION = String.raw`(?:what|whats|wot|wots|wat|wats|which|how|should|do|does|is|are|can|could|will|would|where|when|why|must|whether)`;
/** A list item's marker: "1)", "2.", "a)", "(b)". */
// Why a lookbehind: the line break before "2." is a break of its own, and must not be needed twice.
const LIST_MARK = String.raw`(?<=^|\s)(?:\(?(?:\d{1,2}|[a-h])\)\s|\d{1,2}\.\s|q\d{1,2}[:.)]\s)`;
/**
 * Where a question may end: "?", a full stop, ";", "!", a line break, a comma, a dash, a colon,
 * "and"/"also"/"plus" (and text-speak "n", "&"), or a list marker. A full stop inside a host
 * name is not one.
 */
const BREAK = new RegExp(
  String.raw`(\?|[.;!](?=\s|$)|\n|,?\s(?:and|also|plus|n|&)\s|,|\s[-–—]\s|:\s|${LIST_MARK})`,
  'i',
);
const IS_LIST_MARK = new RegExp(String.raw`^(?:${LIST_MARK})$`, 'i');
/** A bullet at the start of a line ("- smtp port", "• do I tick SPA"). */
const BULLET = /^\s*[-*•]\s*/;
/** A piece that starts a question of its own ("and should I…", "what port…"). */
const ASKS = new RegExp(
  String.raw`^(?:(?:and|also|plus|then|so|ok|oh|n|firstly|secondly|thirdly|lastly|finally)\s+)?${QUESTION}\b`,
  'i',
);
/** A request said as a statement ("I need the incoming server name"). */
const REQUEST = /\b(need|want|tell me|give me|looking for|please)\b/i;
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
  for (let i = 0; i < rest.length; i += 2) {
    const cut = rest[i] ?? '';
    const piece = rest[i + 1] ?? '';
    const last = parts[parts.length - 1]!;
    if (cut === '?') last.asked = true;
    const listed = IS_LIST_MARK.test(cut) || BULLET.test(piece);
    if (listed || ASKS.test(piece.trim())) parts.push({ text: piece.replace(BULLET, ''), asked: true });
    else last.text += cut + piece;
  }
  const questions = parts.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => /[a-z0-9]/i.test(p.text));
  const [first, second, ...others] = questions;
  if (first && second && !first.asked && !asks(first.text))
    return [`${first.text} ${second.text}`, ...others.map((p) => p.text)];
  return questions.length > 0 ? questions.map((p) => p.text) : [text];
}

function asks(piece: string): boolean {
  const text = piece.replace(BULLET, '').trim();
  return ASKS.test(text) || REQUEST.test(text) || CHOICE.test(text) || text.endsWith('?');
}

/** A message that may ask more than one thing: a "?" before its end, a break before a question word, or a list. */
const MAYBE_SEVERAL = new RegExp(
  String.raw`\?[ \t\n'")]{0,3}\w|(?:[.;\n,!:]|\s[-–—])[ \t]?(?:and |also |plus |n |secondly |thirdly |lastly |finally )?${QUESTION}\b|\s(?:and|also|plus|n|&) ${QUESTION}\b|${LIST_MARK}|\n[ \t]*[-*•]`,
  'i',
);

/** What an answer is about, to give each answer once. */
function keyOf(result: SearchResult): string {
  if (result.kind !== 'answer') return result.kind;
  const t = result.target;
  return t.type === 'entry' ? t.entry.id : `${t.protocols.join('+')}/${t.attributes.join('+')}`;
}

/** An answer that starts a dialog of its own (an error explained, the walkthrough) is not combined. */
function combinable(result: SearchResult): boolean {
  if (result.kind !== 'answer' || result.target.type !== 'entry') return result.kind === 'answer';
  const entry = result.target.entry;
  return entry.kind !== 'error' && entry.id !== ENTRY_IDS.popToImap;
}

/**
 * What the next question is read after, as a next message would be: "whats the smtp server, what
 * port?" asks SMTP's port; "IMAP or POP, and what incoming port?" asks the recommended IMAP's.
 */
function contextAfter(result: SearchResult, context: SearchContext): SearchContext {
  if (result.kind !== 'answer') return context;
  const t = result.target;
  if (t.type === 'entry') return { ...context, lastEntryId: t.entry.id };
  const incoming = t.protocols.filter((p) => p !== 'smtp');
  const protocol = incoming.length === 1 ? incoming[0] : t.protocols.length === 1 ? t.protocols[0] : undefined;
  return { ...context, protocol: protocol ?? context.protocol, attributes: t.attributes, lastEntryId: undefined };
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
  if (!MAYBE_SEVERAL.test(text.slice(0, MAX_INPUT))) return undefined;
  const parts = splitQuestions(text);
  // Why a cap: each question is a search, and a paste cut into dozens of pieces asks no dozen questions.
  if (parts.length < 2 || parts.length > MAX_QUESTIONS) return undefined;
  const results: SearchResult[] = [];
  let at = seed(search(text, context), context);
  for (const part of parts) {
    const result = search(part, at);
    // Why stop here: one answer that is not combined means the whole message is answered as one,
    // whatever the later questions find; searching them would only cost time.
    if (result.kind === 'answer' && !combinable(result)) return undefined;
    results.push(result);
    at = contextAfter(result, at);
  }
  const answers = results.filter((r) => r.kind === 'answer' || r.kind === 'clarify');
  const distinct = answers.filter((r, i) => answers.findIndex((o) => keyOf(o) === keyOf(r)) === i);
  const first = distinct.find((r) => r.kind === 'answer');
  if (!first || distinct.length < 2) return undefined;
  return {
    result: first,
    reply: combine(
      distinct.map((r) => composeReply({ ...r, slots: { ...r.slots, typedSecret: false } })),
      typedSecret(),
    ),
  };
}

function combine(replies: Reply[], typedSecret: boolean): Reply {
  const texts = replies.map((r) => r.text);
  const suggestions = replies.flatMap((r) => r.suggestions);
  const sources = replies.flatMap((r) => r.sources);
  return {
    text: [...(typedSecret ? [TEXT.dontSharePassword] : []), ...texts].join('\n\n'),
    card: replies.find((r) => r.card)?.card,
    suggestions: suggestions.filter((s, i) => suggestions.findIndex((o) => o.value === s.value) === i).slice(0, 4),
    sources: sources.filter((s, i) => sources.findIndex((o) => o.url === s.url) === i),
    substantial: replies.some((r) => r.substantial),
  };
}
