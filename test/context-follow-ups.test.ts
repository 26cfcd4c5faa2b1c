/**
 * Issue 13 (context): follow-ups and replies read from the conversation — fragments that lean on the
 * last answer, the other side's server with its port and encryption, a question after thanks or
 * after a "no", a new problem answering "Did that fix it?", success, "y tho", out-of-scope
 * follow-ups and a stated value confirmed with the rest of its side.
 */
import { last } from './helpers/talk';
import { questionAfterLeadIn } from '../knowledge/intents';
import { decide } from '../handover/machine';
import { HANDOVER_TEXT } from '../handover/messages';
import { at, customer, offered, SETTINGS } from './helpers/handover-fixtures';

const NOT_SURE = /not sure about that/;
const DID_YOU_MEAN = /Did you mean/;
const YES_OR_NO = /Please answer yes or no/;
const SMTP_SETUP = /outgoing \(SMTP\) server is mail\.btinternet\.com[\s\S]*465[\s\S]*SSL/;
const USERNAME = /full email address/;
const GLAD = /glad/;

type Case = [string[], RegExp, RegExp?];

async function expectReply([messages, expected, forbidden]: Case): Promise<void> {
  const out = await last(messages);
  expect(out).toMatch(expected);
  expect(out).not.toMatch(NOT_SURE);
  if (forbidden) expect(out).not.toMatch(forbidden);
}

describe('1. a fragment naming only a setting or a side takes the rest from the last answer', () => {
  it.each<Case>([
    [['smtp server pls', 'user??'], USERNAME],
    [['what is the incoming server for imap', 'and user name'], USERNAME],
    [['whats the outgoing server', 'users?'], USERNAME],
    [['pop server', 'number?'], /\b995\b/, /\b993\b|\b465\b/],
    [['outgoing mail server name', 'which number do i put with it'], /\b465\b/, /\b99[35]\b/],
    [['imap server', 'n 4 sending?'], SMTP_SETUP],
    [['smtp port', 'n 4 incoming'], /\b99[35]\b/],
    [['pop3 port', 'and 4 imap'], /\b993\b/, /\b465\b/],
    // After both incoming servers, a bare "the number" is both incoming ports, not the outgoing one.
    [['incoming mail server?', 'what number do i use with it'], /\b993\b[\s\S]*\b995\b/, /\b465\b/],
    [['is imap better than pop', 'ok and the one for outgoing?'], SMTP_SETUP],
    [['imap folders', 'and the draughts one?'], /Drafts/],
    [['imap server', 'pass?'], /BT Email password/],
    [['whats the imap server', 'wot abt sendin'], SMTP_SETUP],
    [['pop3 server', 'an 4 the outgoing?'], SMTP_SETUP],
    [['outgoing server', 'wat about incomin'], /incoming[\s\S]*mail\.btinternet\.com/, /465/],
    [['which encryption for pop3', 'whats the outgoing equivalent'], /SMTP \(port 465\)/, /AdaptiveCard/],
    [['do i need ssl for incoming', 'and the counterpart for sending?'], /\b465\b/, /AdaptiveCard/],
  ])('%j', async (...c) => expectReply(c));

  it.each<Case>([
    // Without an answer before it, "user" and "number" keep their everyday meaning.
    [['im a bt user, whats the smtp port'], /\b465\b/, USERNAME],
    [['what does error number 535 mean'], /535/],
  ])('not a fragment: %j', async (...c) => expectReply(c));
});

describe('2. the other side of a server asked for: its host, port and encryption together', () => {
  it.each<Case>([
    [
      ['incoming server name?', 'what about outgoing'],
      /mail\.btinternet\.com[\s\S]*465[\s\S]*SSL[\s\S]*requires authentication/,
    ],
    [['pop server', 'and for sending mail?'], SMTP_SETUP],
    [['what is the smtp server'], SMTP_SETUP],
    [['whats the server for imap'], /mail\.btinternet\.com[\s\S]*993[\s\S]*SSL/, /\b465\b|\b995\b/],
  ])('%j', async (...c) => expectReply(c));
});

describe('3. a pleasantry and a question in one message: the question is answered', () => {
  it.each<Case>([
    [
      ['smtp port', 'ta! also whats the imap server?'],
      /You're welcome[\s\S]*incoming \(IMAP\) server/,
      /glad I could help/,
    ],
    [['imap port', 'Brilliant, thanks. Do I need the username as well?'], USERNAME],
    [['imap server', 'lovely thank you!! and whats the password bit'], /BT Email password/],
    [['pop port', 'perfect cheers - quick question, is it ssl?'], /SSL/, /glad I could help/],
    [['smtp server', 'Thank you so much. What about the port for receiving?'], /\b99[35]\b/],
  ])('%j', async (...c) => expectReply(c));

  it.each(['thanks!', 'cheers mate', 'thanks, bye'])('only thanks or goodbye: %s', async (text) => {
    expect(await last(['smtp server', text])).toMatch(/welcome|Goodbye/);
  });
});

describe('4. a "no" with a question, and a new problem answering "Did that fix it?"', () => {
  it.each<Case>([
    [['smtp server', 'no thanks, but what port does pop use'], /\b995\b/, /Goodbye/],
    [['whats the smtp port', 'nope. keep going here - what encryption for imap?'], /SSL[\s\S]*993/, /Goodbye/],
  ])('%j', async (...c) => expectReply(c));

  it.each([
    "No, let's keep trying. Which port is IMAP?",
    'nah keep trying here, whats the outgoing server?',
    'No thank you. How do I know if I am on POP?',
  ])('declining the handover offer with a question lets the bot answer: %s', (text) => {
    const decision = decide(offered('confirm'), customer(text), at(1), SETTINGS);
    expect(decision.state.phase).toBe('bot');
    expect(decision.effects.map((e) => e.kind)).toEqual(['say', 'botAnswers']);
  });

  it.each(['no', 'no thanks', 'nope, keep trying here'])('a plain no to the offer: %s', (text) => {
    const decision = decide(offered('confirm'), customer(text), at(1), SETTINGS);
    expect(decision.effects).toContainEqual(expect.objectContaining({ text: HANDOVER_TEXT.keptTrying }));
  });

  it.each<Case>([
    [
      ['error 535', 'Thunderbird', "changed my password and it's still error 535"],
      /full email address[\s\S]*SPA/,
      YES_OR_NO,
    ],
    [['i get 535 when sending', 'Outlook', 'ssl is on and port 465, still no joy'], /full email address/, YES_OR_NO],
    [['error 530', 'iPhone or iPad', 'still getting the same bounce back'], /check a few more things/, YES_OR_NO],
  ])('%j', async (...c) => expectReply(c));
});

describe('5. success after a fix: glad, and anything else', () => {
  it.each<Case>([
    [['smtp port', 'oh that worked, finally!'], GLAD, /\b465\b/],
    [['imap settings', 'all good now cheers'], GLAD, /AdaptiveCard/],
    [['pop3 port', 'working now ta'], GLAD, /\b995\b/],
    [['what is the smtp server', 'sorted it, nice one'], GLAD, /\b465\b/],
    [['smtp port', 'yay its working!!'], GLAD, /\b465\b/],
    [['error 530', 'Outlook', 'yep thats done the trick'], GLAD],
    // Fixed, and a question after it: both are answered.
    [
      ['error 530', 'Thunderbird', "brilliant that's fixed it! whats the imap port while im here?"],
      /glad[\s\S]*\b993\b/,
    ],
    [['i get error 535', 'Outlook', 'all good now, thanks. and the pop server?'], /glad[\s\S]*mail\.btinternet\.com/],
  ])('%j', async (...c) => expectReply(c));
});

describe('6. "y tho" after an answer: its reason', () => {
  it.each<Case>([
    [['would you recommend imap or pop for me', 'how come?'], /syncs/],
    [['which one should i use, imap or pop', 'why tho'], /syncs/],
    [['what port for smtp', 'y is that'], /encrypts/],
    [['smtp authentication', 'but why?'], /identifies where mail comes from/],
    [['which is better imap or pop', 'y?'], /syncs/],
    [['imap server', 'y do i need ssl'], /encrypts/],
  ])('%j', async (...c) => expectReply(c));

  it('a bare "y" still answers "Was this helpful?" with a yes', async () => {
    expect(await last(['imap settings', 'y'])).toMatch(/thanks for letting me know/);
  });
});

describe('7. after an out-of-scope answer, a follow-up about it stays out of scope', () => {
  it.each<Case>([
    [
      ['can i set up email forwarding', 'ok how do i do that on the website then'],
      /can't help with that/,
      DID_YOU_MEAN,
    ],
    [['what are the gmail smtp settings', 'where would i find those then'], /only help with BT Email/, DID_YOU_MEAN],
    [['how do i add a signature', 'is it in the app instead?'], /can't help with that/, DID_YOU_MEAN],
    [['how do i set up forwarding', 'and on my iphone?'], /can't help with that/, /AdaptiveCard/],
  ])('%j', async (...c) => expectReply(c));

  it.each<Case>([[['how do i set up auto reply', 'ok whats the imap server then'], /mail\.btinternet\.com/]])(
    'a settings question after it is answered: %j',
    async (...c) => expectReply(c),
  );
});

describe("8. a value stated in answer to the bot: confirmed, with the rest of that side's settings", () => {
  it.each<Case>([
    [
      ['outgoing server?', "nah i've put mail.btinternet.com for it, same as incoming"],
      /right[\s\S]*465[\s\S]*SSL/,
      /incoming \(IMAP/,
    ],
    [['smtp server?', 'I have mail.btinternet.com in there already'], /right[\s\S]*465[\s\S]*SSL/, /Yes —/],
    [
      ['whats the outgoing server', 'no its identical to the imap server, mail.btinternet.com'],
      /right[\s\S]*465/,
      /incoming \(IMAP/,
    ],
    [
      ['smtp settings', 'no, the outgoing server is the same as the incoming one: mail.btinternet.com'],
      /right[\s\S]*465/,
      /incoming \(IMAP/,
    ],
  ])('%j', async (...c) => expectReply(c));
});

describe('a longer message starting with "back" inside the walkthrough is a question', () => {
  it('is answered, and the step stays', async () => {
    const out = await last(['switch pop to imap', 'Outlook', 'how can i back up my old mail before i do this']);
    expect(out).toMatch(/Back it up first[\s\S]*Step 2 of 6/);
  });

  it.each(['back up all my messages first?', 'backing up the old emails, how?'])(
    '%s does not step back',
    async (text) => {
      const out = await last(['switch pop to imap', 'Outlook', text]);
      expect(out).toMatch(/Step 2 of 6/);
      expect(out).not.toMatch(/Step 1 of 6/);
    },
  );

  it('a short "back" still steps back', async () => {
    expect(await last(['switch pop to imap', 'Outlook', 'Next', 'go back'])).toMatch(/Step 2 of 6/);
  });
});

describe('questionAfterLeadIn', () => {
  it.each<[string, string | undefined]>([
    ['Cheers! what port is pop?', 'what port is pop?'],
    ['ok thanks, and for imap?', 'and for imap?'],
    ['no, the server is the same', 'the server is the same'],
    ['no ssl?', undefined],
    ['thanks a lot mate', undefined],
    ['nope that is all', undefined],
  ])('%s', (text, rest) => {
    expect(questionAfterLeadIn(text)?.rest).toBe(rest);
  });
});
