/** The core's public face: load the knowledge once, then ask it questions. */
import { composeReply, type Reply } from './answers';
import { checkFormSchema, checkSettings, formScreen } from './checker';
import { CHECK_TEXT } from './checker-reply';
import { loadKnowledgeDir, type KnowledgeBase } from './load';
import { answerPasted, withUsernameCheck } from './log';
import { answerEach, compareWithValues } from './multi';
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
  /** Issue 15 (checker): a submitted settings form checked, or undefined when the value is not one. */
  checkForm(value: unknown): Answer | undefined;
  /** The search's content words of a text, and the entry nearest to it: how insights group unanswered questions. */
  reader: Pick<Searcher, 'words' | 'nearest'>;
}

/** Builds the search index once; `ask` is then a pure function of its input. */
export function createAnswerer(knowledge: KnowledgeBase = loadKnowledgeDir()): Answerer {
  const searcher = createSearcher(knowledge);
  return {
    knowledge,
    reader: { words: searcher.words, nearest: searcher.nearest },
    checkForm(value) {
      const form = checkFormSchema.safeParse(value);
      const provider = knowledge.providers[0];
      if (!form.success || !provider) return undefined;
      const check = checkSettings(formScreen(form.data, provider), provider);
      // Why the slots of the form's own request: the form names no program, symptom or typed password.
      const { slots } = searcher.search(CHECK_TEXT.formButton.value);
      const result: SearchResult = { kind: 'answer', target: { type: 'check', check }, confidence: 1, slots, provider };
      return { result, reply: composeReply(result) };
    },
    ask(text, context = {}) {
      // Why once: the whole message is searched to read it as several questions, and again when it is one.
      let whole: SearchResult | undefined;
      const searchWhole = () => (whole ??= searcher.search(text, context));
      const screen = answerPasted(knowledge, text, searchWhole, (part) => searcher.search(part, context));
      if (screen) return screen;
      // Issue 15 (checker): settings sent to be checked are one request, never cut into questions.
      const asked = searchWhole();
      if (asked.kind === 'answer' && asked.target.type === 'check') {
        const checked = withEarlierProgram(asked, context.program);
        return { result: checked, reply: composeReply(checked) };
      }
      // The IMAP/POP comparison with values asked beside it: both, whatever pieces the message cuts into.
      const both = compareWithValues(text, searchWhole(), searchWhole().slots.typedSecret);
      if (both) return withUsernameCheck(knowledge, text, both);
      const each = answerEach(
        text,
        (part, at) => (part === text && at === context ? searchWhole() : searcher.search(part, at)),
        // The whole message's search has read it already (answerEach searches it before its parts).
        () => searchWhole().slots.typedSecret,
        context,
      );
      // Issue 13 (multi parts): a program asking the account type and a server, not answered apart: the recommendation and its values.
      const chosen = each ? undefined : compareWithValues(text, searchWhole(), searchWhole().slots.typedSecret, true);
      if (chosen) return withUsernameCheck(knowledge, text, chosen);
      const result = each?.result ?? searchWhole();
      return withUsernameCheck(knowledge, text, each ?? { result, reply: composeReply(result) });
    },
  };
}

/** Issue 15 (checker): "these are my settings in Thunderbird", then the paste: the check offers that program's steps. */
function withEarlierProgram(result: SearchResult, program: string | undefined): SearchResult {
  return result.slots.program || !program ? result : { ...result, slots: { ...result.slots, program } };
}
