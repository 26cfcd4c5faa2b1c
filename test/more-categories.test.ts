/** Issue 13, answers that generalise: short problem labels, mail stuck in the outbox, "is that right?" after a plain answer, shouting and numbers that aren't ports, thanks then a text-speak question. */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that|didn't quite follow/i;

type Row = [string[], RegExp, RegExp?];

async function check([messages, expected, forbidden]: Row): Promise<void> {
  const out = await last(messages);
  expect(out).toMatch(expected);
  expect(out).not.toMatch(NOT_SURE);
  if (forbidden) expect(out).not.toMatch(forbidden);
}

const LOGIN = /password|username|which side|sending|receiving/i;
const SENDING = /465|SMTP|outgoing/i;
const OUTBOX_CHECKS = /Sending problems with BT Email/;
const SEND_CHECKS = /Sending problems with BT Email/;
const RECEIVE_CHECKS = /can't fetch mail/;
const PW_CHANGED = /When your email password changes/;
const SYNC = /IMAP|sync/i;
const CLOSE = /can't see or change your BT account/;

describe('a short problem label with a question mark', () => {
  it.each<Row>([
    [['login problems?'], LOGIN],
    [['log in problems?'], LOGIN],
    [['cant log in?'], LOGIN],
    [["can't login?"], LOGIN],
    [['sign in issues?'], LOGIN],
    [['password trouble?'], /password/i],
    [['password problems??'], /password/i],
    [['sending issues?'], SEND_CHECKS],
    [['sending problems?'], SEND_CHECKS],
    [['outgoing mail problems?'], SEND_CHECKS],
    [['problems sending?'], SEND_CHECKS],
    [['trouble sending??'], SEND_CHECKS],
    [['smtp issues?'], SEND_CHECKS],
    [['incoming mail issues?'], RECEIVE_CHECKS],
    [['sync problems?'], SYNC],
    [['syncing issues?'], SYNC],
    [['receiving problems?'], RECEIVE_CHECKS],
    [['LOGIN PROBLEMS?'], LOGIN],
  ])('%j', async (...row) => check(row));
});

describe('mail stuck in the outbox is a sending failure', () => {
  it.each<Row>([
    [['Outlook outbox: 3 items, none sent since yesterday'], OUTBOX_CHECKS],
    [['emails stuck in outbox'], OUTBOX_CHECKS],
    [['messages sit in my outbox and never go'], OUTBOX_CHECKS],
    [['outbox keeps filling up'], OUTBOX_CHECKS],
    [['my emails just sit in the outbox'], OUTBOX_CHECKS],
    [['everything i send stays in the outbox'], OUTBOX_CHECKS],
    [['outbox full of emails that wont send'], OUTBOX_CHECKS],
    [['stuck in outbox?'], OUTBOX_CHECKS],
    [['mails r stuck in outbox wot do i do'], OUTBOX_CHECKS],
    [['EMAILS STUCK IN OUTBOX HELP'], OUTBOX_CHECKS],
    [['the outbox has 5 messages that never leave'], OUTBOX_CHECKS],
    [['my mails are staying in outbox since monday'], OUTBOX_CHECKS],
  ])('%j', async (...row) => check(row));
});

describe('mail stuck in the outbox after a password change', () => {
  it.each<Row>([
    [['after my password reset, emails stuck in outbox'], PW_CHANGED],
    [['changed my password and now everything sits in the outbox'], PW_CHANGED],
    [['since i reset my password my emails stay in outbox'], PW_CHANGED],
    [['new password yesterday, today emails stuck in the outbox'], PW_CHANGED],
    [['i updated my bt password and mails are stuck in my outbox on the ipad'], PW_CHANGED],
  ])('%j', async (...row) => check(row));
});

describe('"is that right?" after a plain answer confirms it', () => {
  const YES = /^Yes — /;
  it.each<Row>([
    [['what is spa', 'is that right?'], YES],
    [['do i need spa', 'are you sure?'], YES],
    [['what is SPA', 'really?'], YES],
    [['does outgoing server need authentication', 'is that right?'], YES],
    [['smtp authentication?', 'are you sure'], YES],
    [['why do i need ssl', 'really?'], YES],
    [['why ssl', 'is that correct?'], YES],
    [['what is spa', 'r u sure'], YES],
    [['do i need to tick spa', 'you sure?'], YES],
    [['why use ssl', 'is that true?'], YES],
    [['what folders should i use for imap', 'is that right?'], /^Yes — BT recommends these IMAP folders/],
    [['is spa needed', 'u sure about that?'], /^Yes — do not enable Secure Password Authentication/],
    [
      ['do i have to tick my server requires authentication', 'really?'],
      /^Yes — SMTP \(outgoing\) authentication is required/,
    ],
  ])('%j', async (...row) => check(row));
});

describe('"is that right?" elsewhere keeps its own answer', () => {
  it.each<Row>([
    [['what is the smtp port', 'is that right?'], /^Yes — port 465 is right/],
    [['outlook has smtp.btinternet.com in the outgoing box', 'is that right?'], /mail\.btinternet\.com/],
    [['can you check if my password is right', 'are you sure?'], /can't see, check or give out any password/, /^Yes —/],
  ])('%j', async (...row) => check(row));
});

describe('shouting and numbers that are not ports', () => {
  it.each<Row>([
    [['BT SHUT DOWN MY EMAIL AFTER 25 YEARS'], /BT's plans/, CLOSE],
    [['bt shut down my email after 25 years'], /BT's plans/, CLOSE],
    [['BT CLOSED MY EMAIL AFTER 20 YEARS'], /BT's plans/, CLOSE],
    [['bt have cancelled my email after 30 yrs as a customer!!'], /BT's plans/, CLOSE],
    [['why has bt shut down my email after 15 years'], /BT's plans/, CLOSE],
    [['bt have shut my email down after 10 years with them'], /BT's plans/, CLOSE],
    [['MY EMAIL HAS BEEN SHUT DOWN AFTER 25 YEARS'], /sending or receiving/, CLOSE],
    [['my email got shut down by bt'], /BT's plans/, CLOSE],
    [['MY BT EMAIL ACCOUNT WAS CLOSED AFTER 25 YEARS'], /BT's plans/, CLOSE],
    [['I HAVE 465 EMAILS IN MY INBOX AND CANT SEND'], SENDING],
    [['havent been able to send for 3 days'], SENDING, /port 3\b/i],
    [['tried 10 times to send'], /./, /port 10\b/i],
    [['MY EMAIL STOPPED WORKING 2 WEEKS AGO'], /./, /port 2\b/i],
    [['WHAT IS THE OUTGOING SERVER'], /mail\.btinternet\.com/i],
    [['WHAT PORT FOR IMAP'], /993/],
    [['CANT SEND EMAILS'], SENDING],
  ])('%j', async (...row) => {
    const out = await last(row[0]);
    expect(out).not.toMatch(/port (25|20|10|3|2)\b/i);
    await check(row);
  });
});

describe('thanks, then a text-speak question', () => {
  const THANKED = /^You're welcome\. /;
  it.each<Row>([
    [
      ['what is the imap server', 'cheers m8 wot bout smtp'],
      /^You're welcome\. The outgoing \(SMTP\) server is mail\.btinternet\.com/,
    ],
    [['what is the imap server', 'thanks wot about smtp'], /^You're welcome\. The outgoing \(SMTP\) server/],
    [['what is the imap server', 'ta wat about outgoing'], /^You're welcome\. The outgoing \(SMTP\) server/],
    [['what is the imap server', 'ta wots the port'], /^You're welcome\. IMAP \(incoming\): port 993/],
    [['what is the imap server', 'thanks mate wot about pop'], /^You're welcome\. The incoming \(POP3\) server/],
    [['imap port?', 'nice one wot bout pop'], /^You're welcome\. POP3 \(incoming\): port 995/],
    [['smtp port?', 'ta wat about imap'], /^You're welcome\. IMAP \(incoming\): port 993/],
    [['smtp port?', 'cheers y do i need ssl'], /^You're welcome\. SSL/],
    [['smtp server?', 'thx wen do i use 587'], /^You're welcome\. Use port 465/],
    [['what is spa', 'thx m8 wots smtp auth'], /^You're welcome\. BT requires SMTP authentication/],
    [['what is the imap server', 'thanks hw do i turn on ssl'], THANKED],
  ])('%j', async (...row) => check(row));
});
