/**
 * Issue 13 §3 (speed) found on the way: words that are Object's own names ("constructor",
 * "toString", "__proto__"…) looked up in the word tables found a function, read as a protocol or
 * a setting, and the reply crashed. Each message must get the reply its other words ask for.
 */
import fc from 'fast-check';
import { createAnswerer } from '../knowledge';
import { BOTH_FAIL, SIDE_FAILS, SIDE_NEEDLES } from '../knowledge/lexicon';

const answerer = createAnswerer();

/** [message, a pattern the reply must match]: the prototype word must change nothing. */
const TABLE: [string, RegExp][] = [
  ['what port constructor', /\b(465|587|993|995)\b/],
  ['whats the valueOf server', /mail\.btinternet\.com/],
  ['imap port toString', /\b993\b/],
  ['smtp server hasOwnProperty', /mail\.btinternet\.com/],
  ['constructor', /./],
  ['__proto__ port for pop', /\b995\b/],
  ['my isPrototypeOf is outlook whats the incoming server', /mail\.btinternet\.com/],
  ['toLocaleString propertyIsEnumerable', /./],
  // A host name of another provider is out of scope, constructor or not.
  ['outgoing port pls constructor.prototype.com', /other email providers/],
  ['i get error constructor when sending', /./],
  ['is 993 right for valueOf', /./],
  ['CONSTRUCTOR SMTP PORT???', /\b(465|587)\b/],
  ['wot is de port 4 imap toString thx', /\b993\b/],
];

describe('words that are Object property names', () => {
  it.each(TABLE)('%s', (message, expected) => {
    const { result, reply } = answerer.ask(message);
    expect(reply.text).toMatch(expected);
    expect(result.slots.protocols.every((p) => typeof p === 'string')).toBe(true);
    expect(result.slots.attributes.every((a) => typeof a === 'string')).toBe(true);
    expect(reply.text).not.toMatch(/undefined|\[object|function/);
  });
});

/**
 * The failing-side patterns are tried only when the text has one of their needles (slots.ts):
 * every text they match must have one, or a side would silently stop being read.
 */
describe('the needles before the failing-side patterns', () => {
  const vocabulary = [
    ...'cant cannot can not couldnt wont will not unable to doesnt does isnt is arent are fails fail failing failed stopped no longer be'.split(
      ' ',
    ),
    ...'smtp go out going incoming arrive arriving come in get getting any my new emails email messages mails mail or and nor but yet the'.split(
      ' ',
    ),
  ];
  const patterns: [string, RegExp, readonly string[]][] = [
    ['smtp', SIDE_FAILS.smtp, SIDE_NEEDLES.smtp],
    ['incoming', SIDE_FAILS.incoming, SIDE_NEEDLES.incoming],
    ['both', BOTH_FAIL, SIDE_NEEDLES.both],
  ];
  it.each(patterns)('%s: a match always has a needle', (_name, re, needles) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }), (words) => {
        const text = words.join(' ');
        return !re.test(text) || needles.some((n) => text.includes(n));
      }),
      { numRuns: 3000 },
    );
  });
});
