/**
 * Issue 13 (switch asked with a symptom; "where do I find that?" after a setting; a comparison asked
 * with the settings): a symptom told before a request to move to IMAP ("someone said I need IMAP not
 * POP, how do I change it") starts the POP→IMAP walkthrough; "where do I find that in Outlook?" right
 * after an answer about one setting is about that setting, not the account type; and the IMAP/POP
 * comparison asked together with the ports or servers gets both.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
/** The walkthrough started, or offered with its button. */
const WALK = /Step 1 of 6|\[Switch from POP to IMAP\]/;
/** The account-type check (step 1's instructions), wrong after a setting answered. */
const ACCOUNT_TYPE = /look at the server type, POP or IMAP|Step 1 of 6/;

describe('a symptom plus a request to change to IMAP starts the walkthrough', () => {
  it.each<string>([
    'my emails on the ipad and on webmail dont match, someone said i need imap not pop, how do i change it',
    'was told to use imap instead, how do i do that?',
    'support said switch me to imap, what do i do',
    'emails i delete on my pc are still on webmail. my son says i need imap. how do i change it over',
    'my phone and laptop show different emails, apparently imap fixes it, how do i set that up',
    'BT told me to go over to imap, can you help me do it',
    'the man in the shop said use imap not pop, how do i change it please',
    'mails not syncing between outlook and webmail, friend says change to imap, how?',
    'i was advised to change to imap. what are the steps',
    'my sent items are only on the pc, i read i should be on imap instead of pop, how do i switch it',
    'the engineer said i should be on imap, how do i do this',
    'ppl say imap is better than pop so how do i change mine to it',
    'someone at bt said my account needs to be imap, what do i need to do',
    'my ipad and pc dont match up, told i need to change to imap, how',
    'apparently i should be using imap now, how do i go about changing',
    'bt chat said move to imap. help me do it pls',
  ])('%s', async (message) => {
    await expectReply([[message], WALK], NOT_SURE);
  });
});

describe('"where do I find that?" after a setting is about that setting', () => {
  it.each<[string, string, RegExp]>([
    ['do i need smtp authentication', 'where do i find that in outlook?', /requires authentication/i],
    ['is smtp auth needed', 'where is that on my iphone', /requires authentication/i],
    ['what is smtp authentication', 'where do i find it', /requires authentication/i],
    ['do i need outgoing authentication', 'whereabouts is that in thunderbird', /requires authentication/i],
    ['smtp authentication on or off?', 'ok where do i find that setting in windows mail', /requires authentication/i],
    ['should ssl be on', 'where do i find that in outlook', /SSL/],
    ['do i need ssl for imap', 'where is that setting on the iphone', /SSL/],
    ['what is the outgoing port', 'where do i put that in outlook', /465/],
    ['whats the smtp port', 'where do i find that on my ipad', /465/],
    ['what is my username', 'where do i enter that in outlook', /full email address/i],
    ['should i tick spa', 'where do i find that in outlook', /SPA|Secure Password/i],
    ['is smtp authentication required', 'how do i find that in apple mail', /requires authentication/i],
    ['do i need smtp authentication', "where's that in outlook 365?", /requires authentication/i],
    ['what encryption for outgoing', 'where do i set that on my iphone', /SSL/],
  ])('%s … %s', async (first, second, expected) => {
    await expectReply([[first, second], expected, ACCOUNT_TYPE], NOT_SURE);
  });
});

describe('the comparison asked with the ports or servers gets both', () => {
  const DIFF = /sync|recommend/i;
  it.each<[string, RegExp]>([
    ["what's the difference between IMAP and POP, and which ports does each one use?", /993[\s\S]*995|995[\s\S]*993/],
    ['imap or pop which is better and what are the servers', /mail\.btinternet\.com/],
    ['explain pop vs imap and give me the port numbers for both', /993[\s\S]*995|995[\s\S]*993/],
    ['difference between pop3 and imap? also ports', /993[\s\S]*995|995[\s\S]*993/],
    ['pop vs imap, which should i use, and what ports do i need incl outgoing', /993[\s\S]*465|465[\s\S]*993/],
    ['Can you explain IMAP versus POP3 and list the port for each', /993[\s\S]*995|995[\s\S]*993/],
    ['whats better imap or pop n wot r the port numbers', /993/],
    ['compare imap and pop for me and tell me the server names', /mail\.btinternet\.com/],
    ['which is best pop or imap? what settings do i use for it', /993|mail\.btinternet\.com/],
    ['how is imap different from pop and what port does each use for incoming', /993[\s\S]*995|995[\s\S]*993/],
    ['IMAP vs POP: pros/cons + ports pls', /993[\s\S]*995|995[\s\S]*993/],
    ['pop3 versus imap whats the difference n the port numbers', /993[\s\S]*995|995[\s\S]*993/],
    ['Kindly explain the difference of IMAP and POP and also the servers for both', /mail\.btinternet\.com/],
  ])('%s', async (message, settings) => {
    const out = await expectReply([[message], settings], NOT_SURE);
    expect(out).toMatch(DIFF);
  });
});

describe('what stays as it was', () => {
  it.each<[string[], RegExp, RegExp]>([
    // After the comparison, "where do I find that?" is where the account type shows.
    [['what is the difference between imap and pop', 'where do i find that in outlook'], /type/i, /\b(993|465)\b/],
    // Choosing one, then "the port for it": the recommended IMAP's port alone.
    [['firstly is it imap or pop i should use, secondly whats the port for it'], /993/, /\b995\b/],
    // A comparison alone gets no ports.
    [['whats the difference between imap and pop'], /sync/i, /\b995\b/],
  ])('%j', async (messages, expected, forbidden) => {
    await expectReply([messages, expected, forbidden], NOT_SURE);
  });
});
