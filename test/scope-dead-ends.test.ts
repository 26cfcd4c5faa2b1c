import { composeReply, type Reply } from '../knowledge/answers';
import { createAnswerer } from '../knowledge';
import { ATTRIBUTES } from '../knowledge/lexicon';
import { NONE_REASONS } from '../knowledge/routes';
import { PROTOCOLS } from '../knowledge/schema';
import type { SearchResult } from '../knowledge/search';

const answerer = createAnswerer();
const provider = answerer.knowledge.providers[0]!;
const slots = answerer.ask('the weather is lovely').result.slots;

/**
 * A way forward: a button, a question, or a substantial answer (the dialog then asks "Was this
 * helpful?" with buttons, and "No" offers a person).
 */
function offersWayForward(reply: Reply): boolean {
  return reply.suggestions.length > 0 || reply.substantial || /\?\s*$/.test(reply.text);
}

const results: [string, SearchResult][] = [
  ...provider.entries.map((entry): [string, SearchResult] => [
    `entry ${entry.id}`,
    { kind: 'answer', target: { type: 'entry', entry }, confidence: 1, slots, provider },
  ]),
  ...NONE_REASONS.map((reason): [string, SearchResult] => [
    `none ${reason}`,
    { kind: 'none', reason, slots, provider },
  ]),
  ...PROTOCOLS.flatMap((p) =>
    ATTRIBUTES.map((a): [string, SearchResult] => [
      `setting ${p} ${a}`,
      { kind: 'answer', target: { type: 'settings', protocols: [p], attributes: [a] }, confidence: 1, slots, provider },
    ]),
  ),
  ...PROTOCOLS.map((p): [string, SearchResult] => [
    `block ${p}`,
    { kind: 'answer', target: { type: 'settings', protocols: [p], attributes: [] }, confidence: 1, slots, provider },
  ]),
  ['clarify', { kind: 'clarify', attributes: ['port'], options: ['imap', 'pop3'], slots, provider }],
  ['did you mean', { kind: 'ambiguous', candidates: provider.entries.slice(0, 2), slots, provider }],
];

describe('no dead ends: every reply offers a way forward', () => {
  it.each(results)('%s', (_name, result) => {
    expect(offersWayForward(composeReply(result))).toBe(true);
  });

  it.each(['what is the smtp port', 'imap server name?', 'is 993 right for imap', 'whats my username'])(
    'the answer to %s',
    (text) => {
      expect(offersWayForward(answerer.ask(text).reply)).toBe(true);
    },
  );
});
