/**
 * Issue 13 (answers that generalise): follow-ups that switch side, text-speak, a question behind a "yes" to the
 * person offered, POP named beside a wish to migrate, and a username described without a colon.
 */
import { expectReply as checkReply, last, newAdapter, say, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const expectReply = (c: ReplyCase): Promise<string> => checkReply(c, NOT_SURE);

/** The outgoing side's key lines: its server, port 465 and SSL, and nothing of the incoming side. */
const OUTGOING = /(?=[\s\S]*mail\.btinternet\.com)(?=[\s\S]*\b465\b)(?=[\s\S]*SSL)(?![\s\S]*\b99[35]\b)/;
/** The incoming side's key lines: its server, port 993 (and 995 when both are meant) and SSL, nothing of the outgoing side. */
const INCOMING = /(?=[\s\S]*mail\.btinternet\.com)(?=[\s\S]*\b993\b)(?=[\s\S]*SSL)(?![\s\S]*\b465\b)/;
const SERVER_LINE = /server is mail\.btinternet\.com/;
const PERSON = /put you in touch with a person/;

describe("1. a follow-up that switches side and names no setting: that side's server, port and SSL, the carried slot first", () => {
  it.each<ReplyCase>([
    // After a port: the port line first, then the server.
    [['imap port please', 'what about sending?'], OUTGOING],
    [['whats the imap port', 'and outgoing?'], OUTGOING],
    [['pop3 port number', 'wot bout sending m8'], OUTGOING],
    [['imap port', 'same for smtp?'], OUTGOING],
    [['what port do i use for imap please', 'and for sending mail'], OUTGOING],
    [['Please tell me port of IMAP', 'And for the sending, please?'], OUTGOING],
    [['IMAPS port', 'and SMTP?'], OUTGOING],
    [['incoming port for imap', 'wat about outgoin'], OUTGOING],
    [['IMAP port?', 'Outgoing?'], OUTGOING],
    [['smtp port', 'and for receiving?'], INCOMING],
    [['outgoing port', 'what about incoming'], INCOMING],
    [['smtp port pls', 'n wot bout receivin'], INCOMING],
    [['what port is smtp', 'and imap?'], INCOMING],
    // After a server: the server line, then its port and SSL.
    [['imap server', 'what about sending?'], OUTGOING],
    [['smtp server name', 'and incoming?'], INCOMING],
    [['pop server please', 'and outgoing m8'], OUTGOING],
    // After a username: the username, then the other side's server, port and SSL.
    [['imap username', 'same for smtp?'], OUTGOING],
    [['what is my username for pop', 'and for outgoing'], OUTGOING],
    [['smtp username', 'and for incoming?'], INCOMING],
    // After SSL asked yes or no: the verdict for the side now named, with its server and port.
    [['is ssl needed for imap', 'and outgoing?'], OUTGOING],
    [['do i need ssl on smtp', 'what about receiving'], INCOMING],
    [['is imap ssl', 'and for sending?'], OUTGOING],
  ])('%j', async (...c) => {
    await expectReply(c);
  });

  it.each<[string[], RegExp]>([
    [['imap port please', 'what about sending?'], /port 465[\s\S]*server is mail\.btinternet\.com/],
    [['smtp port', 'and for receiving?'], /port 993[\s\S]*server is mail\.btinternet\.com/],
    [['imap username', 'same for smtp?'], /Username[\s\S]*server is mail\.btinternet\.com[\s\S]*465/],
    [['is ssl needed for imap', 'and outgoing?'], /^Yes[\s\S]*SSL[\s\S]*server is mail\.btinternet\.com/m],
  ])('the carried slot comes first: %j', async (messages, order) => {
    expect(await last(messages)).toMatch(order);
  });

  it.each<ReplyCase>([
    // A follow-up naming its own setting stays with that setting.
    [['imap port please', 'and the port for sending?'], /\b465\b/, SERVER_LINE],
    [['imap server', 'and the smtp port?'], /\b465\b/, SERVER_LINE],
    [['whats the imap port', 'port 4 outgoing?'], /\b465\b/, SERVER_LINE],
    // Another protocol of the same side is the same question for it, not a change of side.
    [['imap port', 'and for pop?'], /\b995\b/, /\b993\b|\b465\b|server is/],
  ])('naming a setting, or staying on the side: %j', async (...c) => {
    await expectReply(c);
  });
});

describe('2. text-speak reads as its words', () => {
  it.each<ReplyCase>([
    [['wots the imap server m8'], /mail\.btinternet\.com[\s\S]*993/],
    [['wot port 4 smtp pls'], /\b465\b/, /\b99[35]\b/],
    [['smtp port plz'], /\b465\b/],
    [['plz wot port 4 pop3'], /\b995\b/, /\b465\b/],
    [['wots the username 4 imap'], /full email address/],
    [['ssl 4 outgoing m8?'], /SSL[\s\S]*465/],
    [['is 993 rite 4 imap m8'], /^Yes/m],
    [['imap port', 'wot bout pop m8'], /\b995\b/, /\b465\b/],
    [['imap port', 'cheers m8'], /welcome|glad/i, /\b993\b/],
    [['imap port', 'ta'], /welcome|glad/i, /\b993\b/],
    [['smtp server', 'ta m8, wots the port 4 pop'], /\b995\b/],
    [['wot server 4 sendin emails m8'], /outgoing \(SMTP\) server is mail\.btinternet\.com/],
    [['wots smtp m8'], /Simple Mail Transfer Protocol/],
    [['imap port', 'ta m8, wot bout sending'], /You're welcome[\s\S]*\b465\b/],
    [['imap port', 'thx m8'], /welcome|glad/i, /\b993\b/],
    [['imap port', 'm8 wot bout smtp'], OUTGOING, /Why SSL|Secure Socket Layer/],
    [['how bout the imap server m8'], /mail\.btinternet\.com[\s\S]*993/],
  ])('%j', async (...c) => {
    await expectReply(c);
  });
});

describe('3. a question behind a "yes" to the person offered: answered, the offer kept', () => {
  const OFFER = ['imap port', 'No, that didn\u2019t help'];
  it.each<[string, RegExp]>([
    ['hang on yes whats the imap server', /mail\.btinternet\.com/],
    ["wait, yes, what's the port first", /\b993\b/],
    ['yes but whats the smtp port', /\b465\b/],
    ['yeah ok but first is ssl needed for imap', /SSL/],
    ['yes please... actually what is the pop3 server', /mail\.btinternet\.com/],
    ['ok yes - before that, the outgoing port?', /\b465\b/],
    ['yep but wots the username m8', /full email address/],
    ['yes. but one more thing what port for pop', /\b995\b/],
    ['Yes, however I want to know first the SMTP server', /mail\.btinternet\.com/],
    ['hold on, yes, which port is imap', /\b993\b/],
    ['sure though whats the incoming server', /mail\.btinternet\.com/],
  ])('%j', async (question, expected) => {
    const adapter = newAdapter();
    for (const m of OFFER) await say(adapter, m);
    const answer = await say(adapter, question);
    expect(answer).toMatch(expected);
    expect(answer).not.toMatch(PERSON);
    expect(answer).not.toMatch(NOT_SURE);
    // The offer is still open: a plain yes now is a yes to the person.
    expect(await say(adapter, 'yes')).toMatch(PERSON);
  });

  it('after "are you a bot?", whose answer offers a person, too', async () => {
    const adapter = newAdapter();
    await say(adapter, 'are you a bot');
    expect(await say(adapter, 'yes but whats the smtp port')).toMatch(/\b465\b/);
    expect(await say(adapter, 'yes')).toMatch(PERSON);
  });

  it.each(['yes', 'yes please', 'yeah go on'])('a plain %j is still a yes to the person', async (yes) => {
    expect(await last([...OFFER, yes])).toMatch(PERSON);
  });
});

describe('4. POP named beside a wish to migrate: the switch, not a port', () => {
  const SWITCH = /IMAP[\s\S]*(Step 1|walkthrough|switch|move)/i;
  it.each<ReplyCase>([
    [['POP = no sync between my devices, I want to migrate'], SWITCH, /\b995\b/],
    [['pop no good, how do I migrate'], SWITCH, /\b995\b/],
    [['pop is no good i want to move'], SWITCH, /\b995\b/],
    [['pop no sync, need to migrate to imap'], SWITCH, /\b995\b/],
    [['POP no use to me, migrate pls'], SWITCH, /\b995\b/],
    [['using pop. no good. want to migrate account'], SWITCH, /\b995\b/],
    [['pop no good m8 how do i move it'], SWITCH, /\b995\b/],
    [['POP: no sync across devices -> migrate?'], SWITCH, /\b995\b/],
    [['My account is POP, no syncing, I wish to migrate it'], SWITCH, /\b995\b/],
    [['pop3 no longer suits me how do i migrate'], SWITCH, /\b995\b/],
    [['pop port', 'pop no good, i want to migrate'], SWITCH, /\b995\b/],
  ])('%j', async (...c) => {
    await expectReply(c);
  });

  it.each<ReplyCase>([
    // "pop no" is still the port where a number is meant.
    [['pop no please'], /\b995\b/],
    [['whats the pop3 no'], /\b995\b/],
  ])('the port where it is meant: %j', async (...c) => {
    await expectReply(c);
  });
});

describe('5. a username described without a colon: the verdict, never the name echoed', () => {
  const WRONG = /^No — [\s\S]*full email address/m;
  it.each<ReplyCase>([
    [['username jsmith is that right'], WRONG],
    [['my user name jsmith'], WRONG],
    [['user name jsmith - correct?'], WRONG],
    [['username jsmith right?'], WRONG],
    [['login jsmith ok?'], WRONG],
    [['my username jsmith is that ok'], WRONG],
    [['User name jsmith correct'], WRONG],
    [['the username jsmith, is it right'], WRONG],
    [['Username jsmith ... is this correct please'], WRONG],
    [['i think my username jsmith is correct yes?'], WRONG],
    [['my login jsmith'], WRONG],
  ])('%j', async (...c) => {
    const out = await expectReply(c);
    expect(out).not.toMatch(/jsmith/i);
  });

  it.each<ReplyCase>([
    [['username jsmith@btinternet.com is that right'], /full email address/, /^No — /m],
    [['username format?'], /full email address/, /^No — /m],
    [['username for imap please'], /full email address/, /^No — /m],
    [['username pls'], /full email address/, /^No — /m],
    [['username for sending?'], /full email address/, /^No — /m],
    [['my login keeps failing'], /./, /part before the @/],
    [['username imap?'], /full email address/, /^No — /m],
    [['my username keeps failing'], /full email address/, /part before the @/],
  ])('not a name described: %j', async (...c) => {
    await expectReply(c);
  });
});
