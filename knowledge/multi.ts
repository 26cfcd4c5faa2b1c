/**
 * Several questions in one message ("What port for IMAP? And should I use IMAP or POP?"): each
 * is searched on its own and the answers are given together, so none is dropped.
 */
import { composeReply, type Reply } from './answers';
import { MAX_INPUT } from './normalise';
import { ENTRY_IDS } from './routes';
import type { SearchResult } from './search';
import { TEXT } from './texts';

/** Where a question may end: "?", a full stop, ";", a line break, or "and"/"also"/"plus". */
const BREAK = /(\?|[.;\n]|,?\s(?:and|also|plus)\s)/i;
/** A piece that starts a question of its own ("and should I…", "what port…"). */
const ASKS =
  /^(?:(?:and|also|plus|then|so|ok|oh)\s+)?(?:what|whats|what's|which|how|should|do|does|is|are|can|could|will|would|where|when|why)\b/i;
/** A request said as a statement ("I need the incoming server name"). */
const REQUEST = /\b(need|want|tell me|give me|looking for|please)\b/i;

/**
 * The questions of a message, in order: it is cut where a new question starts; a piece that
 * starts none ("and outgoing server names") stays with the one before. Only when every piece
 * asks something (a question word, a "?" or a request) is there more than one.
 */
export function splitQuestions(text: string): string[] {
  const [head = '', ...rest] = text.slice(0, MAX_INPUT).split(BREAK);
  const parts: { text: string; asked: boolean }[] = [{ text: head, asked: false }];
  for (let i = 0; i < rest.length; i += 2) {
    const cut = rest[i] ?? '';
    const piece = rest[i + 1] ?? '';
    const last = parts[parts.length - 1]!;
    if (cut === '?') last.asked = true;
    if (ASKS.test(piece.trim())) parts.push({ text: piece, asked: false });
    else last.text += cut + piece;
  }
  const questions = parts.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => /[a-z0-9]/i.test(p.text));
  const allAsk = questions.every((p) => p.asked || ASKS.test(p.text) || REQUEST.test(p.text));
  return allAsk ? questions.map((p) => p.text) : [text];
}

/** A message that may ask more than one thing: a "?" before its end, or a break before a question word. */
const MAYBE_SEVERAL =
  /\?[ \t\n'")]{0,3}\w|[.;\n,][ \t]?(?:and |also |plus )?(?:what|whats|which|how|should|do|does|is|are|can|could|will|where|when|why)\b|\s(?:and|also|plus) (?:what|whats|which|how|should|do|does|is|are|can|could|will|where|when|why)\b/i;

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
 * The answers to each question of a message, or undefined when it asks fewer than two things
 * this can answer apart (then the whole message is answered as one).
 */
export function answerEach(
  text: string,
  search: (part: string) => SearchResult,
  typedSecret: () => boolean,
): { result: SearchResult; reply: Reply } | undefined {
  // Why a cheap test first: most messages ask one thing, and the split is not worth making for them.
  if (!MAYBE_SEVERAL.test(text.slice(0, MAX_INPUT))) return undefined;
  const parts = splitQuestions(text);
  if (parts.length < 2) return undefined;
  const results = parts.map(search);
  if (results.some((r) => r.kind === 'answer' && !combinable(r))) return undefined;
  const answers = results.filter((r) => r.kind === 'answer');
  const distinct = answers.filter((r, i) => answers.findIndex((o) => keyOf(o) === keyOf(r)) === i);
  const first = distinct[0];
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
