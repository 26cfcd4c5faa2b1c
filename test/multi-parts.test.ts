/**
 * Issue 13 (multi parts): a last question after "Also"/"plus" following earlier ones is answered
 * too; "+" and "&" between two settings ("smtp host+port") ask for both; a program asking for the
 * account type and a server gets the recommendation and the server, not only the comparison.
 */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that|Did you mean/;
const NO_SPA = /do not enable Secure Password Authentication|Leave it unticked|Secure Password Authentication/i;
const HOST = /mail\.btinternet\.com/;
const IMAP_BEST = /BT recommends IMAP|recommend/i;

type Case = [string, RegExp[], RegExp[]?];

async function expectAll([text, expected, forbidden = []]: Case): Promise<void> {
  const out = await last([text]);
  for (const p of expected) expect(out).toMatch(p);
  for (const p of [NOT_SURE, ...forbidden]) expect(out).not.toMatch(p);
}

describe('1. a last question after "Also" or "plus" is answered too', () => {
  it.each<Case>([
    [
      "Two things for the SMTP side: which AUTH mechanism does it take (LOGIN/PLAIN?), and do I need SPA enabled? Also what's the POP3S port.",
      [/PLAIN/, NO_SPA, /\b995\b/],
    ],
    ['whats the imap port? and do i tick SPA? also what is the smtp port', [/\b993\b/, NO_SPA, /\b465\b/]],
    ['what port for pop, is SSL needed? plus the smtp port', [/\b995\b/, /SSL|TLS/, /\b465\b/]],
    ['imap server? smtp port? Also do i need spa', [HOST, /\b465\b/, NO_SPA]],
    [
      'What is the incoming port for IMAP and is the username my full email? Also the outgoing port.',
      [/\b993\b/, /full email address/, /\b465\b/],
    ],
    ['which port for imap, which for smtp. also what about pop3 port', [/\b993\b/, /\b465\b/, /\b995\b/]],
    ['do i need SPA? what port for outgoing? and also whats the pop port', [NO_SPA, /\b465\b/, /\b995\b/]],
    ['Which encryption for SMTP? Which port for it? Plus what is the IMAP port.', [/SSL|TLS/, /\b465\b/, /\b993\b/]],
    ['is the username my full email? Also whats the IMAPS port', [/full email address/, /\b993\b/], [/\b465\b/]],
    ['need to know smtp port? and also the imap server pls', [/\b465\b/, HOST]],
    ['hi what is the pop3 port and do i need spa ticked. plus smtp server name thanks', [/\b995\b/, NO_SPA, HOST]],
    ['do I need SSL? whats the imap port? Also the smtp one', [/SSL/, /\b993\b/, /\b465\b/]],
  ])('%s', async (...row) => expectAll(row));
});

describe('2. "+" and "&" between settings ask for both', () => {
  it.each<Case>([
    ['Outgoing server + port for BT mail?', [HOST, /\b465\b/]],
    ['imap server & port?', [HOST, /\b993\b/]],
    ['smtp host+port pls', [HOST, /\b465\b/]],
    ['pop3 server&port', [HOST, /\b995\b/]],
    ['incoming server + port please', [HOST, /\b993\b|\b995\b/]],
    ['SMTP hostname & port number?', [HOST, /\b465\b/]],
    ['wot is the smtp server + port', [HOST, /\b465\b/]],
    ['IMAP host & port & encryption', [HOST, /\b993\b/, /SSL|TLS/]],
    ['need the outgoing port + server name', [HOST, /\b465\b/]],
    ['BT mail smtp server&port number??', [HOST, /\b465\b/]],
    ['outgoing host + port + encryption for outlook', [HOST, /\b465\b/, /SSL/]],
    ['IMAP SERVER+PORT???', [HOST, /\b993\b/]],
  ])('%s', async (...row) => expectAll(row));
});

describe('3. a program asking for the account type and a server: the recommendation and the server', () => {
  it.each<Case>([
    [
      'Windows Mail is asking what type of account - POP or IMAP - and the server name. What should I pick?',
      [IMAP_BEST, HOST],
    ],
    ['outlook wants account type and incoming server, what do I put', [IMAP_BEST, HOST]],
    ['thunderbird asks account type imap or pop and incoming server?', [IMAP_BEST, HOST]],
    ['my iphone says choose IMAP or POP and then asks for host name', [IMAP_BEST, HOST]],
    ['setting up on mac mail, it wants the account type and the incoming mail server', [IMAP_BEST, HOST]],
    ['Outlook: Account type? Incoming mail server?', [IMAP_BEST, HOST]],
    ['the app is asking me pop or imap and the server address what do i choose', [IMAP_BEST, HOST]],
    ['account type and server name for outlook 2016 pls', [IMAP_BEST, HOST]],
    ['It is asking POP or IMAP and also the incoming server, which one do I choose?', [IMAP_BEST, HOST]],
    ['new phone wants me to pick pop or imap plus the incoming server name, help', [IMAP_BEST, HOST]],
  ])('%s', async (...row) => expectAll(row));
});

describe('3b. a choice alone gets no server values', () => {
  it.each<Case>([
    ['should I use imap or pop?', [IMAP_BEST], [/\b993\b/]],
    ['pop or imap which is best for my ipad', [IMAP_BEST], [/\b993\b/]],
    ['Outlook asks POP or IMAP, what should I pick?', [IMAP_BEST], [/\b993\b/]],
  ])('%s', async (...row) => expectAll(row));
});
