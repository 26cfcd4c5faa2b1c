/** Issue 13: an elliptical follow-up to a yes/no question is answered yes or no too; saying you'll carry on yourself declines a person, never says goodbye. */
import { harness } from './helpers/handover-runtime';
import { last } from './helpers/talk';

type Row = [string[], RegExp, RegExp?];

async function check(...[messages, expected, forbidden]: Row): Promise<void> {
  const out = await last(messages);
  expect(out).toMatch(expected);
  if (forbidden) expect(out).not.toMatch(forbidden);
}

describe('an elliptical follow-up keeps a yes/no question yes/no', () => {
  it.each<Row>([
    [['do I need SSL for incoming?', 'and outgoing'], /^Yes\b[\s\S]*465/],
    [['do i need ssl for incoming', 'what about sending?'], /^Yes\b[\s\S]*465/],
    [['does imap need ssl', 'and for smtp?'], /^Yes\b[\s\S]*465/],
    [['does pop need ssl?', 'same for smtp?'], /^Yes\b[\s\S]*465/],
    [['is ssl required for imap', 'what about outgoing'], /^Yes\b[\s\S]*465/],
    [['do i need ssl for outgoing', 'and incoming?'], /^Yes\b[\s\S]*993/],
    [['do i need ssl for smtp', 'same for pop?'], /^Yes\b[\s\S]*995/],
    [['do i need ssl for smtp', 'and imap'], /^Yes\b[\s\S]*993/],
    [['is port 993 correct for imap', 'and for pop?'], /^No\b[\s\S]*995/],
    [['do i have to use ssl on incoming mail', 'wot about sending'], /^Yes\b[\s\S]*465/],
    [['does the incoming server need ssl', 'and the outgoing one?'], /^Yes\b[\s\S]*465/],
    [['must i use ssl for pop3', 'n smtp?'], /^Yes\b[\s\S]*465/],
  ])('%j', check);
});

describe('an elliptical follow-up to a question that was not yes/no gets no verdict', () => {
  it.each<Row>([
    [['what encryption for imap', 'and outgoing'], /465/, /^(Yes|No)\b/],
    [['whats the imap port', 'and smtp?'], /465/, /^(Yes|No)\b/],
    [['do i need ssl for incoming', 'whats the smtp server', 'and imap'], /imap\.btinternet\.com|993/i, /^(Yes|No)\b/],
    [['which ssl setting for incoming', 'what about sending?'], /465/, /^(Yes|No)\b/],
  ])('%j', check);
});

const KEPT = /still here if you need help|keep going here/;
const GOODBYE = /Goodbye/;

describe("declining a person by saying you'll carry on yourself keeps the door open", () => {
  const OFFER = 'are you a bot';
  it.each([
    'no thanks ill keep trying myself',
    'nah ill figure it out',
    "its ok i'll manage",
    "no i'll have another go first",
    "not now, i'll try again later",
    'no thank you i will keep trying',
    'nope ill sort it myself',
    'no thanks ill work it out',
    "no ta, I'll give it another go",
    'nah its fine ill try again',
    'no thank you, i will try myself first',
    'no thanks i can manage',
    "no thanks, I'll figure it out on my own",
  ])('%s', async (reply) => {
    const out = await last([OFFER, reply]);
    expect(out).toMatch(KEPT);
    expect(out).not.toMatch(GOODBYE);
  });
});

const CARRY_ON = [
  'no thanks ill keep trying myself',
  'nah ill figure it out',
  "its ok i'll manage",
  "no i'll have another go first",
  "not now, i'll try again later",
  'No thank you. I will try again myself tomorrow',
  'nah m8 ill suss it out',
  'no ill have a go first',
];

describe('with a live handover, carrying on alone declines the person offered', () => {
  it.each(CARRY_ON)('connect offer: %s', async (reply) => {
    const h = harness();
    await h.say('this bot is useless get me someone');
    const out = (await h.say(reply)).join(' ');
    expect(out).toMatch(KEPT);
    expect(out).not.toMatch(GOODBYE);
  });

  it.each(CARRY_ON)('message offer: %s', async (reply) => {
    const h = harness({ config: { handoffTarget: 'contact', handoffFallbackTarget: 'contact' } });
    await h.say('a real human pls m8');
    const out = (await h.say(reply)).join(' ');
    expect(out).toMatch(KEPT);
    expect(out).not.toMatch(GOODBYE);
  });
});

describe('carrying on alone after an answer or "was this helpful" is no goodbye either', () => {
  it.each<Row>([
    [['whats the smtp port', 'no thanks ill keep trying myself'], KEPT, GOODBYE],
    [['my outlook wont send', 'no', 'nah ill figure it out'], KEPT, GOODBYE],
    [['whats the imap server', 'ok ill try again later'], KEPT, GOODBYE],
    [['i want to talk to a person', 'no thank you i will keep trying'], KEPT, GOODBYE],
  ])('%j', check);
});

describe('a real goodbye is still a goodbye', () => {
  it.each([
    [['whats the smtp port', 'no thanks bye']],
    [['whats the smtp port', 'thats all thanks goodbye']],
    [['whats the smtp port', 'bye']],
    [['whats the smtp port', 'no thanks thats everything']],
    [['whats the smtp port', 'cheerio']],
  ])('%j', async (messages) => {
    expect(await last(messages)).toMatch(/Goodbye|welcome/);
  });
});
