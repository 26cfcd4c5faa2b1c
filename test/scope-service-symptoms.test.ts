/**
 * Issue 13 (service and symptoms): questions about BT Email itself (its future, price, an address kept on leaving
 * BT), the mailbox's size, mail on one device and not another, and slow mail, each in many voices, through the
 * whole bot. Each row: what the reply must be, and that no settings block or did-you-mean stands in for it.
 */
import { last } from './helpers/talk';

/** A settings block or a setting: a server name or a port. */
const SETTINGS = /mail\.btinternet\.com|\b(993|995|465|587)\b/;
const DID_YOU_MEAN = /Did you mean one of these/;
const PERSON = /\[Talk to a person\]/;

const SERVICE_PLANS = /can't speak for BT's plans, prices or accounts/;
const STORAGE = /mailbox features such as [^.]*storage space/;
const SYNC = /POP3 doesn't sync/;
const SPEED = /say nothing about speed/;

const servicePlans = [
  'is bt email shutting down?',
  'bt are closing btinternet email accounts arent they',
  'will I lose my btinternet address if I leave BT',
  'is BT stopping email',
  'how much does bt email cost',
  'i heard bt email is being shut down is that true',
  'is btinternet email closing down next year',
  'r bt gettin rid of email lol',
  'my neighbour says bt is closing all the btinternet emails should i be worried',
  'BT STOP EMAIL SERVICE?? WHY NOBODY TELL ME',
  'ABSOLUTE DISGRACE IF BT SHUT DOWN BTINTERNET EMAIL AFTER ALL THESE YEARS',
  'if i switch broadband to sky do i keep my btinternet email',
  'can i keep my bt email address after leaving bt',
  'do i have to pay for bt email',
  'how much is bt premium email a month',
  'is bt retiring its email service',
  'will bt email still work after i cancel my broadband',
  'whats the future of bt email',
  'i am retired and have had my btinternet email for 20 years will it be closed',
  'hello dear i am told btinternet will be closed by bt is that true please advise',
  'bt closin down email? gonna lose my adress??',
  'is talk21 email being discontinued',
  'is bt email shuting down',
  'is bt email free still',
  'can i use bt email on my phone for free',
  'Is it true that BT will close the btinternet mail service?',
  'bt email closeing down??',
  'will my btinternet account be deleted if i go to another broadband',
  'Is BT Mail going to be stopped in 2026',
  'do bt still do email',
  'bt r dropping email accounts???',
  'what happens to my bt email address when my contract ends',
  'how much is a bt email only account',
];

const storage = [
  'how many emails can i store',
  'is my mailbox full',
  'whats the storage limit',
  'my inbox says quota exceeded',
  'how much space do i have for email',
  'mailbox full message keeps popping up',
  "wot's the max mailbox size m8",
  'outlook says mailbox is over its limit',
  'i keep getting a message saying my mailbox is almost full',
  'is there a limit to how many emails i can keep',
  'my emails are bouncing because mailbox full',
  'running out of space in my email',
  'is my mail box full',
  'how much mail can my bt inbox hold',
  'quota exceded on btinternet',
  'please what is the size of mailbox i can have',
  'u get how much storage on bt mail??',
  'my email box is full',
  'inbox capacity',
  'how many messages can my bt mailbox hold',
  'I got email saying my storage is nearly full',
  'what is storage size for bt mail please',
  'mailbox over quota',
];

const oneDevice = [
  'my inbox is empty on my new ipad but full on my laptop',
  'my new phone only shows emails from today, the old ones are gone',
  'old emails not on my new tablet',
  'webmail is empty but outlook has everything',
  'can see emails on the pc but not the phone',
  'emails on my laptop but not on my phone',
  'why cant i see my old emails on my new phone',
  'my ipad shows no emails but my computer has them all',
  'webmail has nothing in it but thunderbird has all my mail',
  'i got a new laptop and none of my old emails are there',
  'my husbands phone has the emails but my tablet doesnt',
  'emails show up on my computer but never on my ipad',
  'I bought new iPad and there is no old mails only new one',
  'on my phone i see nothing but on laptop all emails are there',
  'webmail empty?? outlook shows everything. whats going on',
  'set up email on new phone its only got todays emails',
  'cant see any of my old emails on the new laptop',
  'hi i have my email on the computer and it works but on the ipad the inbox is empty',
  'my phone has the emails but webmail dont',
  'ipad got no emails but laptop does',
  "I don't see old letters on my new telephone, only new",
  'emails gone from new phone but still on old one',
  'laptop shows all emails phone shows none',
  'my emails are missing on the new computer',
];

const slow = [
  'why is my email so slow',
  'outlook takes ages to download',
  'emails arrive late',
  'my emails take hours to come through',
  'bt mail very slow today',
  'sending takes forever',
  'emails are delayed',
  'email sooooo slow',
  'emails r taking ages to come in',
  'why does it take so long to send an email from outlook',
  'my emails are coming in hours late this week',
  'I am waiting long time for my emails to arrive, very slow',
  'thunderbird is sluggish when fetching mail',
  "email keeps arriving late, is it something on BT's end",
  'emails are really slow to come through',
  'outlook is slow',
  'it take long time for email come',
  'email lagging bad',
  'my emails have been delayed by hours',
  'why emails so slow to send bt',
];

describe('BT Email itself (its future, price, an address on leaving BT): out of scope, a person, no settings', () => {
  it.each(servicePlans)('%s', async (text) => {
    const out = await last([text]);
    expect(out).toMatch(SERVICE_PLANS);
    expect(out).toMatch(PERSON);
    expect(out).not.toMatch(SETTINGS);
    expect(out).not.toMatch(DID_YOU_MEAN);
  });
});

describe("the mailbox's size: a mailbox feature, a person, no settings", () => {
  it.each(storage)('%s', async (text) => {
    const out = await last([text]);
    expect(out).toMatch(STORAGE);
    expect(out).toMatch(PERSON);
    expect(out).not.toMatch(SETTINGS);
    expect(out).not.toMatch(DID_YOU_MEAN);
  });
});

describe('mail on one device and not another: the sync explanation and the switch, never the account', () => {
  it.each(oneDevice)('%s', async (text) => {
    const out = await last([text]);
    expect(out).toMatch(SYNC);
    expect(out).toMatch(/switch|move to IMAP|change to IMAP/i);
    expect(out).not.toMatch(/BT account, bills/);
    expect(out).not.toMatch(DID_YOU_MEAN);
    expect(out).not.toMatch(SETTINGS);
  });
});

describe('slow or late mail: said honestly, a check of the settings or a person, no checklist as its cause', () => {
  it.each(slow)('%s', async (text) => {
    const out = await last([text]);
    expect(out).toMatch(SPEED);
    expect(out).toMatch(/\[Check my settings\]/);
    expect(out).toMatch(PERSON);
    expect(out).not.toMatch(SETTINGS);
    expect(out).not.toMatch(/usually the outgoing|check the incoming settings/);
  });
});

describe('close neighbours keep their answers', () => {
  it.each<[string, RegExp]>([
    ['is bt email down', /can't see whether BT Email's servers are working/],
    ['how do I stop POP deleting mail from the server', /POP3 doesn't sync/],
    ['whats the incoming server', /incoming \(IMAP and POP3\) server is mail\.btinternet\.com/],
    ['is pop being switched off', /POP3 doesn't sync/],
    ['is pop3 being discontinued by bt', /POP3 doesn't sync/],
    ['will i lose my emails if i switch to imap', /kept only on that computer/],
    ['emails deleted from webmail after outlook downloads them', /POP3 doesn't sync/],
    ['how much storage does my mailbox have', STORAGE],
    ['my broadband is slow', /not broadband, TV or other BT services/],
    ['outlook keeps closing when i add my btinternet account', /^(?![\s\S]*can't speak for BT's plans)/],
    ['is imap slower than pop', /^(?![\s\S]*say nothing about speed)/],
    ['what port is smtp on bt', /465/],
    ['i want to close my bt email account', /can't see or change your BT account/],
  ])('%s', async (text, expected) => {
    expect(await last([text])).toMatch(expected);
  });
});
