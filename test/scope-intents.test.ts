import { detectIntent } from '../knowledge/intents';
import { SAY } from '../dialogs/texts';

describe('asking whether the bot is a person: an honest answer, any phrasing', () => {
  it.each([
    'r u a bot or a real person',
    'is this an actual human',
    'you a bot?',
    'am i chatting to a machine or what',
    'is this automated',
    'are you a real person or a computer?',
    'wait, is this a chatbot',
    'u human?',
  ])('%s is the identity question', (text) => {
    expect(detectIntent(text)).toBe('identity');
  });

  it.each(['is this the right port for imap', 'are you open on sundays', 'is the server automated to delete mail'])(
    '%s is not',
    (text) => {
      expect(detectIntent(text)).not.toBe('identity');
    },
  );

  it('the answer says it is automated and how to reach a person, never "Of course"', () => {
    expect(SAY.identity).toMatch(/automated/);
    expect(SAY.identity).toMatch(/person|support team/);
    expect(SAY.identity).not.toMatch(/of course/i);
  });
});

describe('escalation wording reaches a person', () => {
  it.each([
    'this is useless',
    'you are useless',
    'i want to speak to someone senior',
    'can i have your supervisor',
    'escalate this please',
    'this is a waste of time',
    'let me talk to your manager',
    'ur rubbish, get me someone who knows',
  ])('%s asks for a person', (text) => {
    expect(detectIntent(text)).toBe('human');
  });

  it.each(['what is the smtp port', 'my manager wants the imap settings', 'is port 25 useless now'])(
    '%s does not',
    (text) => {
      expect(detectIntent(text)).not.toBe('human');
    },
  );
});

describe('pleasantries and casual goodbyes', () => {
  it.each([
    ['hello there hope you are well, how are you doing today', 'how-are-you'],
    ['hi there good morning hope youre having a nice day', 'greeting'],
    ['hiya, hope all is well with you', 'greeting'],
    ['good afternoon, lovely to meet you', 'greeting'],
    ['nvm thats all cheers bye', 'goodbye'],
    ['ok thats everything thanks, ta ra', 'goodbye'],
    ['right im off now, bye', 'goodbye'],
    ['never mind, thats all for today. goodbye!', 'goodbye'],
    ['thanks for your help, bye for now', 'goodbye'],
  ])('%s is %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each([
    'hi there, whats the smtp port',
    'good morning, my emails wont send',
    'hello, is that all the settings i need for imap?',
  ])('%s is a question, not small talk', (text) => {
    expect(detectIntent(text)).toBeUndefined();
  });
});
