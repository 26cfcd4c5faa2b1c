/**
 * Issue 13 (talk): thanks out of context, a yes or no kept for the other side, a box named in a
 * fragment after an answer, and an address written as "bt.com" — each in many voices.
 */
import { expectReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const WELCOME = /You're welcome/;
const SMTP_SSL_YES = /^Yes — SSL is right[\s\S]*SMTP \(port 465\)/;
const IMAP_SSL_YES = /^Yes — SSL is right[\s\S]*IMAP \(port 993\)/;
const INCOMING_SIGN_IN = /^Yes — the incoming server signs in with the same username and password/;
const SPA_NO = /^No — leave it off\. Do not enable Secure Password Authentication/;
const SMTP_TICK = /^Yes — tick it\.[\s\S]*My server requires authentication/;
const DOMAINS = /btinternet\.com, btopenworld\.com and talk21\.com/;
const OTHER_PROVIDER = /can't give settings for other email providers/;

describe('1. thanks, or "that worked", with nothing asked: a pleasant reply and a way on, never "not sure"', () => {
  it.each<ReplyCase>([
    [['that worked, thank you so much'], WELCOME],
    [['sorted now cheers'], WELCOME],
    [['all working again thanks!!'], WELCOME],
    [['thankyou very much problem solved'], WELCOME],
    [['Thanks, that fixed it.'], WELCOME],
    [['it works!! thanks a lot'], WELCOME],
    [['many thanks, emails are coming through now'], WELCOME],
    [['ok thats done it ta'], WELCOME],
    [['fixed thx'], WELCOME],
    [['thank u it works now'], WELCOME],
    [['great its working now thank you so much for your help'], WELCOME],
    [['that worked. thank you very much'], WELCOME],
    [['Cheers, that did the trick, thank you!'], WELCOME],
    [['thnx m8 all good now'], WELCOME],
    [['smtp port', 'that worked, thank you so much'], WELCOME, /\b465\b/],
    // Thanks for a fix with a mail word in it: still thanks, never a symptom's checks or a settings block.
    [['emails sending again thanks'], WELCOME, /Sending problems/],
    [['i can send and receive now, thank you'], WELCOME, /can't fetch mail/],
    [['my outlook is working again, thanks a million'], WELCOME, /AdaptiveCard/],
    [['cheers pal, imap all working now'], WELCOME, /AdaptiveCard/],
    [['ok all sorted thank you for your help'], WELCOME],
    [['hi just to say it worked thanks'], WELCOME],
    [['thx 4 ur help its all gud now'], WELCOME],
    [["Thank you! It's working perfectly now."], WELCOME],
  ])('%j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it('as a first message, the menu comes with it', async () => {
    await expectReply([['that worked, thank you so much'], /\[SMTP settings\][\s\S]*\[Talk to a person\]/], NOT_SURE);
  });

  it.each<ReplyCase>([
    // Still failing, or a question, beside thanks: not thanks alone.
    [['thanks but emails still not sending'], /465/, /glad I could help/],
    [['cheers, sending works now but what port is imap'], /\b993\b/],
  ])('not thanks alone: %j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it.each<ReplyCase>([
    // Thanks with a new question: the question is answered.
    [['thanks that worked. whats the imap port'], /\b993\b/],
    [['cheers that sorted it, also what is the smtp server'], /mail\.btinternet\.com/],
    [['that worked, thank you so much! which port for pop?'], /\b995\b/],
    [['thankyou very much, do i need ssl for sending?'], /^You're welcome\. Yes/],
  ])('with a question: %j', async (...c) => void (await expectReply(c, NOT_SURE)));
});

describe('2. a yes or no about a box, then only another side named: the same verdict for that side', () => {
  it.each<ReplyCase>([
    [['is ssl needed for incoming', 'same for smtp?'], SMTP_SSL_YES],
    [['is ssl needed for incoming', 'and for outgoing?'], SMTP_SSL_YES],
    [['Is SSL required for POP3?', 'what about smtp'], SMTP_SSL_YES],
    [['must ssl be on for imap', 'and outgoing?'], SMTP_SSL_YES],
    [['do i need ssl', 'and for sending mail?'], SMTP_SSL_YES],
    [['is ssl needed for smtp', 'and for imap too?'], IMAP_SSL_YES],
    [['is ssl necessary for outgoing mail', 'wat about imap'], IMAP_SSL_YES],
    [['do i really need encryption on for sending', 'n for receiving?'], /^Yes — SSL is right[\s\S]*993/],
    [['is authentication needed?', 'and for incoming?'], INCOMING_SIGN_IN],
    [['does outgoing need authentication', 'same for pop?'], INCOMING_SIGN_IN],
    [['is smtp authentication required', 'what about imap'], INCOMING_SIGN_IN],
    [['is SPA needed', 'and for outgoing?'], SPA_NO],
    [['do i tick spa for imap', 'same for smtp?'], SPA_NO],
    [['should i enable secure password authentication', 'and on the sending side?'], SPA_NO],
    [['is ssl needed for incoming', 'ditto for smtp?'], SMTP_SSL_YES],
    [['is ssl needed for incoming', 'how about for sending'], SMTP_SSL_YES],
    [['do i need authentication for smtp', 'and pop3?'], INCOMING_SIGN_IN],
    [['is spa needed', 'and smtp?'], SPA_NO],
  ])('%j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it.each<ReplyCase>([
    // Asked outright, the incoming side gets the same yes; a box to tick there gets none.
    [['does pop need authentication'], INCOMING_SIGN_IN],
    [['is authentication required for imap?'], INCOMING_SIGN_IN],
    [['do i need to tick my server requires authentication for imap'], /IMAP/, /the incoming server signs in/],
  ])('asked outright: %j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it.each<ReplyCase>([
    // A port checked stays a port check for the other side, not a box verdict.
    [['is 993 right for imap', 'and for pop?'], /^No[\s\S]*995/],
    // No yes or no before it: the side's server and port, as before.
    [['why ssl', 'and for outgoing?'], /465/, /^Yes|^No/],
  ])('not a box verdict: %j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it('SMTP authentication on the outgoing side after an incoming box question keeps the yes', async () => {
    await expectReply([['is ssl needed for incoming', 'same for smtp?'], SMTP_SSL_YES], NOT_SURE);
    await expectReply([['is smtp auth needed', 'and for smtp?'], SMTP_TICK], NOT_SURE);
  });
});

describe('3. a box named in a fragment after an answer: read from that answer, else which box', () => {
  it.each<ReplyCase>([
    [
      ['do I tick my outgoing server requires authentication', 'the slider?'],
      /^On — turn it on\.[\s\S]*authentication/,
    ],
    [
      ['do I tick my outgoing server requires authentication', 'which box?'],
      /^On — tick it\.[\s\S]*My server requires/,
    ],
    [['is SSL needed', 'that toggle?'], /^On — turn it on\.[\s\S]*SSL/],
    [['spa', 'the tickbox?'], /^Off — leave it unticked\./],
    [['ssl on or off', 'the slider?'], /^On — turn it on\.[\s\S]*SSL/],
    [['smtp auth', 'that checkbox?'], /^On — tick it\./],
    [['what is spa', 'which box?'], /^Off — leave it unticked\./],
    [['why ssl', 'that switch?'], /^On — turn it on\./],
    [['whats spa', 'the toggle then?'], /^Off — leave it off\./],
    [['do i need smtp authentication', 'where is that box'], /My server requires authentication/],
    [['is spa needed', 'wot box'], /^Off — leave it unticked\./],
    [['is ssl needed for imap', 'which box do i tick'], /^On — tick it\.[\s\S]*SSL/],
    [['My outgoing server requires authentication what do I tick', 'sorry which box'], /^On — tick it\./],
    [['smtp auth', 'the slider thing?'], /^On — turn it on\./],
    [['smtp auth', 'that little box?'], /^On — tick it\./],
    [['spa', 'that option?'], /^Off — leave it unticked\./],
  ])('%j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it.each<ReplyCase>([
    // Nothing about a box before it: which box is meant, as buttons.
    [['which box?'], /\[Why SSL\?\][\s\S]*\[SMTP authentication\][\s\S]*\[Secure Password Authentication \(SPA\)\]/],
    [['imap port', 'the slider?'], /\[Why SSL\?\]/],
    [['smtp server', 'that toggle?'], /\[SMTP authentication\]/],
  ])('asks which box: %j', async (...c) => void (await expectReply(c, NOT_SURE)));
});

describe('4. an address written as "bt.com" or "my BT address": BT Email settings, and which addresses they cover', () => {
  it.each<ReplyCase>([
    [['my bt.com email wont send'], /mail\.btinternet\.com[\s\S]*465/, OTHER_PROVIDER],
    [['whats the smtp server for my bt.com address'], /mail\.btinternet\.com[\s\S]*btinternet\.com/, OTHER_PROVIDER],
    [['imap settings for bt.com'], DOMAINS, OTHER_PROVIDER],
    [['i have a bt.com email, which port for outgoing'], /465[\s\S]*btinternet\.com, btopenworld\.com/, OTHER_PROVIDER],
    [['my bt.com email address settings'], DOMAINS, OTHER_PROVIDER],
    [['BT mail wont send'], /mail\.btinternet\.com[\s\S]*465/, OTHER_PROVIDER],
    [['my BT address cant receive emails'], /993/, OTHER_PROVIDER],
    [['user@bt.com cannot send'], /465/, OTHER_PROVIDER],
    [['MY BT.COM EMAIL WILL NOT RECEIVE ON MY IPAD'], /993[\s\S]*btinternet\.com, btopenworld\.com/, OTHER_PROVIDER],
    [['pop3 server for bt.com pls'], /mail\.btinternet\.com[\s\S]*btinternet\.com/, OTHER_PROVIDER],
    [['Hello, what is the incoming port for a bt.com mailbox?'], /99[35][\s\S]*btinternet\.com/, OTHER_PROVIDER],
    [['is ssl needed for my bt.com account'], /^Yes[\s\S]*btinternet\.com/, OTHER_PROVIDER],
  ])('%j', async (...c) => void (await expectReply(c, NOT_SURE)));

  it('another provider is still another provider', async () => {
    await expectReply([['gmail.com smtp settings'], OTHER_PROVIDER], /glad/);
  });
});
