import { createAnswerer } from '../knowledge';
import { splitQuestions } from '../knowledge/multi';

const answerer = createAnswerer();

describe('two or three questions in one message: each gets its answer', () => {
  it.each([
    ['What port do I use for IMAP? And should I use IMAP or POP?', [/993/, /IMAP keeps|recommend|IMAP.*POP/i]],
    ['whats the smtp port, and do i need spa', [/465/, /Secure Password Authentication|SPA/]],
    ['two things: what is my username? also what port for pop3', [/full email address/i, /995/]],
    ['Hi, I need the incoming server name. Also is IMAP or POP better for me?', [/mail\.btinternet\.com/, /IMAP/]],
    [
      'do i tick spa. and what port is smtp. and whats the username',
      [/SPA|Secure Password/, /465/, /full email address/i],
    ],
  ])('%s', (text, patterns) => {
    const { reply } = answerer.ask(text);
    for (const p of patterns) expect(reply.text).toMatch(p);
  });

  it.each([
    ['what is the imap port?', 1],
    ['incoming and outgoing server names please', 1],
    ['I can receive but I cant send. Error 535.', 1],
    ['whats the smtp port? and whats the imap server?', 2],
    ['whats the port for smtp and what should I use, imap or pop', 2],
    ['Outlook 2016, Advanced tab. What do I put for the outgoing server?', 1],
    ['My mum is on POP with an old laptop. Should she switch?', 1],
  ])('%s splits into %d', (text, n) => {
    expect(splitQuestions(text)).toHaveLength(n);
  });
});
