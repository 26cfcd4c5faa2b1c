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
    [['sending issues?'], SENDING],
    [['sending problems?'], SENDING],
    [['outgoing mail problems?'], SENDING],
    [['sync problems?'], SYNC],
    [['syncing issues?'], SYNC],
    [['receiving problems?'], /receiv|incoming|IMAP|POP|which side/i],
    [['LOGIN PROBLEMS?'], LOGIN],
  ])('%j', async (...row) => check(row));
});

describe('mail stuck in the outbox is a sending failure', () => {
  it.each<Row>([
    [['emails stuck in outbox'], SENDING],
    [['messages sit in my outbox and never go'], SENDING],
    [['outbox keeps filling up'], SENDING],
    [['my emails just sit in the outbox'], SENDING],
    [['everything i send stays in the outbox'], SENDING],
    [['outbox full of emails that wont send'], SENDING],
    [['stuck in outbox?'], SENDING],
    [['mails r stuck in outbox wot do i do'], SENDING],
    [['EMAILS STUCK IN OUTBOX HELP'], SENDING],
    [['the outbox has 5 messages that never leave'], SENDING],
    [['my mails are staying in outbox since monday'], SENDING],
  ])('%j', async (...row) => check(row));
});

describe('mail stuck in the outbox after a password change', () => {
  it.each<Row>([
    [['after my password reset, emails stuck in outbox'], /changed your password|new password|changed password/i],
    [['changed my password and now everything sits in the outbox'], /changed your password|new password|changed password/i],
    [['since i reset my password my emails stay in outbox'], /changed your password|new password|changed password/i],
    [['new password yesterday, today emails stuck in the outbox'], /changed your password|new password|changed password/i],
  ])('%j', async (...row) => check(row));
});

describe('"is that right?" after a plain answer confirms it', () => {
  const YES = /^Yes\b|Yes —/;
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
  it.each<Row>([
    [['what is the imap server', 'cheers m8 wot bout smtp'], /mail\.btinternet\.com/i, /993/],
    [['what is the imap server', 'thanks wot about smtp'], /mail\.btinternet\.com/i, /993/],
    [['what is the imap server', 'ta wat about outgoing'], /mail\.btinternet\.com/i, /993/],
    [['what is the imap server', 'thx hw about the port'], /993/],
    [['incoming port?', 'cheers wots the outgoing one'], /465/],
    [['incoming port?', 'thanks m8 wot bout outgoing'], /465/],
  ])('%j', async (...row) => check(row));
});
