/**
 * Issue 13 §2 "Two questions in one message get both answers": labelled questions ("First: …
 * Second: …"), a checklist of values to confirm (each confirmed or corrected with the right
 * value, not read as a pasted screen), a list of settings after an intro ("need: incoming
 * server, outgoing port, username format"), "X or Y" answered by naming the right one first, and
 * a stray "all" ("all good, what port for imap") that must not pull the whole settings block.
 */
import { last } from './helpers/talk';
import { splitQuestions } from '../knowledge/multi';

/** The whole settings block (its card's account section), given when one setting was asked. */
const BLOCK = /Sign-in \(every server\)/;
/** A pasted screen's reply, which reports what it could not see. */
const SCREEN = /couldn't see|settings you pasted/;
/** A settings card: shown in place of the text, it would hide the other answers. */
const CARD = /AdaptiveCard/;
const NOT_SURE = /not sure about that|Did you mean/;
const NO_SPA = /do not enable Secure Password Authentication|Leave it unticked/i;
const TICK = /Yes — tick it|tick the box usually called|tick \\?"My server requires authentication/;
const USERNAME = /full email address/;
const HOST = /mail\.btinternet\.com/;
const IMAP_BEST = /BT recommends IMAP|IMAP keeps|recommend/i;

type Case = [string, RegExp[], RegExp[]?];

async function expectAll([text, expected, forbidden = []]: Case): Promise<string> {
  const out = await last([text]);
  for (const p of expected) expect(out).toMatch(p);
  for (const p of [NOT_SURE, ...forbidden]) expect(out).not.toMatch(p);
  return out;
}

describe('1. labelled questions: every one answered, not only the last', () => {
  it.each<Case>([
    ['First: which port for POP? Second: the SPA box, I tick or not?', [/\b995\b/, NO_SPA]],
    ['Q: what is the smtp server? also Q: what port does it use', [HOST, /\b465\b/]],
    ['one - whats the imap port two - do i need to tick my server requires authentication', [/\b993\b/, TICK]],
    ['1st what port for sending 2nd is the username my full email', [/\b465\b/, USERNAME]],
    ["Firstly what's the incoming port for imap. Secondly what port for outgoing.", [/\b993\b/, /\b465\b/]],
    ['Question 1: imap port? Question 2: smtp port?', [/\b993\b/, /\b465\b/]],
    ['Q1) pop3 port? Q2) do i tick spa?', [/\b995\b/, NO_SPA]],
    ['first question which port do i use for smtp, second question do i need spa', [/\b465\b/, NO_SPA]],
    ['number one: imap or pop? number two: what port for imap', [IMAP_BEST, /\b993\b/]],
    ['A) what port for imap B) what port for smtp', [/\b993\b/, /\b465\b/]],
    ['part 1 - the port for pop3. part 2 - does outgoing need authentication?', [/\b995\b/, TICK]],
    ['thing one, the username? thing two, the smtp port', [USERNAME, /\b465\b/]],
    ['1. imap port\n2. smtp port\n3. username', [/\b993\b/, /\b465\b/, USERNAME]],
    [
      'first thing - incoming port for imap. second thing - is spa needed. third thing - outgoing server',
      [/\b993\b/, NO_SPA, HOST],
    ],
    ['hiya love 2 questions 1 what is the pop number 2 do i tick the spa thing', [/\b995\b/, NO_SPA]],
    ['right so firstly whats the outgoing server and secondly what username do i use', [HOST, USERNAME]],
    ['Q. is smtp 465?  Q. is imap 143?', [/Yes — port 465/, /No — use port 993/]],
    ['HELLO I HAVE 2 QUESTIONS FIRST WHAT IS THE SMTP PORT SECOND DO I NEED SSL', [/\b465\b/, /Use SSL on/]],
    ['1/ imap server 2/ smtp port 3/ spa?', [HOST, /\b465\b/, NO_SPA]],
    ['SPA: yes or no? SMTP auth: yes or no?', [NO_SPA, TICK]],
    [
      'Bonjour, I have question: the port for the sending, he is 465 or 587? And the SPA, I must activate?',
      [/Use port 465/, NO_SPA],
    ],
    [
      '1. is it imap.btinternet.com or mail.btinternet.com 2. is it 993 or 995 for imap',
      [/Use mail\.btinternet\.com/, /Use port 993/],
      [/mail server "type"/],
    ],
    [
      'Right, I have been at this for HOURS. First, what is the ACTUAL smtp port. Second, do I tick that SPA nonsense or not?',
      [/\b465\b/, NO_SPA],
    ],
    [
      'firstly is it imap or pop i should use, secondly whats the port for it',
      [IMAP_BEST, /IMAP \(incoming\): port 993/],
      [/\b995\b/],
    ],
  ])('%s', async (...c) => {
    await expectAll(c);
  });
});

describe('2. a checklist of values to confirm: each confirmed or corrected, not read as a screen', () => {
  it.each<Case>([
    [
      'Sanity check: (a) IMAP 993 SSL? (b) SMTP 465 SSL, not 587 STARTTLS? (c) auth PLAIN, username = full address?',
      [/Yes — port 993 and SSL are right/, /Yes — port 465 and SSL are right/, /Yes — PLAIN is right/, USERNAME],
      [SCREEN, CARD],
    ],
    ['just confirming - imap 993 ssl, smtp 587 starttls, correct?', [/\b993\b/, /\b465\b/], [SCREEN, CARD]],
    ['is it right: imap port 143, smtp port 25?', [/\b993\b/, /\b465\b/], [SCREEN, CARD]],
    [
      'Double checking my setup:\n- IMAP server mail.btinternet.com?\n- port 993?\n- SMTP port 465 with SSL?\n- username is my whole email address?',
      [/\b993\b/, /\b465\b/, USERNAME],
      [SCREEN, CARD],
    ],
    [
      'Quick check before I hit save - pop port 995 right? outgoing 465 right? spa off right?',
      [/\b995\b/, /\b465\b/, NO_SPA],
      [SCREEN, CARD],
    ],
    [
      'a) is imap 993? b) is smtp 587? c) is the server mail.btinternet.com for both?',
      [/\b993\b/, /\b465\b/, HOST],
      [SCREEN, CARD],
    ],
    ['IMAP port 993, is that right? And SMTP port 465 correct?', [/\b993\b/, /\b465\b/], [SCREEN, CARD]],
    ['(1) smtp port 587? (2) imap port 143? (3) ssl for both?', [/\b465\b/, /\b993\b/], [SCREEN, CARD]],
    [
      'checking: incoming = 995 ssl? outgoing = 465 ssl? user = full email?',
      [/\b995\b/, /\b465\b/, USERNAME],
      [SCREEN, CARD],
    ],
    [
      'Checklist:\nIMAP 993 SSL - right?\nSMTP 465 SSL - right?\nUsername full email - right?',
      [/Yes — port 993 and SSL are right/, /Yes — port 465 and SSL are right/, USERNAME],
      [SCREEN, CARD],
    ],
    ['can u confirm imap is 993 and smtp is 465 and both ssl', [/\b993\b/, /\b465\b/], [SCREEN, CARD]],
    [
      'pls confirm: smtp.btinternet.com port 587 tls? imap.btinternet.com 993?',
      [/Use port 465 and mail\.btinternet\.com/, /Port 993 is right/],
      [SCREEN, CARD],
    ],
    [
      'imap = 993 ?\nsmtp = 465 ?\nssl = yes ?',
      [/Yes — port 993 is right/, /Yes — port 465 is right/, /Yes — SSL is right/],
      [SCREEN, CARD],
    ],
    [
      'Incoming server: mail.btinternet.com?\nOutgoing server: mail.btinternet.com?\nPort 465?',
      [/incoming \(IMAP and POP3\) server is mail/, /outgoing \(SMTP\) server is mail/, /Yes — port 465/],
      [SCREEN, CARD],
    ],
    [
      'can you confirm these are right: imap port: 993, smtp port: 587, encryption: starttls',
      [/Yes — port 993 is right/, /Use port 465/, /Use SSL \(SSL\/TLS\), not STARTTLS/],
      [SCREEN, CARD],
    ],
    [
      'Is this correct? IMAP server = mail.btinternet.com, IMAP port = 993, SMTP port = 465',
      [/Yes — mail\.btinternet\.com is right/, /Yes — port 993 is right/, /Yes — port 465 is right/],
      [SCREEN, CARD],
    ],
    [
      'Sanity check - IMAP: 993 SSL, SMTP: 465 SSL, auth: PLAIN, username: full address. Right?',
      [/Yes — port 993 and SSL are right/, /Yes — port 465 and SSL are right/, /Yes — PLAIN is right/, USERNAME],
      [SCREEN, CARD],
    ],
    ['sanity check: imap 993, smtp 465, pop 110', [/Yes — port 993/, /Yes — port 465/, /Use port 995/], [SCREEN, CARD]],
    [
      'quick check - is the imap server mail.btinternet.com and port 993',
      [/Yes — mail\.btinternet\.com/, /Yes — port 993/],
      [SCREEN, CARD],
    ],
    [
      'i want to verify: IMAPS on 993? SMTPS on 465 rather than submission on 587? AUTH PLAIN with the full address as the login?',
      [/\b993\b/, /\b465\b/, /PLAIN/, USERNAME],
      [SCREEN, CARD],
    ],
  ])('%s', async (...c) => {
    await expectAll(c);
  });

  it('a wrong value in the checklist is corrected with the right one', async () => {
    const out = await expectAll(['(a) imap 993? (b) smtp 587?', [/\b993\b/, /\b465\b/], [SCREEN, CARD]]);
    expect(out).toMatch(/(No|Use)[^.]*\b465\b/);
  });

  it('a pasted screen is still read as a screen', async () => {
    await expectAll([
      'Incoming mail server: pop.btinternet.com\nPort: 110\nOutgoing mail server: mail.btinternet.com\nPort: 587',
      [/settings you pasted/, /\b995\b|\b993\b/, /\b465\b/],
    ]);
  });
});

describe('3. a list of settings after an intro: each item answered', () => {
  it.each<Case>([
    ['a few things - the imap server, the smtp port and whether I need ssl', [HOST, /\b465\b/, /SSL/]],
    ['need: incoming server, outgoing port, username format', [HOST, /\b465\b/, USERNAME]],
    ['could you give me the pop3 port, the smtp server and the username please', [/\b995\b/, HOST, USERNAME]],
    ['i want to know 3 things the imap port the smtp port and if spa should be on', [/\b993\b/, /\b465\b/, NO_SPA]],
    ['looking for: imap hostname; smtp port; what to put as username', [HOST, /\b465\b/, USERNAME]],
    ['Hi there, I need two bits of info, the outgoing server and the outgoing port', [HOST, /\b465\b/]],
    ['pls tell me incoming port + outgoing port + is ssl needed', [/\b99[35]\b/, /\b465\b/, /SSL/]],
    ['Info required: IMAP server, SMTP server, SMTP authentication method.', [HOST, /PLAIN/]],
    ['what i need is the imap port, the pop port and the smtp port', [/\b993\b/, /\b995\b/, /\b465\b/]],
    ['2 things pls - pop3 port & whether spa is needed', [/\b995\b/, NO_SPA]],
    ['Required details: the username format and the outgoing port', [USERNAME, /\b465\b/]],
    [
      'so basically my son set this up ages ago and now the laptop is new and i need to know what the incoming server is and also what the outgoing port is and whether the username is the whole email thing',
      [HOST, /\b465\b/, USERNAME],
    ],
    [
      'I need\nincoming server\noutgoing port\nusername format',
      [HOST, /SMTP \(outgoing\): port 465/, USERNAME],
      [CARD],
    ],
    ['What I need:\n- imap server\n- smtp port\n- do I need SPA', [HOST, /\b465\b/, NO_SPA]],
    ['missing info: outgoing server + port + whether auth is needed', [HOST, /\b465\b/, TICK]],
    [
      '3 questions - port for pop, port for smtp, ssl or starttls',
      [/\b995\b/, /\b465\b/, /Use SSL \(SSL\/TLS\), not STARTTLS/],
    ],
    ['a) username? b) password? c) smtp port?', [USERNAME, /BT Email password/, /\b465\b/]],
    ['please I want know: server of incoming, port of outgoing, name of user', [HOST, /\b465\b/, USERNAME]],
    [
      'I require the following - incoming mail server, outgoing mail server, encryption type',
      [/incoming \(IMAP and POP3\) server/, /outgoing \(SMTP\) server/, /SSL on/],
    ],
    ['Details required for our office printer: SMTP host, port, encryption, auth method', [HOST, /\b465\b/, /PLAIN/]],
    [
      'Things I need to know: incoming server; outgoing server; port numbers',
      [/incoming \(IMAP and POP3\) server is mail\.btinternet\.com/, /outgoing \(SMTP\) server/, /\b993\b/],
    ],
    [
      'my questions are: the pop3 port, the smtp port, and is authentication required for smtp',
      [/\b995\b/, /\b465\b/, TICK],
    ],
  ])('%s', async (...c) => {
    await expectAll(c);
  });
});

/** The right one is named before the other. */
function namesFirst(out: string, right: RegExp, wrong: RegExp): void {
  const r = out.search(right);
  const w = out.search(wrong);
  expect(r).toBeGreaterThanOrEqual(0);
  if (w >= 0) expect(r).toBeLessThan(w);
}

describe('4. "X or Y": a direct answer naming the right one first', () => {
  it.each<[string, RegExp, RegExp]>([
    ['is it 465 or 587?', /\b465\b/, /\b587\b/],
    ['smtp port 587 or 465', /\b465\b/, /\b587\b/],
    ['imap 143 or 993?', /\b993\b/, /\b143\b/],
    ['pop: 110 or 995', /\b995\b/, /\b110\b/],
    ['SSL or STARTTLS for sending?', /\bSSL\b/, /STARTTLS/],
    ['for outgoing do I use starttls or ssl', /\bSSL\b/, /STARTTLS/],
    ['do i tick SPA or not', /^No|Do not enable|do not enable/, /Yes/],
    ['tick or untick my server requires authentication?', /tick/i, /untick/i],
    ['ssl on or off for imap', /SSL on|Use SSL|Turn SSL on|Yes/, /off/],
    ['is the smtp server smtp.btinternet.com or mail.btinternet.com', /mail\.btinternet\.com/, /smtp\.btinternet\.com/],
    ['PLAIN or LOGIN for smtp auth?', /PLAIN/, /LOGIN/],
    ['username: full email or just the bit before the @?', USERNAME, /just the bit/],
    ['should sending be 25 or 465 or 587', /\b465\b/, /\b587\b|\b25\b/],
    ['I need to check: is SMTP 465 or 587?', /\b465\b/, /\b587\b/],
    ['POP or IMAP - which one?', /BT recommends IMAP/, /remove the POP account/],
    ['tick "my outgoing server requires authentication" or leave it blank?', /^On — tick it/, /leave it blank/],
    ['smtp authentication: tick it or not', /^On — tick it/, /untick/],
    ['incoming server: mail.btinternet.com or pop.btinternet.com?', /^Use mail\.btinternet\.com/, /pop\.btinternet/],
    ['ssl/tls or starttls for imap?', /^Use SSL/, /Use STARTTLS/],
    ['465 vs 587?', /^Use port 465/, /\b587\b/],
    ['smtp 465 rather than 587?', /^Yes — port 465 is right/, /\b587\b/],
    ['can i use 587 instead of 465?', /^No — use port 465/, /Yes/],
    ['imap port 993 or 143 and pop 995 or 110?', /Use port 993\. IMAP[\s\S]*Use port 995\. POP3/, /\b143\b|\b110\b/],
    ['is it 465 or 587 and ssl or starttls', /Use port 465\.[\s\S]*Use SSL \(SSL\/TLS\), not STARTTLS/, /\b587\b/],
    ['normal password or encrypted password for authentication?', /PLAIN \(normal password\)/, /encrypted/i],
    ['should the outgoing be on 587 with starttls or 465 with ssl', /Use port 465 and SSL/, /\b587\b/],
    ['mail.btinternet.com or smtp.btinternet.com for sending??', /Use mail\.btinternet\.com/, /smtp\.btinternet/],
  ])('%s', async (text, right, wrong) => {
    const out = await last([text]);
    expect(out).not.toMatch(NOT_SURE);
    namesFirst(out, right, wrong);
  });
});

describe('5. a stray "all" does not pull the whole settings block when one setting is asked', () => {
  it.each<Case>([
    ['all good, what port for imap', [/\b993\b/], [BLOCK]],
    ["that's all I need, which server", [HOST], [BLOCK]],
    ['ok thats all i needed to know, whats the smtp port', [/\b465\b/], [BLOCK]],
    ['all set up except the port for smtp, what is it?', [/\b465\b/], [BLOCK]],
    ['After all that, what port is pop?', [/\b995\b/], [BLOCK]],
    ['Thanks all good now, one more - smtp port?', [/\b465\b/], [BLOCK]],
    ['all i need is the username format', [USERNAME], [BLOCK]],
    ["i've done all the rest, just need the outgoing server", [HOST], [BLOCK]],
    ['all sorted thanks. oh what was the imap port again', [/\b993\b/], [BLOCK]],
    ['that is all, except: do i tick spa?', [NO_SPA], [BLOCK]],
    ['thats all fine but what about the smtp port', [/\b465\b/], [BLOCK, /Goodbye/]],
    ['ive tried all sorts, what is the outgoing server', [HOST], [BLOCK]],
    ['all good now, just the pop port please', [/\b995\b/], [BLOCK]],
    ['all the other settings are fine, just tell me the smtp port', [/\b465\b/], [BLOCK]],
    ['ok all done on the phone, the pc needs the imap server', [HOST], [BLOCK]],
    ['all the best, and what is the imap server again', [HOST], [BLOCK]],
    ['everything else works, what is the outgoing server', [HOST], [BLOCK]],
    ["I've put in all the settings, just unsure about the port for imap", [/\b993\b/], [BLOCK]],
  ])('%s', async (...c) => {
    await expectAll(c);
  });
});

describe('what is one question stays one: a label only where it labels, a list only after an opening', () => {
  it.each<[string, number]>([
    ['Question 1 is about sending, what port?', 1],
    ['Quick one - imap server, port, and do I use SSL or STARTTLS? ta', 1],
    ['what port? and for imap?', 1],
    ['whats the port? for imap please', 1],
    ['My outgoing settings: server mail.btinternet.com, port 465, ssl on - is that right?', 1],
    ['which one do i use - imap or pop?', 1],
    ['First: which port for POP? Second: the SPA box, I tick or not?', 2],
    ['need: incoming server, outgoing port, username format', 3],
    ['one - whats the imap port two - do i need to tick my server requires authentication', 2],
    ['SPA: yes or no? SMTP auth: yes or no?', 2],
  ])('%s splits into %d', (text, n) => {
    expect(splitQuestions(text)).toHaveLength(n);
  });
});
