/** The core's public face: load the knowledge once, then ask it questions. */
import { composeReply, warned, type Reply } from './answers';
import { loadKnowledgeDir, type KnowledgeBase } from './load';
import { answerEach } from './multi';
import { MAX_INPUT } from './normalise';
import { incomingProtocol, readScreen, screenReply } from './screen';
import { createSearcher, type SearchContext, type SearchResult, type Searcher } from './search';

export type { Reply, Suggestion, CardData, Fact } from './answers';
export type { SearchResult, SearchContext, Target } from './search';
export type { KnowledgeBase, Provider } from './load';
export { KnowledgeError, loadKnowledgeDir } from './load';

/** A search result together with the reply composed from it. */
export interface Answer {
  result: SearchResult;
  reply: Reply;
}

/** Answers questions from a knowledge base. */
export interface Answerer {
  ask(text: string, context?: SearchContext): Answer;
  knowledge: KnowledgeBase;
  /** The search's content words of a text, and the entry nearest to it: how insights group unanswered questions. */
  reader: Pick<Searcher, 'words' | 'nearest'>;
}

/** Builds the search index once; `ask` is then a pure function of its input. */
export function createAnswerer(knowledge: KnowledgeBase = loadKnowledgeDir()): Answerer {
  const searcher = createSearcher(knowledge);
  return {
    knowledge,
    reader: { words: searcher.words, nearest: searcher.nearest },
    ask(text, context = {}) {
      // Why once: the whole message is searched to read it as several questions, and again when it is one.
      let whole: SearchResult | undefined;
      const searchWhole = () => (whole ??= searcher.search(text, context));
      const screen = answerScreen(knowledge, text, searchWhole, (part) => searcher.search(part, context));
      if (screen) return screen;
      const each = answerEach(
        text,
        (part, at) => (part === text && at === context ? searchWhole() : searcher.search(part, at)),
        // The whole message's search has read it already (answerEach searches it before its parts).
        () => searchWhole().slots.typedSecret,
        context,
      );
      if (each) return each;
      const result = searchWhole();
      return { result, reply: composeReply(result) };
    },
  };
}

/**
 * A pasted settings screen: its fields checked one by one against the settings (a wrong host, a
 * wrong port, SSL off), never a generic block that ignores what was pasted.
 */
function answerScreen(
  kb: KnowledgeBase,
  text: string,
  search: (text: string) => SearchResult,
  searchPart: (part: string) => SearchResult,
): Answer | undefined {
  const provider = kb.providers[0];
  const screen = provider && readScreen(text, provider.provider.domains);
  if (!provider || !screen) return undefined;
  const base = search(text);
  const checked = screenReply(screen, provider);
  // Issue 13 (pasted logs): a program's log quotes an error beside its server and port: the error is explained first.
  const lines = text.slice(0, MAX_INPUT).split('\n', LOG_LINE_LIMIT);
  const error = quotedError(lines, searchPart);
  const asked = askedSetting(lines, searchPart);
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

/** An SMTP reply code followed by its text ("535 5.7.8 …", "< 554 relay denied"), never a port. */
const LOG_CODE = /(?<![\w.]|port:? ?)([45][0-5]\d)[ -](?=\d\.\d|[a-z])/i;
/** How many lines of a pasted log are looked through for a reply code. */
const LOG_LINE_LIMIT = 60;

/** A setting asked on a line of its own after the log ("what auth method should it use?"), searched alone. */
function askedSetting(lines: readonly string[], search: (text: string) => SearchResult): SearchResult | undefined {
  const question = lines.map((l) => l.trim()).find((l) => l.endsWith('?') && l.length <= 200 && !/[:=]/.test(l));
  const result = question ? search(question) : undefined;
  return result?.kind === 'answer' && result.target.type === 'settings' && result.target.attributes.length > 0
    ? result
    : undefined;
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
