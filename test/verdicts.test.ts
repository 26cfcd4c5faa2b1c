/**
 * Issue 13 (verdicts): a yes or no only where a yes/no question was asked about a value the
 * knowledge states; never one the knowledge cannot support, never one that contradicts the answer.
 */
import { last } from './helpers/talk';

const CARD = /application\/vnd\.microsoft\.card\.adaptive/;
/** A yes or no given as a verdict anywhere in the reply. */
const ANY_VERDICT = /(^|\n)(Yes|No)\b|\b(Yes|No) —/;

describe('defaults, what a program does by itself, qualities the knowledge does not judge: the fact, without a yes or no', () => {
  it.each([
    ['is spa off by default?', /Secure Password Authentication/],
    ['does outlook turn spa on by itself', /Secure Password Authentication/],
    ['is SPA ticked as default in thunderbird??', /Secure Password Authentication/],
    ['spa box comes unticked by default yeah?', /Secure Password Authentication/],
    ['is ssl on by default in outlook', /SSL on/],
    ['does my iphone use ssl automatically', /SSL on/],
    ['will thunderbird pick port 993 by itself', /port 993/],
    ['is port 465 the default for outgoing', /port 465/],
    ['is smtp authentication on by default', /requires authentication/],
    ['does windows mail tick the authentication box on its own', /requires authentication/],
    ['out of the box does the iphone set 995 for pop', /port 995/],
    ['is imap the default on a new outlook', /IMAP/],
    ['is 993 blocked by firewalls', /port 993/],
    ['does my isp block port 25', /port 465/],
    ['is port 465 faster than 587', /port 465/],
    ['is port 995 safe', /port 995/],
    ['is mail.btinternet.com secure?', /mail\.btinternet\.com/],
    ['does btinternet support oauth', /method PLAIN/],
    ['is spa slower', /Secure Password Authentication/],
  ])('%s', async (message, fact) => {
    const reply = await last([message]);
    expect(reply).toMatch(fact);
    expect(reply).not.toMatch(ANY_VERDICT);
  });
});

describe('a value proposed: "No" first and the right value when it is wrong, "Yes" when it is right', () => {
  it.each([
    ['incoming port 110 ok?', /^No — incoming mail uses port 993 for IMAP and 995 for POP3\b/],
    ['is 143 fine for imap', /^No — use port 993\b/],
    ['can i use 25 for sending', /^No — use port 465\b/],
    ['pop3.btinternet.com still good?', /^No — use mail\.btinternet\.com/],
    ['imap port 143 correct?', /^No — use port 993\b/],
    ['smtp.btinternet.com for outgoing yeah?', /^No — use mail\.btinternet\.com/],
    ['is it ok to use port 587 for smtp', /^No — use port 465\b/],
    ['incoming server pop.btinternet.com is that right', /^No — use mail\.btinternet\.com/],
    ['outgoing port 25 fine?', /^No — use port 465\b/],
    ['my pop port is 110 is that ok', /^No — use port 995\b/],
    ['imap.btinternet.com still valid?', /^No — use mail\.btinternet\.com/],
    ['can i put 143 in for incoming mail', /^No — incoming mail uses port 993 for IMAP and 995 for POP3\b/],
    ['smtp port 587 will that do', /^No — use port 465\b/],
    [
      'Is 110 OK for incoming? Thats what outlook put in',
      /^No — incoming mail uses port 993 for IMAP and 995 for POP3\b/,
    ],
    ['i have 143 for imap, is that right?', /^No — use port 993\b/],
    ['my outgoing is smtp.btinternet.com, good?', /^No — use mail\.btinternet\.com/],
    ['is STARTTLS ok for sending', /^No — use SSL \(SSL\/TLS\), not STARTTLS/],
    ['port 25 would that work for sending', /^No — use port 465\b/],
    ['ssl off ok for sending?', /^No — SSL \(SSL\/TLS\) must be on/],
    ['is 995 right for imap?', /^No — use port 993\b/],
    ['Please kindly confirm port 110 is correct for POP3 receiving', /^No — use port 995\b/],
    ['I AM TOLD 587 IS CORRECT FOR OUTGOING. IS THIS TRUE???', /^No — use port 465\b/],
    ['pop3 server = pop3.btinternet.com correct yes?', /^No — use mail\.btinternet\.com/],
    ['smtp server smtp.btinternet.com still works?', /^No — use mail\.btinternet\.com/],
    ['will 587 work for sending??', /^No — use port 465\b/],
  ])('wrong: %s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });

  it.each([
    'is 993 right for imap',
    'smtp 465 ok?',
    'mail.btinternet.com ok for incoming?',
    'pop 995 still good?',
    'ssl for smtp right?',
    'is port 995 fine for pop3',
    'outgoing server mail.btinternet.com correct?',
    'can i use 993 for imap',
  ])('right: %s', async (message) => {
    expect(await last([message])).toMatch(/^Yes — /);
  });

  // TLS is SSL's other name (implicit TLS, "SSL/TLS"): the reply names SSL, the value to choose, and rules out STARTTLS.
  it.each(['tls for smtp right?', 'should smtp be tls', 'imap with tls ok?'])('TLS: %s', async (message) => {
    expect(await last([message])).toMatch(/^Yes — SSL is right\. Use SSL on \(SSL\/TLS, not STARTTLS\)/);
  });
});

describe('the same settings for every BT domain: no opener that contradicts the question', () => {
  const SAME = /mail\.btinternet\.com/;
  it.each([
    [['what is the imap server', 'what about btinternet then']],
    [['imap settings pls', 'and for talk21?']],
    [['whats the outgoing server', 'what about talk21 addresses']],
    [['pop3 port?', 'and btopenworld?']],
    [['imap settings', 'and talk21']],
    [['whats the pop server', 'btopenworld too?']],
    [['imap server', 'thanks, and for my btopenworld account?']],
    [['what is the smtp port', 'my wife is on talk21, what about her']],
    [['which settings btinternet', 'what about btopenworld then']],
  ])('%j', async (messages) => {
    const reply = await last(messages);
    expect(reply).toMatch(SAME);
    expect(reply).not.toMatch(/^No\b/);
  });

  it.each([
    [['what are the smtp settings', 'same for btopenworld?']],
    [['whats the outgoing server', 'is it the same for talk21 addresses']],
    [['is btopenworld the same as btinternet']],
    [['are talk21 settings identical to btinternet ones?']],
  ])('asked whether the same: "Yes" %j', async (messages) => {
    const reply = await last(messages);
    expect(reply).toMatch(/^Yes\b/);
    expect(reply).toMatch(SAME);
  });

  it.each([
    [['does a talk21 address need different settings']],
    [['is there a separate server for btopenworld']],
    [['imap settings', 'does btopenworld have its own server?']],
  ])('asked whether different: never "Yes" %j', async (messages) => {
    const reply = await last(messages);
    expect(reply).not.toMatch(/^Yes\b/);
    expect(reply).toMatch(SAME);
  });

  it.each([
    ['what is smtp authentication', /requires SMTP authentication/],
    ['how do i turn on smtp authentication', /requires authentication/],
    ['the account type box is greyed out', /.+/],
    ['explain smtp authentication to me', /requires SMTP authentication/],
    ['once the new account works can i delete the old one', /remove the POP account/],
    ['can i keep the pop account as well', /remove the POP account/],
    ['can i move my old mail into the imap account', /move it from/],
    ['will my emails disappear when i switch', /move it from/],
  ])('an entry asked no yes/no question gets no yes or no: %s', async (message, fact) => {
    const reply = await last([message]);
    expect(reply).toMatch(fact);
    expect(reply).not.toMatch(/^(Yes|No)\b/);
  });

  it.each([
    ['can i just change the account type from pop to imap', /^No\b/],
    ['is there an option to convert my pop account to imap', /^No\b/],
    ['do i need smtp authentication', /^Yes\b/],
    ['can i turn off smtp authentication', /^No\b/],
  ])('an entry asked a yes/no it answers: %s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });
});

describe('a precise ask gets that value, not the whole card', () => {
  it.each([
    ['what is the pop number', /port 995/],
    ['the imap number?', /port 993/],
    ['whats the smtp number', /port 465/],
    ['outgoing number please', /port 465/],
    ['what are the settings for imap port', /port 993/],
    ['settings for the smtp port?', /port 465/],
    ['what is the setting for pop3 port', /port 995/],
    ['the port settings for imap', /port 993/],
    ['pop3 no. ?', /port 995/],
    ['which server for sending', /mail\.btinternet\.com/],
    ['what server do i use for outgoing', /mail\.btinternet\.com/],
    ['incoming number?', /993 for IMAP and 995 for POP3/],
    ['what number do i put for pop', /port 995/],
    ['wot is the outgoing number', /port 465/],
    ['imap port number pls', /port 993/],
    ['which number for smtp please', /port 465/],
    ['just the smtp server name please', /mail\.btinternet\.com/],
  ])('%s', async (message, value) => {
    const reply = await last([message]);
    expect(reply).toMatch(value);
    expect(reply).not.toMatch(CARD);
  });
});

describe('an error and another question in one message: both answered', () => {
  it.each([
    ['what does 535 mean? and the smtp port', /Error 535/, /port 465/],
    ['getting 530, also is ssl needed for incoming', /Error 530/, /port 993/],
    [
      'error 535 when sending, what is the imap server?',
      /Error 535/,
      /incoming \(IMAP\) server is mail\.btinternet\.com/,
    ],
    ['Outlook says 530 authentication required. What port should smtp be?', /Error 530/, /SMTP \(outgoing\): port 465/],
    ['535 error?? and whats the username format', /Error 535/, /Username: your full email address/],
    ['error 530 - also should i use imap or pop', /Error 530/, /IMAP always syncs/],
    ['whats 550 mean, and what port for pop3', /550/, /POP3 \(incoming\): port 995/],
    ['keep getting 535 what is it? plus do i need spa', /Error 535/, /Secure Password Authentication/],
    [
      'ERROR 535 5.7.8 authentication failed. What port should I be using for smtp?',
      /Error 535/,
      /SMTP \(outgoing\): port 465/,
    ],
    ['i get 530 when sending. do i need ssl?', /Error 530/, /SSL/],
    ['550 error plus what server for incoming', /550/, /incoming \(IMAP and POP3\) server is mail\.btinternet\.com/],
    ['error 554 and how do i know if i am on imap or pop', /554/, /mail server "type"/],
    ['535 again?? also what do i put as username', /Error 535/, /Username: your full email address/],
    ['error 550 when i send, should i use imap or pop anyway', /550/, /IMAP always syncs/],
  ])('%s', async (message, error, other) => {
    const reply = await last([message]);
    expect(reply).toMatch(error);
    expect(reply).toMatch(other);
  });
});

describe("a box's yes or no only to a question about ticking, using or needing it", () => {
  it.each([
    ['is spa safe?', /Secure Password Authentication/],
    ['is spa the same as smtp auth', /Secure Password Authentication/],
    ['is spa more secure than ssl', /Secure Password Authentication/],
    ['what does spa actually do', /Secure Password Authentication/],
    ['does smtp authentication use my email address?', /requires authentication/],
    ['is smtp authentication the same as my password', /requires authentication/],
    ['is smtp authentication safe', /requires authentication/],
  ])('no verdict: %s', async (message, fact) => {
    const reply = await last([message]);
    expect(reply).toMatch(fact);
    expect(reply).not.toMatch(ANY_VERDICT);
  });

  it.each([
    ['does spa work with bt', /^No — leave it off/],
    ['is spa needed', /^No — leave it off/],
    ['should spa be ticked', /^No — leave it off/],
    // Issue 13 (verdicts): "… or not" about a box is an either/or: the option, never a yes or no.
    ['shud i use spa or not', /^Off — leave it unticked/],
    ['do i tick smtp authentication', /^Yes — tick it/],
    ['is smtp auth needed', /^Yes — tick it/],
    ['must i enable authentication for outgoing', /^Yes — tick it/],
    ['can i leave smtp authentication unticked', /^No — keep it ticked/],
  ])('verdict: %s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });
});

describe('"the same for talk21?" compares addresses, not sides of mail', () => {
  it.each([
    [
      'is the imap server the same for talk21',
      /^Yes, the same for btinternet\.com, btopenworld\.com and talk21\.com addresses\./,
    ],
    [
      'same smtp port for btopenworld?',
      /^Yes, the same for btinternet\.com, btopenworld\.com and talk21\.com addresses\./,
    ],
    [
      'is the pop3 server identical for a btopenworld account',
      /^Yes, the same for btinternet\.com, btopenworld\.com and talk21\.com addresses\./,
    ],
  ])('%s', async (message, verdict) => {
    const reply = await last([message]);
    expect(reply).toMatch(verdict);
    expect(reply).not.toMatch(/the same for (incoming|outgoing) \(/);
  });

  it('the username is each account\'s own: no "Yes, the same"', async () => {
    const reply = await last(['is the username the same for talk21']);
    expect(reply).toMatch(/full email address/);
    expect(reply).not.toMatch(/^Yes/);
  });
});

describe("a side's settings with some of them named: the block, and a check of a value beside it kept", () => {
  it.each([
    ['i need the sending settings for outlook, port and what encryption', /AdaptiveCard/],
    ['outgoing settings please, and what port', /AdaptiveCard/],
    ['imap settings, what encryption?', /AdaptiveCard/],
  ])('%s', async (message, card) => {
    expect(await last([message])).toMatch(card);
  });

  it('smtp settings? and is 587 ok?', async () => {
    expect(await last(['what are the smtp settings? and is 587 ok?'])).toMatch(/No — use port 465/);
  });
});

describe('values for several servers at once: which is whose, and "Not quite" when only some are right', () => {
  it.each([
    ['incoming 993 outgoing 587 - all good?', /^Not quite — use port 993 for IMAP, 995 for POP3 and 465 for SMTP\./],
    ['imap 993 and smtp 587 right?', /^Not quite — use port 993 for IMAP and 465 for SMTP\./],
    ['pop 110 and smtp 465 ok?', /^Not quite — use port 995 for POP3 and 465 for SMTP\./],
    ['is it 993 for imap and 465 for smtp', /^Yes — ports 993 and 465 are right\./],
    ['incoming server mail.btinternet.com port 995 right?', /^Yes — port 995 and mail\.btinternet\.com are right\./],
    ['imap 143 smtp 25 will that do?', /^No — use port 993 for IMAP and 465 for SMTP\./],
  ])('%s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });
});
