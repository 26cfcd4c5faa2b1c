/** Text shaped to make backtracking regexes slow: what `npm run bench` and the tests feed to redaction and search. */

/** Each shape is a short unit repeated to the length wanted. */
export const ADVERSARIAL_SHAPES: Readonly<Record<string, string>> = {
  'a-': 'a-',
  'a@': 'a@',
  'a.': 'a.',
  'a:': 'a:',
  dots: '.',
  spaces: ' ',
  'tabs and newlines': '\t\n',
  'eyJ prefixes': 'eyJa-',
  'one long word': 'a',
  'word and space': 'ab ',
  'a+': 'a+',
  'exclamation marks': '!',
  quotes: '“ ',
  'name@host.com:': 'a@b.co:',
  'user pass': 'user x pass ',
  'password is': 'password is ',
  'pw: pw:': 'pw: ',
  'typed in the password box': 'typed x in the password ',
  'unclosed quotes after a label': 'pw: “',
  'closing quotes before the box': 'x” in the password ',
  '<': '<',
  '/': '/',
  digits: '1 ',
  mix: 'a-b@c.d:e/f “g” pw: ',
};

/** `unit` repeated to exactly `length` characters. */
export function adversarialText(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
