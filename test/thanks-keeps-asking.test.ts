/**
 * Issue 13 (talk), in general: thanks followed by a follow-up question after an answer gets the question
 * answered (the same settings for all three domains), not only "You're welcome"; "<program> keeps asking
 * for <setting>" where the setting is a server or port gives the settings, not the password checklist.
 * Phrasings written for this file in many voices.
 */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that one/;
const FIRST = 'what are the imap settings for btinternet';
const SAME_DOMAINS = /btinternet\.com.*talk21\.com|talk21\.com.*btinternet\.com|btopenworld/is;
const ONLY_WELCOME = /^[^]{0,20}(You're welcome|Glad I could help)[^]{0,80}(anything else)[^]{0,20}$/i;

const thanksThenAsk = [
  "thx. and is it the same for my wife's talk21 account?",
  'cheers - and for btopenworld?',
  'ta, what about my other address on talk21',
  "thanks! also does this work for my husband's btopenworld one?",
  'great thanks, same settings for talk21 too?',
  'thank you so much and do i use the same for talk21',
  'ty!! wot about talk21 same?',
  'Thanks. Are these also valid for a btopenworld.com address?',
  'many thanks, i also have a talk21 email is that the same',
  'cheers mate and btopenworld is that same',
  'thanks a lot. and my talk21 one, same server?',
  'thankyou and is it same for btopenworld.com',
  'Thanks for that. What about talk21.com addresses?',
  'thnx, wot about btopenworld',
  'ok ta. same for my btopenworld email?',
  'much appreciated - my mum has talk21, does she use the same ones',
];

const keepsAsking = [
  [
    'new Outlook keeps asking for IMAP incoming server and port, what are they',
    /imap\.mail\.btinternet\.com|mail\.btinternet\.com/,
  ],
  ['iphone keeps asking me for the outgoing server', /smtp/i],
  ['thunderbird keeps asking for the smtp server name', /smtp/i],
  ['it keeps wanting the incoming mail server', /mail\.btinternet\.com/],
  ['outlook keeps asking for the incoming server what do i put', /mail\.btinternet\.com/],
  ['my ipad keeps asking for the outgoing mail server and port', /smtp/i],
  ['the mail app keeps on asking for smtp server??', /smtp/i],
  ['windows mail keeps asking for imap server', /imap/i],
  ['it keeps asking for the pop server name', /pop/i],
  ['keeps asking me incoming and outgoing servers what are they', /smtp/i],
  ['android email keeps wanting the outgoing smtp', /smtp/i],
  ['outlook keeps asking for incoming IMAP server and port', /993/],
  ['my laptop keeps prompting me for the imap incoming server name', /mail\.btinternet\.com/],
  ['Thunderbird keeps requesting outgoing SMTP server details', /465/],
  ['the ipad keep asking what the outgoing mail server is', /smtp/i],
] as const;

describe('thanks then a follow-up question, after an answer', () => {
  test.each(thanksThenAsk)('%s', async (text) => {
    const out = await last([FIRST, text]);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(ONLY_WELCOME);
    expect(out).toMatch(SAME_DOMAINS);
  });
});

describe('a yes/no follow-up after thanks says yes first', () => {
  test.each([
    "thx. and is it the same for my wife's talk21 account?",
    'great thanks, same settings for talk21 too?',
    'Thanks. Are these also valid for a btopenworld.com address?',
  ])('%s', async (text) => {
    expect(await last([FIRST, text])).toMatch(/\bYes\b/);
  });
});

describe('<program> keeps asking for a setting that is not the password', () => {
  test.each(keepsAsking)('%s', async (text, expected) => {
    const out = await last([text]);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/password prompt|keeps asking for (your|the) password/i);
  });

  test('keeps asking for my password still gets the password checklist', async () => {
    const out = await last(['outlook keeps asking for my password']);
    expect(out).toMatch(/password/i);
  });
});
