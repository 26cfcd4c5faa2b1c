/** The core's public face: load the knowledge once, then ask it questions. */
import { composeReply, type Reply } from './answers';
import { loadKnowledgeDir, type KnowledgeBase } from './load';
import { answerEach } from './multi';
import { createSearcher, type SearchContext, type SearchResult } from './search';
import { containsSecret } from '../transcripts/redact';

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
}

/** Builds the search index once; `ask` is then a pure function of its input. */
export function createAnswerer(knowledge: KnowledgeBase = loadKnowledgeDir()): Answerer {
  const searcher = createSearcher(knowledge);
  return {
    knowledge,
    ask(text, context) {
      const each = answerEach(
        text,
        (part) => searcher.search(part, context),
        () => containsSecret(text),
      );
      if (each) return each;
      const result = searcher.search(text, context);
      return { result, reply: composeReply(result) };
    },
  };
}
