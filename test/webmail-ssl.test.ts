/**
 * Issue 13 (webmail versus a mail program; what SSL does and whether it matters, above all when
 * the customer says the SSL box is off, unticked or left blank).
 */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const DID_YOU_MEAN = /Did you mean/i;
const SSL_RIGHT = /^Yes — SSL is right/;
/** The webmail answer: IMAP keeps a program and webmail in step; the settings are for a mail program. */
const WEBMAIL = /webmail/i;
const WEBMAIL_SYNC = /IMAP/;
/** What SSL does (encrypts) and that it must be on, with the ports. */
const SSL_ON = /(turn|tick|switch)[^.]*SSL on|SSL on|tick it|must be on/i;
const SSL_PORTS = /993[\s\S]*995[\s\S]*465|993[\s\S]*465/;
const ENCRYPTS = /encrypt/i;

async function reply(message: string): Promise<string> {
  const out = await last([message]);
  expect(out).not.toMatch(NOT_SURE);
  expect(out).not.toMatch(DID_YOU_MEAN);
  return out;
}

describe('1. webmail versus a mail program', () => {
  it.each<string>([
    'is webmail the same as having it in outlook?',
    'do I need settings for webmail too?',
    'whats the difference between webmail and the mail app',
    'can i just use webmail instead of thunderbird',
    'does webmail need imap',
    'webmail or outlook which is better',
    'do i have to put server settings in for webmail',
    'is webmail different from my email program',
    'i only use webmail do i need imap or pop',
    'wats the diff between webmail n outlook',
    'if i use webmail do i still need the mail program',
    'Why would I set up Outlook when I can use webmail in the browser',
    'my grandson says use webmail not outlook is that same thing',
    'webmail vs email client',
    'does webmail need any ports or ssl setting',
    'will webmail and thunderbird show the same emails',
    'what is webmail compared to an email client',
  ])('%s', async (m) => {
    const out = await reply(m);
    expect(out).toMatch(WEBMAIL);
    expect(out).toMatch(WEBMAIL_SYNC);
  });
});

describe('2. what SSL does and whether it matters, SSL said to be off', () => {
  it.each<string>([
    'there is a tick box for SSL which was left unticked, does it matter?',
    'ssl box is empty is that a problem',
    'my son never ticked the ssl thing',
    'the ssl option is not ticked',
    'SSL is switched off at the moment, does that matter',
    'ssl left blank does it matter',
    'the use ssl box isnt ticked',
    'ssl is unchecked in outlook is that ok',
    'ssl not ticked',
    'i never ticked ssl does it matter',
    'SSL box empty',
    'ssl is turned off, is that why',
    'the box for ssl hasnt been ticked',
    'theres a box that says ssl and its empty',
    'encryption ssl currently off does it matter??',
    'my ssl setting is disabled will that be a problem',
  ])('%s', async (m) => {
    const out = await reply(m);
    expect(out).not.toMatch(SSL_RIGHT);
    expect(out).toMatch(SSL_ON);
    expect(out).toMatch(SSL_PORTS);
  });
});

describe('2b. what SSL does', () => {
  it.each<string>([
    'what does ssl even do',
    'whats ssl for',
    'does ssl matter',
    'is ssl important',
    'what is the point of ssl',
    'ssl what does it do',
    'why do i need to tick ssl',
    'do i actually need ssl',
    'what happens if i dont use ssl',
    'is ssl really necessary for email',
  ])('%s', async (m) => {
    const out = await reply(m);
    expect(out).not.toMatch(SSL_RIGHT);
    expect(out).toMatch(ENCRYPTS);
    expect(out).toMatch(SSL_ON);
  });
});

describe('2c. yes/no about SSL off gets a no that agrees with "must be on"; values typed are still checked', () => {
  it.each<[string, RegExp]>([
    ['is it ok to leave ssl off', /^No — SSL \(SSL\/TLS\) must be on/],
    ['can the ssl box stay unticked?', /^No — SSL \(SSL\/TLS\) must be on/],
    ['SSL not ticked, port 993, is that ok', /^Not quite — use SSL/],
    ['does ssl matter?', /^Yes\. SSL \(SSL\/TLS\) must be on/],
  ])('%s', async (m, expected) => {
    const out = await reply(m);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(SSL_RIGHT);
  });
});

describe('1b. webmail beside a problem keeps its own answer', () => {
  it.each<[string, RegExp]>([
    ['emails missing from webmail', /^IMAP always syncs/],
    ['deleted mail reappears in webmail', /^IMAP always syncs/],
    ['can u send me the settings for my btinternet email on my new iphone, i want it to sync with webmail', /993/],
  ])('%s', async (m, expected) => {
    expect(await reply(m)).toMatch(expected);
  });
});
