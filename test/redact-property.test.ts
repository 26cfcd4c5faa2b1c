/**
 * Redaction by property: a generated password, put in a sentence the way customers type one,
 * never survives; the bot's own sentences never change; and the search warns only about what is
 * redacted. Fixed seed and a moderate number of runs, so CI sees the same cases every time.
 */
import fc from 'fast-check';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from '../dialogs/texts';
import { replyActivity } from '../dialogs/cards';
import { createAnswerer } from '../knowledge';
import { NONE_TEXT, TEXT } from '../knowledge/texts';
import { SERVER_TEXT } from '../server';
import { containsSecret, redactDeep, redactSecrets } from '../transcripts/redact';

const RUNS = { seed: 20251202, numRuns: 300 };

/** Everyday words; none of them is one of the words that describe a password ("wrong") or make a sentence ("and"). */
const WORDS = ['sunshine', 'rosebud', 'kitten', 'dragon', 'monkey', 'purple', 'horse', 'battery', 'staple', 'tiger'];
/** Words from other keyboards. */
const FOREIGN = ['blåbær', 'straße', 'größe', 'smørbrød', 'açúcar', 'niño', 'ключ', 'секрет', 'zażółć', 'café'];
/** Words that could also describe a password: a passphrase may start with one. */
const DESCRIBING_START = ['correct', 'wrong', 'right', 'fine', 'strong', 'blank'];
const SYMBOLS = ['!', '#', '$', '%', '&', '*', '+', '=', '?', '@', '^', '~', '-', '_', '.'];

const word = fc.constantFrom(...WORDS, ...FOREIGN);
const capitalised = word.map((w) => w[0]!.toUpperCase() + w.slice(1));
const digits = fc.integer({ min: 0, max: 99_999 }).map(String);
const symbol = fc.constantFrom(...SYMBOLS);

/** One-word passwords: words, digits and symbols, "@" inside, punctuation at either end, other keyboards. */
const oneWord = fc.oneof(
  fc.tuple(capitalised, digits, symbol).map(([w, d, s]) => `${w}${d}${s}`),
  fc.tuple(word, symbol, word, digits).map(([a, s, b, d]) => `${a}${s}${b}${d}`),
  fc.tuple(word, digits).map(([w, d]) => `${w.replace(/a/, '@')}${d}`),
  fc.tuple(symbol, capitalised, digits).map(([s, w, d]) => `${s}${w}${d}`),
  fc.tuple(word, digits, fc.constantFrom('!', '!!', '.', '?', '#')).map(([w, d, p]) => `${w}${d}${p}`),
  fc.tuple(fc.constantFrom(...FOREIGN), digits).map(([w, d]) => `${w}${d}`),
);

/** Passphrases of three to five words, some starting with a word that could describe a password. */
const passphrase = fc
  .tuple(fc.oneof(word, fc.constantFrom(...DESCRIBING_START)), fc.array(word, { minLength: 2, maxLength: 4 }))
  .map(([first, rest]) => [first, ...rest].join(' '));

/** How customers type a password: `%` is where it goes. Any password fits these. */
const ANY_PASSWORD = [
  'my password is %',
  'My password is % and it keeps failing',
  'password: %',
  'Password = %',
  'pw: %',
  'the password is "%"',
  'my email password is %\nwhat is the imap server?',
  'Passwort: %',
  'mot de passe: %',
  'contraseña: %',
  'пароль: %',
  'Username: jim@btinternet.com\nPassword: %\nServer: mail.btinternet.com',
  "hi, my new password was changed to % but outlook won't take it",
  'my password is “%” I think',
  'my password is %, what port?',
];

/** Templates that take one word only: there is nothing to say where a longer password would end. */
const ONE_WORD = [
  'username jim@btinternet.com password %',
  'jim@btinternet.com / %',
  'jim@btinternet.com:%',
  "here's my login: jim@btinternet.com pass %",
  'I typed % in the password box',
  'I tried the password % loads of times',
  'user jim pw %',
  'password % does not work',
];

const typed = fc.oneof(
  fc.tuple(fc.constantFrom(...ANY_PASSWORD), fc.oneof(oneWord, passphrase)),
  fc.tuple(fc.constantFrom(...ONE_WORD), oneWord),
);

describe('a generated password in a generated sentence', () => {
  it('never survives redaction', () => {
    fc.assert(
      fc.property(typed, ([template, password]) => {
        fc.pre(!template.includes(password));
        const out = redactSecrets(template.replace('%', password));
        expect({ template, password, out: out.includes(password) }).toEqual({ template, password, out: false });
      }),
      RUNS,
    );
  });

  const answerer = createAnswerer();
  it('is redacted once: redacting the redacted sentence again changes nothing (a record on its way out)', () => {
    fc.assert(
      fc.property(typed, ([template, password]) => {
        const once = redactSecrets(template.replace('%', password));
        expect(redactSecrets(once)).toBe(once);
      }),
      RUNS,
    );
  });

  it('is warned about, and whatever the search warns about is redacted', () => {
    fc.assert(
      fc.property(typed, ([template, password]) => {
        const text = template.replace('%', password);
        const warned = answerer.ask(text).reply.text.startsWith(TEXT.dontSharePassword);
        expect({ text, warned, redacted: redactSecrets(text) !== text }).toEqual({
          text,
          warned: true,
          redacted: true,
        });
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

/** Every string in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe("the bot's own sentences", () => {
  const answerer = createAnswerer();
  const entries = answerer.knowledge.providers.flatMap((p) => p.entries);
  // Every entry answered (by its title and each of its questions), as the bot sends it: text, card and buttons.
  const replies = entries.flatMap((e) => [e.title, ...e.questions].map((q) => replyActivity(answerer.ask(q).reply)));
  const fixed = [
    ...strings(SAY),
    ...strings(BUTTONS),
    ...strings(PROGRAM_BUTTONS),
    ...strings(TEXT),
    ...strings(NONE_TEXT),
    ...strings(SERVER_TEXT),
    TEXT.popAlternative(995),
  ];

  it('are found: fixed sentences, and a reply for every knowledge entry', () => {
    expect(fixed.length).toBeGreaterThan(40);
    expect(new Set(replies.map((r) => r.text)).size).toBeGreaterThan(entries.length / 2);
  });

  it('every fixed sentence and every string of every reply is left as it is', () => {
    const changed = [...fixed, ...replies.flatMap(strings)].filter((t) => redactSecrets(t) !== t);
    expect(changed).toEqual([]);
    expect(replies.filter((r) => redactDeep(r) !== r)).toEqual([]);
  });

  it('any run of them, joined as the bot joins messages, is left as it is', () => {
    const sentences = [...new Set([...fixed, ...replies.flatMap(strings)])];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...sentences), { minLength: 2, maxLength: 4 }), (picked) => {
        const text = picked.join('\n\n');
        expect(containsSecret(text) ? text : '').toBe('');
      }),
      RUNS,
    );
  });
});
