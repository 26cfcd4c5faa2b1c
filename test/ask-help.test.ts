/**
 * Issue 13 (smalltalk): help asked for, or a question announced, with nothing named yet ("can
 * you help me", "I have a quick question"): an invitation to ask, never "not sure" or a guess;
 * mid-walkthrough the walkthrough waits.
 */
import { last } from './helpers/talk';
import { detectIntent } from '../knowledge/intents';

const INVITE = /What would you like to know\?/;
const NOT_SURE = /not sure about that/;
const WALKTHROUGH = /new IMAP account|Step \d/;

describe('asking for help with nothing named yet is invited to ask', () => {
  it.each([
    'can you help me',
    'Could you help me please?',
    'can u help me out pls',
    'I have a question',
    'ive got a quick question',
    'we have a couple of questions',
    'quick one',
    'Quick question!',
    'i need some help with my email',
    'I need help with my btinternet email please',
    'need help',
    'Hello, I have a question.',
    'hi there i wonder if you can help me please',
    'Good morning, I was wondering if you could help me',
    'morning, quick question if thats ok',
    'hiya hope youre well, quick one',
    'hello i hope you can help me',
    'can I ask you something',
    'is there anyone who can help',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(INVITE);
    expect(reply).not.toMatch(NOT_SURE);
    expect(reply).not.toMatch(WALKTHROUGH);
  });
});

describe('a question named with it is answered, not invited', () => {
  it.each([
    ['can you help me with the smtp port', /port 465/],
    ['i need help with my email, outlook wont send', /outgoing \(SMTP\) settings/],
    ['quick question: what is the imap server', /mail\.btinternet\.com/],
    ['I have a question about error 530', /530/],
  ])('%s', async (message, expected) => {
    const reply = await last([message]);
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(INVITE);
  });

  it.each(['help', 'menu', 'what can you do'])('the menu words stay help: %s', (message) => {
    expect(detectIntent(message)).toBe('help');
  });
});

describe('mid-walkthrough, announcing a question keeps the walkthrough', () => {
  it.each(['i have a question', 'can you help me', 'quick question'])('%s', async (message) => {
    const reply = await last(['switch my account from pop to imap', message]);
    expect(reply).toMatch(/go ahead and ask.*'next'/);
    const after = await last(['switch my account from pop to imap', message, 'next']);
    expect(after).toMatch(/Step 2/);
  });
});
