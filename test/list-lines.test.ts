/** Issue 13: a numbered list written one item per line is split on every item, each answered. */
import { createAnswerer } from '../knowledge';
import { splitQuestions } from '../knowledge/multi';

const answerer = createAnswerer();

describe('one item per line', () => {
  it.each([
    ['1. incoming server\n2. outgoing port\n3. do i need ssl', 3],
    ['Quick ones:\n1) imap server\n2) smtp port\n3) spa on or off', 3],
    ['(a) IMAP 993 SSL?\n(b) SMTP 465 SSL, not 587 STARTTLS?', 2],
    ['Q1. pop port\nQ2. smtp server', 2],
  ])('%s', (text, items) => {
    expect(splitQuestions(text)).toHaveLength(items);
  });

  it.each([
    ['1. incoming server\n2. outgoing port\n3. do i need ssl', [/mail\.btinternet\.com/, /\b465\b/, /SSL/]],
    ['1) imap server\n2) smtp port\n3) spa on or off', [/mail\.btinternet\.com/, /\b993\b/, /\b465\b/, /SPA/]],
    ['Hi, two things:\n1. which port for pop\n2. is the username my full address', [/\b995\b/, /full email address/]],
  ])('%s: every item answered', (text, patterns) => {
    const reply = answerer.ask(text).reply.text;
    for (const p of patterns) expect(reply).toMatch(p);
  });

  it('"whether" starts a question of its own', () => {
    expect(splitQuestions('can you tell me the smtp port and whether i need ssl')).toHaveLength(2);
  });
});
