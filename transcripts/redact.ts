/**
 * Removes secrets from text before it is stored: passwords customers type and other
 * credential-looking strings. Pure: imports nothing, so it is tested exhaustively by table.
 */

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Words naming a secret a customer might type. */
const LABEL = String.raw`(?:(?:e-?mail |email account |app |account |bt |new |old )?(?:pass ?words?|passwd|pwd|pw|p\/w|pword|passcode|pass ?phrase)|pin(?: number| code)?|security code|verification code|one[- ]time (?:pass)?code|otp|memorable (?:word|information)|secret answer)`;

/** How a customer says what it is: "is", "=", ":" and friends. */
const SAYS = String.raw`(?:\s*(?:=|:)\s*|\s+(?:-|–)\s+|\s+(?:is|was|'s|’s|is now|was changed to|changed to|set to|should be|would be|will be)\s+|'s\s+)`;

/** Words after "password is" that describe it rather than give it ("my password is wrong"). */
const DESCRIBING = [
  ...['it', 'the', 'a', 'an', 'my', 'your', 'their', 'our', 'his', 'her', 'its', 'this', 'that', 'what', 'which'],
  ...['same', 'wrong', 'incorrect', 'correct', 'right', 'fine', 'ok', 'okay', 'not', 'no', 'definitely', 'meant'],
  ...['needed', 'required', 'for', 'being', 'still', 'rejected', 'accepted', 'saved', 'stored', 'case', 'different'],
  ...['changed', 'expired', 'too', 'very', 'really', 'just', 'also', 'and', 'or', 'in', 'on', 'to', 'at', 'by', 'as'],
  ...['blank', 'empty', 'missing', 'unknown', 'lost', 'forgotten', 'locked', 'invalid', 'working', 'failing', 'set'],
  ...['reset', 'asked', 'requested', 'remembered', 'long', 'short', 'weak', 'strong', 'secure', 'sensitive', 'now'],
  ...['there', 'here', 'ticked', 'unticked', 'entered', 'typed', 'greyed', 'hidden', 'shown', 'asking', 'prompted'],
  ...['always', 'never', 'sometimes', 'probably', 'maybe', 'definitely', 'actually', 'only', 'all', 'any', 'every'],
];

/** Not one of the DESCRIBING words. */
const NOT_DESCRIBING = String.raw`(?!(?:${DESCRIBING.join('|')})\b)`;

/** A value: quoted (spaces allowed) or one run of non-space characters. */
const QUOTED = String.raw`"[^"\n]{1,200}"|'[^'\n]{1,200}'|“[^”\n]{1,200}”|‘[^’\n]{1,200}’`;

/** Where an unquoted value given with "is"/":" ends: a conjunction, the end of a sentence, or the line. */
const VALUE_END = String.raw`(?=\s+(?:and|but|so|because|though|although|however|which|then|or|it|it's|its|i|i'm|im|please|thanks|thank)\b|(?<=[.!?;,])\s|\s*\n|\s*$)`;

/** An unquoted value: up to VALUE_END, taking punctuation stuck to it (it may be part of the password). */
const UNQUOTED = String.raw`[^\s.,!?;][^\n]*?[.!?;,]*${VALUE_END}`;

interface Rule {
  /** What the rule catches, for the README and the tests. */
  what: string;
  pattern: RegExp;
  /** The text the match becomes; groups are the regex's captures. */
  replace: (match: string, ...groups: string[]) => string;
}

const keep = (prefix: string) => `${prefix}${REDACTED}`;

/** The rules, most specific first; each replaces only the secret and keeps the words around it. */
export const REDACTION_RULES: readonly Rule[] = [
  {
    what: 'private key blocks (-----BEGIN … PRIVATE KEY----- … -----END …-----)',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: () => REDACTED,
  },
  {
    what: 'passwords in URLs (scheme://user:password@host)',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi,
    replace: (_m, before, at) => `${before}${REDACTED}${at}`,
  },
  {
    what: 'bearer tokens and JSON web tokens',
    pattern: /\b(bearer\s+)[\w\-.~+/]{8,}=*|\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/gi,
    replace: (_m, bearer) => (bearer ? keep(bearer) : REDACTED),
  },
  {
    what: 'keys and secrets in settings (AccountKey=…, client_secret: …, api_key=…, token=…, sig=…)',
    pattern:
      /\b((?:account ?key|shared ?access ?key|shared ?access ?signature|client[_ -]?secret|app[_ -]?secret|api[_ -]?key|access[_ -]?key|secret[_ -]?key|access[_ -]?token|refresh[_ -]?token|auth[_ -]?token|token|secret|sig)\s*[=:]\s*)("[^"\n]*"|'[^'\n]*'|[^\s;&,"']+)/gi,
    replace: (_m, label) => keep(label),
  },
  {
    what: 'well-known API key formats (AWS, GitHub, Slack, OpenAI, Google)',
    pattern:
      /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g,
    replace: () => REDACTED,
  },
  {
    what: 'email address and password pairs (name@example.com:password)',
    pattern: /\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+:)(?!\/\/)(\S+)/g,
    replace: (_m, login) => keep(login),
  },
  {
    what: 'a password after a username ("username x and password y", "user: x pass: y")',
    pattern: new RegExp(
      String.raw`(\b(?:user ?name|username|login|user|email(?: address)?)\b${SAYS}?\s*${NOT_DESCRIBING}[^\s.,;:]\S*[\s,;/&]*(?:and\s+)?(?:my\s+|the\s+)?(?:${LABEL}|pass)\b${SAYS}?\s*)${NOT_DESCRIBING}(${QUOTED}|[^\s.,;:!?]\S*)`,
      'gi',
    ),
    replace: (_m, before) => keep(before),
  },
  {
    what: 'a password, PIN or code given with "is", "=", ":" ("my password is …", "pw: …", "PIN = …")',
    pattern: new RegExp(String.raw`(\b${LABEL}${SAYS}\s*)${NOT_DESCRIBING}(${QUOTED}|${UNQUOTED})`, 'gi'),
    replace: (_m, before) => keep(before),
  },
  {
    what: 'a typed value put in the password box ("I typed X in the password box")',
    pattern: new RegExp(
      String.raw`(\b(?:typed|typing|type|entered|entering|enter|put|putting|tried|trying|using|used|use)\s+(?:in\s+)?)(${QUOTED}|\S+)(?=\s+(?:in|into|as|for)\s+(?:the\s+|my\s+)?${LABEL}\b)`,
      'gi',
    ),
    replace: (_m, before) => keep(before),
  },
  {
    what: 'a password-looking word right after "password" ("password Hunter2")',
    pattern: new RegExp(String.raw`(\b${LABEL}\s+)(\S+)`, 'gi'),
    replace: (match, before, value) => (looksSecret(value) ? keep(before) : match),
  },
  {
    what: 'card numbers (13 to 19 digits passing the Luhn check)',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    replace: (match) => (luhn(match.replace(/\D/g, '')) ? REDACTED : match),
  },
  {
    what: 'any other word that looks like a strong password or key (letters, digits and symbols, 8+ characters)',
    pattern: /(?<![\w@])[^\s"'“”‘’()<>[\]]{8,}/g,
    replace: (match) => (looksLikeStrongSecret(match) ? REDACTED : match),
  },
];

/** `text` with every secret the rules find replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const rule of REDACTION_RULES) out = out.replace(rule.pattern, rule.replace as (m: string) => string);
  return out;
}

/** Whether the text holds something `redactSecrets` would remove. */
export function containsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}

/**
 * The value with `redact` (by default `redactSecrets`) applied to every string in it. Copy on
 * write: objects and arrays are copied only where a string inside them changed, so the input
 * is never modified and an unchanged value comes back as itself.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string = redactSecrets): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => redactDeep(v, redact));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const redacted = redactDeep(v, redact);
    if (redacted !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (copy ?? value) as T;
}

/** A word that is not plain English: digits with letters, symbols inside, or a capital after a small letter. */
function looksSecret(raw: string): boolean {
  const word = raw.replace(/^["'“‘([]+|["'”’)\].,;:!?]+$/g, '');
  if (word.length < 4 || isAddress(word)) return false;
  const letters = /[a-z]/i.test(word);
  return (letters && /\d/.test(word)) || (letters && /[^\w\s.'’-]/.test(word)) || /[a-z][A-Z]/.test(word);
}

/** Letters, digits and a symbol, and not an address, a version or an error code. */
function looksLikeStrongSecret(word: string): boolean {
  if (isAddress(word)) return false;
  const trimmed = word.replace(/[.,;:!?]+$/, '');
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(trimmed)).length;
  const symbols = /[!#$%&*+=?^~|\\{}]/.test(trimmed);
  const longMixed = trimmed.length >= 24 && /[a-z]/.test(trimmed) && /[A-Z]/.test(trimmed) && /\d/.test(trimmed);
  return (symbols && kinds >= 3 && /[a-z]/i.test(trimmed) && /\d/.test(trimmed)) || longMixed;
}

/** Email addresses, URLs and host names are personal data or settings, not secrets. */
function isAddress(word: string): boolean {
  return /@|:\/\/|^www\./i.test(word) || /^[\w-]+(\.[\w-]+)+$/.test(word);
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
