/**
 * Issue 13 (multi): a statement that carries a question inside it ("my password is …, whats the
 * smtp port") followed by another question: both answered, never only the last.
 */
import { last } from './helpers/talk';

describe('a statement with a question inside it, then another question: both answered', () => {
  it.each<[string, RegExp[], RegExp[]]>([
    [
      'my password is Tulip99 whats the smtp port and can you check the password',
      [/port 465/, /can't see, check or give out any password/],
      [/Tulip99/],
    ],
    [
      'i use an iphone what is the incoming server and also the username',
      [/mail\.btinternet\.com/, /full email address/],
      [],
    ],
    ['i use thunderbird which port for pop and is ssl needed', [/995/, /SSL/], [/\b110\b/]],
    [
      'we are on outlook whats the outgoing server and do i tick spa',
      [/mail\.btinternet\.com/, /SPA|Secure Password Authentication/],
      [/\b587\b/],
    ],
  ])('%s', async (message, expected, forbidden) => {
    const reply = await last([message]);
    for (const p of expected) expect(reply).toMatch(p);
    for (const p of forbidden) expect(reply).not.toMatch(p);
  });
});
