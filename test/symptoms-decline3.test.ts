/**
 * Issue 13 (set 10's weak categories): a password rejected although webmail takes the same one is the
 * password symptom, not the sync explanation; declining an offered person with a question answers it;
 * "what do I do with <a box or switch>" gets the option that is right, "turn it on/off" for a switch.
 */
import { expectReply, type ReplyCase } from './helpers/talk';
import { expectDeclineAnswered } from './helpers/handover-fixtures';

const NOT_SURE = /not sure|didn't quite|did you mean/i;
/** The password symptom's checks. */
const CHECKS = /full email address[\s\S]*SPA\) is off|Secure Password Authentication \(SPA\) is off/i;
/** The IMAP-or-POP sync explanation, or a request for the password. */
const NOT_PASSWORD =
  /IMAP keeps|kept in step|stays in sync|what is your password|tell me your password|type your password/i;

describe('a password rejected although webmail takes the same one: the password checks', () => {
  it.each<ReplyCase>([
    [
      ['samsung email keeps telling me my password is wrong but i can log into webmail with the exact same password'],
      CHECKS,
      NOT_PASSWORD,
    ],
    [['outlook says wrong password yet webmail works fine with it'], CHECKS, NOT_PASSWORD],
    [['iphone keeps asking for password, same one works on the website'], CHECKS, NOT_PASSWORD],
    [['my password works fine on webmail but thunderbird says its incorrect'], CHECKS, NOT_PASSWORD],
    [['i can sign in to bt webmail no problem but my ipad mail wont take the password'], CHECKS, NOT_PASSWORD],
    [['pw ok on webmail but outlook keeps rejectin it wtf'], CHECKS, NOT_PASSWORD],
    [
      ['Password is correct, I log in webmail with it every day, but Mail app say it is wrong. Why?'],
      CHECKS,
      NOT_PASSWORD,
    ],
    [['webmail accepts my credentials but the IMAP client returns authentication failed'], CHECKS, NOT_PASSWORD],
    [
      ['this is ridiculous the password is RIGHT it works in the browser but windows mail keeps saying its wrong'],
      CHECKS,
      NOT_PASSWORD,
    ],
    [
      [
        'i have typed the same password that works on webmail into my phone and it just keeps popping up asking for it again',
      ],
      CHECKS,
      NOT_PASSWORD,
    ],
    [
      [
        'the password box keeps coming back on the android email app even though the same password gets me into webmail',
      ],
      CHECKS,
      NOT_PASSWORD,
    ],
    [
      ['my password is definitely right i use it on webmail every day but the mac mail app says it is not'],
      CHECKS,
      NOT_PASSWORD,
    ],
    [['webmail fine with same pass, outlook 365 keeps poping up the password window'], CHECKS, NOT_PASSWORD],
    [
      ['mi password is correct in webmail but in mail of windows it say incorrect, why is same password'],
      CHECKS,
      NOT_PASSWORD,
    ],
    [['webmail lets me in but outlook wont, same password'], CHECKS, NOT_PASSWORD],
    [['password works online not in the app'], CHECKS, NOT_PASSWORD],
    [['the same pw is accepted by the website but not by my iphone'], CHECKS, NOT_PASSWORD],
    [['password good on browser, bad on outlook'], CHECKS, NOT_PASSWORD],
    [
      ['my wife set up the laptop and the email says password incorrect but on the bt website it lets me in with it'],
      CHECKS,
      NOT_PASSWORD,
    ],
  ])('%j', async (...row: ReplyCase) => {
    await expectReply(row, NOT_SURE);
  });
});

const OFFER = ['what is the smtp server', 'can I talk to a person'];
const HANDOVER = /put you in touch|connect you|leave a message|I'm still here/i;

describe('declining an offered person with a question: the question is answered', () => {
  it.each<[string, RegExp]>([
    ['no dont bother actually, just tell me the outgoing port', /\b465\b/],
    ['nah forget it, whats the imap server', /imap\.mail\.btinternet\.com|mail\.btinternet\.com/],
    ['no need, just the smtp settings pls', /\b465\b/],
    ['leave it, what port for pop', /\b995\b/],
    ["not necessary — what's the incoming server?", /mail\.btinternet\.com/],
    ['no dont bother, what port is imap', /\b993\b/],
    ['nah leave it mate whats the pop server', /mail\.btinternet\.com/],
    ['no thats not needed, just the outgoing server name', /mail\.btinternet\.com/],
    ['forget it, just tell me the imap port', /\b993\b/],
    ['no no need for that. what port do i use for sending', /\b465\b/],
    ['nope not necessary just need the incoming port for imap', /\b993\b/],
    ['dont bother, what is the smtp port', /\b465\b/],
    ['no need thanks, what port for outgoing', /\b465\b/],
    ['nah ur alright, whats the smtp port', /\b465\b/],
    ['no cheers just need the imap port', /\b993\b/],
    ['nah im good thanks whats the pop server', /mail\.btinternet\.com/],
    ['nope dont need one, what port for smtp', /\b465\b/],
    ['nah nevermind that whats the port for imap', /\b993\b/],
    ['no way, just give me the outgoing server', /mail\.btinternet\.com/],
  ])('%s', async (text, answer) => {
    expectDeclineAnswered(text);
    await expectReply([[...OFFER, text], answer, HANDOVER], NOT_SURE);
  });
});

const ON = /^On — turn it on|^On — tick it/m;
const TURN_ON = /^On — turn it on/m;
const OFF = /^Off — leave it (off|unticked)/m;
const TURN_OFF = /^Off — (leave it off|turn it off)/m;

describe('"what do I do with" a box or switch: the option that is right first', () => {
  it.each<ReplyCase>([
    [["My Samsung Email has a switch 'Require authentication' under outgoing. What do I do with it?"], TURN_ON],
    [['theres a toggle for SSL, on or what'], TURN_ON],
    [['what should i do with the SPA checkbox'], OFF],
    [["there's a 'use secure connection' slider, what do i set"], TURN_ON],
    [["outlook has 'my outgoing server requires authentication', what do i do with that"], ON],
    [['what do i do with the ssl box for imap'], ON],
    [['theres a switch for secure password authentication what do i do with it'], TURN_OFF],
    [['wat do i do wiv the smtp authentication tickbox'], ON],
    [['thunderbird has a checkbox "use SSL" what should i do with it'], ON],
    [['the outgoing server requires authentication toggle, what am i supposed to do with that'], TURN_ON],
    [['SPA toggle - what do i set it to'], TURN_OFF],
    [['in mail settings there is slider for SSL what I must do with it'], TURN_ON],
    [['what position for the SSL switch'], TURN_ON],
    [['im looking at a switch called use ssl/tls what should it be'], TURN_ON],
    [['theres a tickbox for authentication under outgoing do i need to do anything with it'], ON],
    [['how should i set the spa switch'], TURN_OFF],
    // After an answer about the box: what to do with it, and a switch named then.
    [['should i tick secure password authentication', 'so what do i do with it then'], OFF],
    [['do i need smtp authentication', 'its a toggle on my phone, on or off'], TURN_ON],
    [['why ssl', 'ok whats that slider for it meant to be then, on or off'], TURN_ON],
  ])('%j', async (...row: ReplyCase) => {
    await expectReply(row, NOT_SURE);
  });
});

describe('a yes or no about a box called a switch, toggle or slider: turn it on, keep it on', () => {
  it.each<ReplyCase>([
    [['should the require authentication toggle be on'], /^Yes — turn it on\./m],
    [['can i turn the authentication toggle off'], /^No — keep it on: it is required\./m],
    [['can i switch the require authentication slider off'], /^No — keep it on: it is required\./m],
    [['the authentication toggle is off is that ok'], /^No — keep it on/m],
    [['do i need to tick my server requires authentication'], /^Yes — tick it\./m],
  ])('%j', async (...row: ReplyCase) => {
    await expectReply(row, NOT_SURE);
  });
});
