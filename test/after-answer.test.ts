/**
 * Issue 13 §2 (no dead ends; context decides follow-ups): what happens after an answer — a fix that
 * still fails, a "no" to "Was this helpful?", a need that IMAP answers, the password warning beside
 * another answer, goodbyes and thanks in any voice, and a message that only describes a situation.
 */
import { last, expectReply as checkReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const SEND_CHECKS = /Sending problems with BT Email/;
const RECEIVE_CHECKS = /can't fetch mail/;
const PERSON = /support team|Talk to a person/;
const ANOTHER_WAY = /another way|Talk to a person/;
const ANOTHER_WAY_OR_CHECKS = /another way|Talk to a person|can't fetch mail/;
const CARD = /AdaptiveCard/;

type Case = ReplyCase;

const expectReply = (c: Case): Promise<string> => checkReply(c, NOT_SURE);

describe('1. after "Was this helpful?", still failing gets the next checks, then a person; a plain no a way on', () => {
  it.each<Case>([
    [['smtp settings', 'still not working'], SEND_CHECKS],
    [['smtp settings', 'nope still getting 535'], /535/],
    [['smtp settings', 'didnt help, outlook still wont send'], SEND_CHECKS],
    [['smtp settings', 'still cant send anything'], SEND_CHECKS],
    [['outgoing server settings please', 'no still the same'], SEND_CHECKS],
    [['SMTP SETTINGS', 'STILL NOT WORKING!!!'], SEND_CHECKS],
    [['smtp settings', 'nah still no good mate'], SEND_CHECKS],
    [['imap settings', 'still cant get emails'], RECEIVE_CHECKS],
    [['imap settings', 'still nothing coming in'], RECEIVE_CHECKS],
    [['pop settings', 'no didnt help still no new mail'], RECEIVE_CHECKS],
    [['imap settings', 'sorry but it still doesnt work'], RECEIVE_CHECKS],
    [['imap settings', 'still failing'], RECEIVE_CHECKS],
    [['what is the incoming server', 'tried that, still nothing coming in'], RECEIVE_CHECKS],
    [['imap settings', 'nope. inbox still empty'], RECEIVE_CHECKS],
    [['imap settings', 'i did what you said but still no emails coming through'], RECEIVE_CHECKS],
    [['whats the outgoing port', 'no joy'], SEND_CHECKS],
    [['smtp settings', 'not working still, tried 3 times'], SEND_CHECKS],
    // "Can't connect to the server" names neither side: after a sending answer, it is sending.
    [['smtp settings', 'done all that, outlook still says it cant connect to the server'], SEND_CHECKS, RECEIVE_CHECKS],
  ])('%j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    [['smtp settings', 'still not working', 'still not working'], PERSON, SEND_CHECKS],
    [['smtp settings', 'still not working', 'nope still the same'], PERSON, SEND_CHECKS],
    [['imap settings', 'still cant get emails', 'still nothing'], PERSON, RECEIVE_CHECKS],
    [['imap settings', 'still not working', 'no luck, same again'], PERSON, RECEIVE_CHECKS],
  ])('repeated: %j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    [['imap settings', 'no'], ANOTHER_WAY],
    [['imap settings', 'not really'], ANOTHER_WAY],
    [['smtp settings', 'nope'], ANOTHER_WAY],
    [['smtp settings', 'no it didnt'], ANOTHER_WAY],
    [['pop settings', 'no that didnt help at all'], ANOTHER_WAY_OR_CHECKS],
    [['smtp settings', 'nah'], ANOTHER_WAY],
    [['imap settings', 'not at all'], ANOTHER_WAY],
    [['smtp settings', 'No.'], ANOTHER_WAY],
    [['imap settings', 'not really no'], ANOTHER_WAY],
    [['imap settings', 'no, not helpful'], ANOTHER_WAY],
    [['imap settings', 'meh'], ANOTHER_WAY],
    [['smtp settings', 'not what i asked'], ANOTHER_WAY],
    [['smtp settings', 'thats not what i meant'], ANOTHER_WAY],
  ])('plain no: %j', async (...c) => void (await expectReply(c)));
});

const COMPARISON = /IMAP always syncs/;
const WALKTHROUGH_BUTTON = /\[Switch from POP to IMAP\]|\[Switch POP to IMAP\]/;
const POP_BLOCK = /POP3 and SMTP|\b995\b/;

describe('2. a need that IMAP answers gets the comparison and the switch, not the POP settings', () => {
  it.each<Case>([
    [['I want the same emails on my phone and computer, currently POP'], COMPARISON, POP_BLOCK],
    [['emails i read on my phone still show unread on the laptop'], COMPARISON, POP_BLOCK],
    [['deleted mail comes back on my ipad'], COMPARISON, POP_BLOCK],
    [['sent items only on one device'], COMPARISON, POP_BLOCK],
    [['my sent emails only show on my laptop not my phone'], COMPARISON, POP_BLOCK],
    [['i use pop at the moment and want my mail on all devices'], COMPARISON, POP_BLOCK],
    [['emails disappear from my phone once my pc downloads them'], COMPARISON, POP_BLOCK],
    [['how do i get my emails to match on my tablet and my pc'], COMPARISON, POP_BLOCK],
    [['im on pop3, i want to see my mail on both my phone and my laptop'], COMPARISON, POP_BLOCK],
    [['wen i read a email on my fone it still says unread on the computer'], COMPARISON, POP_BLOCK],
    [['I would like my emails to be synchronised across all my devices please'], COMPARISON, POP_BLOCK],
    [['the emails i send from my laptop dont show in sent on my phone'], COMPARISON, POP_BLOCK],
    [['smtp settings', 'also my emails arent the same on my phone and my computer'], COMPARISON, POP_BLOCK],
    [['my husband uses the pc and i use the ipad and we never see the same emails'], COMPARISON, POP_BLOCK],
    [['Our office has POP on every PC and people see different inboxes'], COMPARISON, POP_BLOCK],
    [['how can i have my inbox the same on all my gadgets'], COMPARISON, POP_BLOCK],
    [['my iphone and macbook show different emails'], COMPARISON, POP_BLOCK],
    [['emails read on ipad still bold on pc'], COMPARISON, POP_BLOCK],
    [['want emails synced on phone and laptop'], COMPARISON, POP_BLOCK],
    [['can i have my btinternet email on both my phone and computer'], COMPARISON, POP_BLOCK],
    [['i only see new emails on one device'], COMPARISON, POP_BLOCK],
  ])('%j', async (...c) => {
    const out = await expectReply(c);
    expect(out).toMatch(WALKTHROUGH_BUTTON);
  });

  it.each<Case>([
    // Setting up, or a setting asked about for several devices: the settings, not the comparison.
    [['how do i set up my email on my phone and laptop'], CARD, COMPARISON],
    [['do i use the same server on my iphone and my ipad'], /mail\.btinternet\.com/, COMPARISON],
    [['is the port the same on my phone and computer'], /993/, COMPARISON],
    [['same settings on all devices?'], /mail\.btinternet\.com|AdaptiveCard/, COMPARISON],
    [['i cant send from my phone but can from my laptop'], SEND_CHECKS, COMPARISON],
  ])('not a need for IMAP: %j', async (...c) => void (await expectReply(c)));
});

const WARNING = /Please don't share your password with anyone/;

/** Every sentence of a reply once: a warning beside another answer never says the same thing twice. */
function repeatedSentences(out: string): string[] {
  const sentences = out
    .split(/\n|(?<=[.!?]) +/)
    .map((s) => s.trim())
    .filter((s) => /[.!?]$/.test(s) && s.split(' ').length > 3);
  return sentences.filter((s, i) => sentences.indexOf(s) !== i);
}

describe('3. the password warning and the decline never repeat a sentence', () => {
  it.each<string[]>([
    ['my password is Secret123 whats the smtp server'],
    ['my password is Secret123 can you check my settings'],
    ['my password is Secret123 and i get error 535'],
    ['pw: hunter22, whats the imap port'],
    ['password: Bluebird!9 whats my username and password for outlook'],
    ['my password is Tulip2024 is that right?'],
    ['getting 535 with user me@btinternet.com password: Kettle88'],
    ['smtp settings', 'my password is Pebble77 and it still wont send'],
    ['my password is Orange55 what is the incoming server and the outgoing port'],
    ['password=Sunny2020 error 530 in outlook'],
    ['my password is Secret123. what password do i put in'],
    ['pw: hunter22, imap settings please'],
    ['password Hunter22 all the settings for outlook'],
    ['switch pop to imap', 'my password is Secret123 what do i put'],
    ['error 535', 'no', 'my password is Secret123 is that right'],
    ['pass: Hunter22 smtp server and imap server please'],
  ])('%j', async (...messages) => {
    const out = await last(messages);
    // In the message's own text, not only in a card's fallback (a channel shows the card instead).
    expect(out.split('[{"')[0]).toMatch(WARNING);
    expect(out).not.toMatch(/Never share your password/);
    expect(out).not.toMatch(/I'll never ask you for your password/);
    expect(repeatedSentences(out)).toEqual([]);
  });
});

const CLOSE = /Goodbye|You're welcome|glad|anything else/;

describe('4. thanks and goodbyes after an answer get a short close; thanks with a question answers it', () => {
  it.each<Case>([
    [['smtp settings', 'cheers thats sorted'], CLOSE, CARD],
    [['smtp settings', 'ta m8 bye'], CLOSE, CARD],
    [['smtp settings', 'ok thank you very much have a nice day'], CLOSE, CARD],
    [['smtp settings', 'brill all working now'], CLOSE, CARD],
    [['imap settings', 'lovely job cheers'], CLOSE, CARD],
    [['imap settings', 'thats great thanks for your help'], CLOSE, CARD],
    [['imap settings', 'all sorted now thank u'], CLOSE, CARD],
    [['whats the smtp server', 'thank you dear, have a lovely evening'], CLOSE, CARD],
    [['whats the smtp server', 'thx ur a star'], CLOSE, CARD],
    [['error 535', 'yes', 'cheers bye'], CLOSE, CARD],
    [['whats the smtp port', 'many thanks, that is all i needed'], CLOSE, CARD],
    [['whats the smtp port', 'great stuff, ill let you go now'], CLOSE, CARD],
    [['whats the smtp port', 'perfect. thank you so much. bye for now'], CLOSE, CARD],
    [['whats the imap server', 'Thank you for your assistance, it is now functioning.'], CLOSE, CARD],
    [['whats the imap server', 'sorted!! thanks a million'], CLOSE, CARD],
    [['whats the imap server', 'ok cheers have a good one'], CLOSE, CARD],
    [['smtp settings', 'thank you kindly, goodnight'], CLOSE, CARD],
    [['smtp settings', 'fab thanks, bye bye'], CLOSE, CARD],
    [['smtp settings', 'merci, au revoir'], CLOSE, CARD],
    [['smtp settings', 'Thanks a lot. Take care.'], CLOSE, CARD],
    [['smtp settings', 'ok that makes sense'], /anything else/, CARD],
    [['smtp settings', 'grand'], /anything else/, CARD],
    [['smtp settings', 'that worked thank you so much you have been very helpful'], CLOSE, CARD],
  ])('%j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    [['smtp settings', 'thanks, whats the imap port'], /\b993\b/],
    [['smtp settings', 'cheers! and the pop3 port?'], /\b995\b/],
    [['whats the imap server', 'ta. what about sending'], /mail\.btinternet\.com[\s\S]*465/],
    [['whats the imap server', 'thank you very much, how do i know if im on imap or pop'], /IMAP|POP/],
    [['smtp settings', 'thanks bye, oh wait whats the imap port'], /\b993\b/],
    [['smtp settings', 'cheers mate. one more thing, is pop better than imap'], /IMAP always syncs/],
    [['smtp settings', 'ta, i use thunderbird'], /You're welcome[\s\S]*(Thunderbird|465)/],
    [['imap settings', 'thanks. im on an iphone'], /You're welcome[\s\S]*(iPhone|993)/],
  ])('thanks and a question: %j', async (...c) => void (await expectReply(c)));
});

const DID_YOU_MEAN = /Did you mean/;
const ASKS_NEED = /What would you like to know/;
/** Told an address: what they need, or that the settings are the same for every BT address (with no "No," before it). */
const ASKS_NEED_OR_ADDRESSES = /What would you like to know|^The (server|settings) (is|are) the same/;
const SETTINGS = /AdaptiveCard|mail\.btinternet\.com/;

describe('5. a message that only describes the situation is acknowledged, never "not sure"', () => {
  it.each<Case>([
    [['its a btinternet address'], ASKS_NEED, DID_YOU_MEAN],
    [['I have a talk21 email'], ASKS_NEED_OR_ADDRESSES, DID_YOU_MEAN],
    [['my email is on btopenworld'], ASKS_NEED, DID_YOU_MEAN],
    [['we have 3 laptops in the office'], ASKS_NEED, DID_YOU_MEAN],
    [['i have a laptop and a desktop'], ASKS_NEED, DID_YOU_MEAN],
    [['Im with BT broadband and my email is btinternet.'], ASKS_NEED, DID_YOU_MEAN],
    [['its my work laptop'], ASKS_NEED, DID_YOU_MEAN],
    [['i am a bt customer for 20 years'], ASKS_NEED, DID_YOU_MEAN],
    [['we are on talk21'], ASKS_NEED_OR_ADDRESSES, DID_YOU_MEAN],
    [['my computer is a dell'], ASKS_NEED, DID_YOU_MEAN],
    [['i only have a phone'], ASKS_NEED, DID_YOU_MEAN],
    [['we are a small business with 5 staff'], ASKS_NEED, DID_YOU_MEAN],
    [['my laptop is new'], ASKS_NEED, DID_YOU_MEAN],
    [['its a btopenworld account'], ASKS_NEED_OR_ADDRESSES, DID_YOU_MEAN],
    [['i have two email addresses'], ASKS_NEED_OR_ADDRESSES, DID_YOU_MEAN],
  ])('%j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    // A mail program named: the settings for it, the next answer shaped by it.
    [['i have an iphone and a laptop'], SETTINGS, DID_YOU_MEAN],
    [['im using outlook 2016'], SETTINGS, DID_YOU_MEAN],
    [['i use windows 10 mail'], SETTINGS, DID_YOU_MEAN],
    [['i got a samsung phone'], SETTINGS, DID_YOU_MEAN],
    [['hi, i am using thunderbird on my pc'], SETTINGS, DID_YOU_MEAN],
    [['I am a pensioner with an ipad'], SETTINGS, DID_YOU_MEAN],
    [['running outlook 365 on windows 11'], SETTINGS, DID_YOU_MEAN],
  ])('a program named: %j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    [['smtp settings', 'im using outlook 2016'], /465/, DID_YOU_MEAN],
    [['smtp settings', 'i have an iphone and a laptop'], /465/, DID_YOU_MEAN],
    [
      ['whats the smtp server', 'its a btinternet address'],
      /What would you like to know|same for all three/,
      DID_YOU_MEAN,
    ],
    [['imap settings', 'i use thunderbird'], /993/, DID_YOU_MEAN],
    [['whats the imap port', 'we have two laptops and a tablet'], ASKS_NEED, DID_YOU_MEAN],
    [['what is the smtp port', 'my address is talk21'], ASKS_NEED_OR_ADDRESSES, DID_YOU_MEAN],
  ])('after an answer: %j', async (...c) => void (await expectReply(c)));

  it.each<Case>([
    // A problem or a request in it is no mere description.
    [['i have an iphone and cant send emails'], SEND_CHECKS, ASKS_NEED],
    [['i have a btinternet address, what is the smtp server'], /mail\.btinternet\.com/, ASKS_NEED],
    [['my account is locked'], /support team|Talk to a person/, ASKS_NEED],
    [['my emails are disappearing'], /POP|IMAP/, ASKS_NEED],
  ])('not only a description: %j', async (...c) => void (await expectReply(c)));
});
