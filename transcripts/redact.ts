/**
 * Removes secrets from text before it is stored: passwords customers type and other
 * credential-looking strings. Pure: imports only the text cap, so it is tested exhaustively by table.
 *
 * Why rules find and code decides: every pattern here is a simple one that cannot backtrack
 * (test/regex-safety.test.ts proves it with recheck); it only finds where a secret may be (a
 * label such as "password:", an address followed by "/"). Code then reads at most MAX_VALUE
 * characters around that place to decide how much is the secret. So redaction takes time
 * linear in the text, which the cap (MAX_TEXT) bounds. The secrets every rule finds are then
 * replaced together.
 */
import { cutMarker, MAX_TEXT, splitAtCap } from './text-cap';

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** The longest value a rule reads after (or before) its label: longer passphrases are not typed. */
const MAX_VALUE = 200;

/** Where a rule's pattern can start: not inside a word, in any alphabet. */
const START = String.raw`(?<![\p{L}\p{N}_])`;
/** Where a label ends: not inside a word. */
const END = String.raw`(?![\p{L}\p{N}_])`;

/** Words naming a secret a customer might type, in English and the languages customers write in. */
const LABEL = [
  String.raw`pass ?words?|passwd|pwd|pw|p\/w|pword|passcode|pass ?phrase|pass(?=\s*[:=])`,
  // Misspelt as customers type it ("my pasword is kitty123").
  String.raw`pasword|paswords|passwrd|paswrd|paswd|passward|pasward|passowrd|pssword|passwod`,
  String.raw`pin(?: number| code)?|security code|verification code|one[- ]time (?:pass)?code|otp`,
  String.raw`memorable (?:word|information)|secret answer`,
  String.raw`mot de passe|mdp|passwort|kennwort|contraseña|contrasena|clave|senha|palavra-passe|wachtwoord`,
  String.raw`hasło|haslo|пароль|lösenord|losenord|adgangskode|passord|salasana|heslo|jelszó|şifre|sifre`,
].join('|');

/** How a customer says what the password is: "is", "=", ":" and friends (several languages). */
const IS = [
  ...[
    'is now',
    'was changed to',
    'changed to',
    'set to',
    'should be',
    'would be',
    'will be',
    'it is',
    'its',
    'is',
    'was',
  ],
  ...['est', 'ist', 'es', 'é', 'è', 'är', 'er', 'jest'],
].join('|');
const SAYS = String.raw`(\s*[:=：]\s*|\s+[-–—]\s+|\s+(?:${IS})\s+|['’]s\s+)`;

/** Determiners and negations: a value starting with one describes the password ("is the same", "Password: your BT password"). */
const DETERMINERS = new Set([
  ...['it', 'the', 'a', 'an', 'my', 'your', 'their', 'our', 'his', 'her', 'its', 'this', 'that', 'what', 'which'],
  ...['same', 'not', 'no', 'none', 'n/a', 'any', 'all', 'every', 'only', 'as', 'also', 'still', 'just'],
]);

/** Words that describe a password rather than give it ("my password is wrong", "password: incorrect"). */
const DESCRIBING = new Set([
  ...DETERMINERS,
  ...['wrong', 'incorrect', 'correct', 'right', 'fine', 'ok', 'okay', 'definitely', 'meant', 'needed', 'required'],
  ...['for', 'being', 'rejected', 'accepted', 'saved', 'stored', 'case', 'different', 'changed', 'expired', 'too'],
  ...['very', 'really', 'and', 'or', 'in', 'on', 'to', 'at', 'by', 'blank', 'empty', 'missing', 'unknown', 'lost'],
  ...['forgotten', 'locked', 'invalid', 'working', 'failing', 'set', 'reset', 'asked', 'requested', 'remembered'],
  ...['long', 'short', 'weak', 'strong', 'secure', 'sensitive', 'now', 'there', 'here', 'ticked', 'unticked'],
  ...['entered', 'typed', 'greyed', 'hidden', 'shown', 'asking', 'prompted', 'always', 'never', 'sometimes'],
  ...['probably', 'maybe', 'actually', 'optional', 'falsch', 'richtig', 'faux', 'incorrecto', 'errada', 'fout'],
]);

/** Words of an ordinary sentence: a value holding one after its first word is a description, not a passphrase. */
const SENTENCE_WORDS = new Set([
  ...DESCRIBING,
  ...['i', 'im', "i'm", 'me', 'you', 'we', 'they', 'he', 'she', 'is', 'are', 'was', 'be', 'been', 'do', 'does'],
  ...['did', 'dont', "don't", 'doesnt', "doesn't", 'cant', "can't", 'wont', "won't", 'didnt', "didn't", 'isnt'],
  ...["isn't", 'of', 'from', 'with', 'without', 'if', 'when', 'so', 'but', 'because', 'says', 'said', 'say'],
  ...['keeps', 'keep', 'according', 'apparently', 'again', 'twice', 'many', 'loads', 'lots', 'several', 'times'],
  ...['incorrectly', 'correctly', 'properly', 'already', 'before', 'after', 'yesterday', 'today', 'into', 'use'],
  ...['used', 'using', 'enter', 'type', 'work', 'works', 'worked', 'help', 'please', 'thanks', 'should', 'would'],
  ...['can', 'could', 'will', 'have', 'has', 'had', 'get', 'got', 'where', 'how', 'why', 'who', 'box', 'field'],
]);

/** Words that end an unquoted value: "my password is sunshine and it fails", "… is x please help". */
const ENDS_VALUE = new Set([
  ...['and', 'but', 'so', 'because', 'though', 'although', 'however', 'which', 'then', 'or', 'it', "it's", 'its'],
  ...['i', "i'm", 'im', 'please', 'thanks', 'thank'],
]);

/** Labels naming a user name; a word after one is the user name ("username jim, password rosebud"). */
const USER_LABELS = new Set(['username', 'user', 'name', 'login', 'log-in', 'email', 'e-mail', 'address', 'account']);

/** Verbs of typing: the word after "typed … in the password box" is the password. */
const TYPING = new Set(['typed', 'typing', 'type', 'entered', 'entering', 'enter', 'put', 'putting', 'tried']);
const TYPING_TOO = new Set(['trying', 'using', 'used', 'use']);

/** Words judging a password named after a value ("is X a good password"). */
const QUALITY = 'good|strong|secure|safe|decent|valid|ok|okay|suitable|sensible|bad|weak|long enough|strong enough';
/** Words before such a value that ask about it ("is", "would"…). */
const ASKING = new Set(['is', 'would', 'will', 'does', 'isnt', "isn't", 'was', 'make', 'makes']);

/** Quotes a customer may put around a password, and the quote that closes each. */
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '„': '“' };

/** A part of the text to redact, [start, end). */
interface Span {
  start: number;
  end: number;
}

interface Rule {
  /** What the rule catches, for the README and the tests. */
  what: string;
  /** Finds where a secret may be; global, and linear (recheck rates it safe). */
  pattern: RegExp;
  /** The secret at a match, or undefined when there is none. */
  secret: (match: RegExpExecArray, text: string) => Span | undefined;
  /** A catch-all: it adds only what no other rule found a secret in ("pwd=abc123" keeps "pwd="). */
  fallback?: true;
}

/** The whole match is the secret. */
const whole = (m: RegExpExecArray): Span => ({ start: m.index, end: m.index + m[0].length });
/** The text after the first group is the secret. */
const afterGroup = (m: RegExpExecArray): Span => ({
  start: m.index + (m[1] ?? '').length,
  end: m.index + m[0].length,
});

/** The rules, each with its own pattern; what they find is redacted together. */
export const REDACTION_RULES: readonly Rule[] = [
  {
    what: 'private key blocks (-----BEGIN … PRIVATE KEY----- … -----END …-----)',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    secret: whole,
  },
  {
    what: 'passwords in URLs (scheme://user:password@host)',
    pattern: /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi,
    secret: afterGroup,
  },
  {
    what: 'bearer tokens (Authorization: Bearer …)',
    pattern: /\b(bearer\s+)[\w\-.~+/]{8,}=*/gi,
    secret: afterGroup,
  },
  {
    what: 'JSON web tokens (eyJ….eyJ….…)',
    pattern: /(?<![\w-])eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g,
    secret: whole,
  },
  {
    what: 'keys and secrets in settings (AccountKey=…, client_secret: …, api_key=…, token=…, sig=…)',
    pattern:
      /\b((?:account ?key|shared ?access ?key|shared ?access ?signature|client[_ -]?secret|app[_ -]?secret|api[_ -]?key|access[_ -]?key|secret[_ -]?key|access[_ -]?token|refresh[_ -]?token|auth[_ -]?token|token|secret|sig)\s*[=:]\s*)(?:"[^"\n]*"|'[^'\n]*'|[^\s;&,"']+)/gi,
    secret: afterGroup,
  },
  {
    what: 'well-known API key formats (AWS, GitHub, Slack, OpenAI, Google)',
    pattern:
      /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g,
    secret: whole,
  },
  {
    what: 'a password after an email address ("name@example.com:password", "name@example.com / password")',
    // A "/" with no space around it is a path (https://host/x@y.com/inbox), not a separator.
    pattern: /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?::(?!\/\/)|[ \t]+[/|][ \t]*|[/|][ \t]+)(?=\S)/g,
    secret: (m, text) => {
      const value = wordAt(text, m.index + m[0].length);
      return value && !isAddress(value.word) && !isLabel(value.word) ? value : undefined;
    },
  },
  {
    what: 'a password, PIN or code given with "is", "=", ":" ("my password is …", "pw: …", "PIN = …", "Passwort: …")',
    pattern: new RegExp(String.raw`${START}(?:${LABEL})${END}${SAYS}`, 'giu'),
    secret: (m, text) => {
      const at = m.index + m[0].length;
      // An empty field of a pasted screen ("Password:" then "Incoming server: …" below) gives nothing.
      if (/[\r\n]/.test(m[1] ?? '') && NEXT_FIELD.test(text.slice(at, at + MAX_VALUE))) return undefined;
      const value = valueAt(text, at);
      if (!value || isMasked(text.slice(value.start, value.end))) return undefined;
      return isGiven(value, /[:=：]/.test(m[1] ?? '') ? 'colon' : 'is') ? value : undefined;
    },
  },
  {
    what: 'a word right after "password" that looks like one, or follows a user name or "tried" ("password Hunter2", "username jim, password rosebud")',
    // "pass" too: alone it is a label only after a user name or before a word that looks secret ("login: x pass hunter2").
    pattern: new RegExp(String.raw`${START}(?:${LABEL}|pass)${END}[ \t]+(?=\S)`, 'giu'),
    secret: (m, text) => {
      const at = m.index + m[0].length;
      const quoted = quotedAt(text, at);
      if (quoted) return quoted;
      const value = wordAt(text, at);
      if (!value || SENTENCE_WORDS.has(bare(value.word)) || isLabel(value.word)) return undefined;
      return looksSecret(value.word) || afterUserName(text, m.index) || afterTyping(text, m.index) ? value : undefined;
    },
  },
  {
    what: 'a typed value put in the password box ("I typed X in the password box")',
    pattern: new RegExp(String.raw`(?<=\s)(?:in|into|as|for)\s+(?:the\s+|my\s+)?(?:${LABEL})${END}`, 'giu'),
    secret: (m, text) => typedBefore(text, m.index),
  },
  {
    what: 'a value asked about as a password ("is Sunflower22 a good password", "would rover99 be a strong password")',
    pattern: new RegExp(String.raw`(?<=\s)(?:be\s+)?an?\s+(?:(?:${QUALITY})\s+)?(?:${LABEL})${END}`, 'giu'),
    secret: (m, text) => judgedBefore(text, m.index),
  },
  {
    what: 'card numbers (13 to 19 digits passing the Luhn check)',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    secret: (m) => (luhn(m[0].replace(/\D/g, '')) ? whole(m) : undefined),
  },
  {
    what: 'any other word that looks like a strong password or key (letters, digits and symbols, 8+ characters)',
    pattern: /(?<![\w@])[^\s"'“”‘’()<>[\]]{8,}/g,
    secret: (m) => (looksLikeStrongSecret(m[0]) ? whole(m) : undefined),
    fallback: true,
  },
];

/** A line that is a field of its own ("Incoming server: …"): a label of a few words, then a colon. */
const NEXT_FIELD = /^[^\S\r\n]*[\p{L}][\p{L}\p{N} ()/-]{0,40}:/u;
/** Mask characters a program shows instead of a password ("••••••••", "********"). */
const MASK = /^[•●∙·◦⬤*]+$/u;

/** Whether a value is only a masked password: the program's dots, not what the customer typed. */
function isMasked(value: string): boolean {
  return MASK.test(value);
}

/** Where each rule finds a secret in `text`, merged and in order. */
function secretSpans(text: string): Span[] {
  const found = merge(REDACTION_RULES.filter((r) => !r.fallback).flatMap((r) => spansOf(r, text)));
  const extra: Span[] = [];
  let i = 0;
  for (const span of REDACTION_RULES.filter((r) => r.fallback).flatMap((r) => spansOf(r, text))) {
    while (i < found.length && found[i]!.end <= span.start) i++;
    if (i >= found.length || found[i]!.start >= span.end) extra.push(span);
  }
  return merge([...found, ...extra]);
}

function spansOf(rule: Rule, text: string): Span[] {
  const spans: Span[] = [];
  // Why exec and not matchAll: matchAll copies the regex on every call, which cost more than most searches.
  const { pattern } = rule;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex++;
    const span = rule.secret(match, text);
    if (span && span.end > span.start) spans.push(span);
  }
  return spans;
}

/** The spans sorted, overlapping ones joined. */
function merge(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/**
 * `text` cut to the cap (with a marker saying how much went) and every secret the rules find
 * replaced by `[redacted]`: what may be stored.
 */
export function redactSecrets(text: string): string {
  const { kept, cut } = splitAtCap(text);
  const redacted = replaceSpans(kept, secretSpans(kept));
  if (cut === 0 && redacted.length <= MAX_TEXT) return redacted;
  // Why cut again: "[redacted]" is longer than a short secret, so redaction can take the text past the cap.
  const again = splitAtCap(redacted);
  // The marker is added after redaction, so no rule reads it as a value ("pw:\n… [cut: …]").
  return `${again.kept}${cutMarker(cut + again.cut)}`;
}

function replaceSpans(text: string, spans: Span[]): string {
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += `${text.slice(from, span.start)}${REDACTED}`;
    from = span.end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A word of letters and digits, with what may stand around it ("Penguin2024", "rover99!", "'kitty123'"). */
const VALUE_WORD = /(?<!\S)([^\p{L}\p{N}\s]*)([\p{L}\p{N}][^\s]*[\p{L}\p{N}])([^\p{L}\p{N}\s]*)(?!\S)/gu;
/** Words of letters and digits that name a protocol or a version, not a password. */
const NOT_A_VALUE =
  /^(?:pop3?|imap4?|smtp|ssl|tls|ipv[46]|win\d+|windows\d+|office\d+|outlook\d+|ios\d+|\d+(?:st|nd|rd|th|am|pm|s))$/i;

/**
 * `redactSecrets`, for a message the conversation says gives a secret ("its Penguin2024" after the bot
 * declined to check a password): what the rules find, else each word of letters and digits (the value
 * given), else the whole text. Why here: the text alone cannot say it is a password; the bot's reading can.
 */
export function redactGivenSecret(text: string): string {
  const redacted = redactSecrets(text);
  if (redacted !== text) return redacted;
  const located = text.replace(VALUE_WORD, (whole, lead: string, word: string, trail: string) => {
    if (word.length < 4 || !/\d/.test(word) || !/\p{L}/u.test(word) || /[.@]\w/.test(word) || NOT_A_VALUE.test(word))
      return whole;
    return `${lead}${REDACTED}${trail}`;
  });
  return located === text ? REDACTED : located;
}

/**
 * Whether the text holds something `redactSecrets` removes. The search warns a customer who typed
 * a password exactly when this is true, so every warning is about text the transcript never holds.
 */
export function containsSecret(text: string): boolean {
  return secretSpans(splitAtCap(text).kept).length > 0;
}

/**
 * The value with `redact` (by default `redactSecrets`) applied to every string in it, object keys
 * included. Copy on write: objects and arrays are copied only where a string inside them changed,
 * so the input is never modified and an unchanged value comes back as itself.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string = redactSecrets): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => redactDeep(v, redact));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  const entries = Object.entries(value).map(([key, v]) => [redact(key), redactDeep(v, redact), key, v] as const);
  const changed = entries.some(([key, v, oldKey, old]) => key !== oldKey || v !== old);
  return (changed ? Object.fromEntries(entries.map(([key, v]) => [key, v])) : value) as T;
}

/** A value found in the text: its span, and for an unquoted one its words, lower-cased and without punctuation. */
interface Value extends Span {
  quoted: boolean;
  words: string[];
}

/** A quoted value starting at `at` (quotes on one line, within MAX_VALUE), quotes included. */
function quotedAt(text: string, at: number): Value | undefined {
  const close = CLOSING_QUOTE[text[at] ?? ''];
  if (!close) return undefined;
  // Why in a slice: the closing quote is looked for no further than MAX_VALUE, however long the text.
  const end = text.slice(at + 1, at + MAX_VALUE).indexOf(close) + at + 1;
  if (end <= at + 1 || text.slice(at, end).includes('\n')) return undefined;
  return { start: at, end: end + 1, quoted: true, words: [] };
}

const WORD = new RegExp(String.raw`\S{1,${MAX_VALUE}}`, 'y');

/** The run of non-space characters at `at` (at most MAX_VALUE of them). */
function wordAt(text: string, at: number): (Span & { word: string }) | undefined {
  WORD.lastIndex = at;
  const word = WORD.exec(text)?.[0];
  return word ? { start: at, end: at + word.length, word } : undefined;
}

/**
 * The value given after a label ("… is X", "…: X"): quoted, or words up to a conjunction ("and",
 * "but"…), a word ending in punctuation (kept: it may be part of the password), a line break, or
 * MAX_VALUE characters.
 */
function valueAt(text: string, at: number): Value | undefined {
  // Why: a value already redacted is not read again, so redacting twice (a record on its way out) keeps the words after it.
  if (text.startsWith(REDACTED, at)) return undefined;
  const quoted = quotedAt(text, at);
  if (quoted) return quoted;
  // A value is not punctuation alone ("my password is . what now"); "!Qaz2wsx" is one.
  if (/^[.,!?;:]*(?:\s|$)/.test(text.slice(at, at + 8))) return undefined;
  const limit = Math.min(text.length, at + MAX_VALUE);
  const words: string[] = [];
  let end = at;
  for (let next = at; next < limit;) {
    const word = wordAt(text, next);
    if (!word) break;
    const plain = bare(word.word);
    // A conjunction ends the value, and so does another label ("pw: abc pin: 1234").
    if (words.length > 0 && (ENDS_VALUE.has(plain) || isLabel(plain))) break;
    words.push(plain);
    end = word.end;
    if (/[.,!?;]$/.test(word.word)) break;
    next = word.end;
    while (next < limit && (text[next] === ' ' || text[next] === '\t')) next++;
    if (next >= limit || isSpace(text[next])) break;
  }
  return words.length > 0 ? { start: at, end, quoted: false, words } : undefined;
}

/**
 * Whether a value after a label is the password. Quoted: yes. Starting with a determiner ("the
 * same"): no. Starting with a describing word: after "is" ("my password is correct") no, unless
 * a passphrase follows it ("… is correct horse battery staple": three words or more, none of an
 * ordinary sentence); after ":" or "=", where a description is rare, only a describing word alone
 * is one ("password: incorrect").
 */
function isGiven(value: Value, says: 'is' | 'colon'): boolean {
  const [first, ...rest] = value.words;
  if (value.quoted) return true;
  if (first === undefined || DETERMINERS.has(first)) return false;
  if (!DESCRIBING.has(first)) return true;
  if (says === 'colon') return rest.length > 0;
  return rest.length >= 2 && rest.every((w) => !SENTENCE_WORDS.has(w));
}

/** The words of the line before `at`, at most MAX_VALUE characters back. */
function wordsBefore(text: string, at: number): string[] {
  const window = text.slice(Math.max(0, at - MAX_VALUE), at);
  return window
    .slice(window.lastIndexOf('\n') + 1)
    .split(/[ \t]+/)
    .filter((w) => w.length > 0);
}

/** Joining words between a user name and the password label ("jim, and my password …"). */
const JOINING = new Set(['and', 'my', 'the', '&', '/', '|', ',', ';', '-']);

/** Right after a user name: an email address, or "username/login/user [is|:] NAME" (then "and", "/", "my"…). */
function afterUserName(text: string, labelAt: number): boolean {
  const words = wordsBefore(text, labelAt);
  while (words.length > 0 && JOINING.has(bare(words.at(-1) ?? ''))) words.pop();
  const name = words.pop()?.replace(/(?<![,;/&|])[,;/&|]+$/, '');
  if (!name) return false;
  if (isEmailAddress(name)) return true;
  if (SENTENCE_WORDS.has(bare(name)) || USER_LABELS.has(bare(name)) || isLabel(bare(name))) return false;
  const before = bare(words.pop() ?? '');
  const label = before === 'is' || before === '=' || before === ':' ? bare(words.pop() ?? '') : before;
  return USER_LABELS.has(label);
}

/** Right after a verb of typing ("I tried the password sunshine", "entered my password hunter"). */
function afterTyping(text: string, labelAt: number): boolean {
  const words = wordsBefore(text, labelAt).map(bare);
  if (words.at(-1) === 'the' || words.at(-1) === 'my') words.pop();
  return TYPING.has(words.at(-1) ?? '');
}

/** The value before "in the password box" when a verb of typing comes before it ("I typed X in the password box"). */
function typedBefore(text: string, at: number): Span | undefined {
  let end = at;
  while (end > 0 && isSpace(text[end - 1]) && text[end - 1] !== '\n') end--;
  const value = quotedBefore(text, end) ?? wordBefore(text, end);
  if (!value || SENTENCE_WORDS.has(bare(text.slice(value.start, value.end)))) return undefined;
  const words = wordsBefore(text, value.start).map(bare);
  if (words.at(-1) === 'in') words.pop();
  const verb = words.at(-1) ?? '';
  return TYPING.has(verb) || TYPING_TOO.has(verb) ? value : undefined;
}

/** The value before "a good password" when a question word or a secret-looking word it is ("is X a good password"). */
function judgedBefore(text: string, at: number): Span | undefined {
  let end = at;
  while (end > 0 && isSpace(text[end - 1]) && text[end - 1] !== '\n') end--;
  const value = quotedBefore(text, end) ?? wordBefore(text, end);
  if (!value) return undefined;
  const word = text.slice(value.start, value.end);
  if (SENTENCE_WORDS.has(bare(word)) || bare(word) === 'mine' || isLabel(word) || isAddress(word)) return undefined;
  const verb = wordsBefore(text, value.start).map(bare).at(-1) ?? '';
  return ASKING.has(verb) || looksSecret(word) ? value : undefined;
}

/** A quoted value ending just before `end` (on one line, within MAX_VALUE). */
function quotedBefore(text: string, end: number): Span | undefined {
  const close = text[end - 1] ?? '';
  const open = Object.keys(CLOSING_QUOTE).find((q) => CLOSING_QUOTE[q] === close);
  if (!open) return undefined;
  const from = Math.max(0, end - MAX_VALUE);
  const start = text.slice(from, end - 1).lastIndexOf(open) + from;
  if (start < from || text.slice(start, end).includes('\n')) return undefined;
  return { start, end };
}

/** The run of non-space characters ending just before `end` (at most MAX_VALUE). */
function wordBefore(text: string, end: number): Span | undefined {
  let start = end;
  while (start > 0 && end - start < MAX_VALUE && !isSpace(text[start - 1])) start--;
  return start < end ? { start, end } : undefined;
}

/** What /\s/ matches, without running a regex for each character. */
function isSpace(char: string | undefined): boolean {
  const code = char?.charCodeAt(0) ?? -1;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || SPACES.has(code);
}
const SPACES = new Set([0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

/** Without the punctuation and quotes around it. */
function strip(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && `"'“‘([«„`.includes(word[start] ?? '')) start++;
  while (end > start && `"'”’)].,;:!?»`.includes(word[end - 1] ?? '')) end--;
  return word.slice(start, end);
}

/** Lower case, without the punctuation and quotes around it. */
function bare(word: string): string {
  return strip(word).toLowerCase();
}

const LABEL_ONLY = new RegExp(String.raw`^(?:${LABEL})$`, 'iu');

/** A word that names a secret ("password", "pw"), not one. */
function isLabel(word: string): boolean {
  return LABEL_ONLY.test(bare(word));
}

/** A word that is not plain English: digits with letters, symbols inside, or a capital after a small letter. */
function looksSecret(raw: string): boolean {
  const word = strip(raw);
  if (word.length < 4 || isAddress(word)) return false;
  const letters = /\p{L}/u.test(word);
  return (letters && /\d/.test(word)) || (letters && /[^\p{L}\p{N}\s.'’-]/u.test(word)) || /\p{Ll}\p{Lu}/u.test(word);
}

/**
 * Letters, digits and a symbol (or a capital, small letters and digits then "!"), and not an
 * address, a version or an error code.
 */
function looksLikeStrongSecret(word: string): boolean {
  if (isAddress(word)) return false;
  let end = word.length;
  while (end > 0 && '.,;:!?'.includes(word[end - 1] ?? '')) end--;
  const core = word.slice(0, end);
  const lower = /\p{Ll}/u.test(core);
  const upper = /\p{Lu}/u.test(core);
  const digit = /\d/.test(core);
  // "@" inside, unless it starts a domain (name@host.com/path is an address, however odd).
  const at = core.includes('@') && !/@[\w-]+\./.test(core);
  const symbol = /[!#$%&*+=?^~|\\{}]/.test(core) || at || (upper && lower && digit && word[end] === '!');
  const kinds = [lower, upper, digit, /[^\p{L}\p{N}]/u.test(core) || symbol].filter(Boolean).length;
  const longMixed = core.length >= 24 && lower && upper && digit;
  return (symbol && kinds >= 3 && (lower || upper) && digit) || longMixed;
}

/** An email address. */
function isEmailAddress(word: string): boolean {
  return /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(word);
}

/** Email addresses, URLs and host names are personal data or settings, not secrets. */
function isAddress(word: string): boolean {
  const trimmed = bare(word);
  // A host name ends in letters ("mail.btinternet.com"); "sunshine.sunshine0" is not one.
  return isEmailAddress(trimmed) || /:\/\/|^www\./i.test(trimmed) || /^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i.test(trimmed);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
