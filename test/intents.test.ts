import { detectIntent, detectNavigation, detectStepNumber, detectYesNo } from '../knowledge/intents';

describe('conversation intents', () => {
  it.each([
    ['can I get a real human please', 'human'],
    ['connect me with support staff', 'human'],
    ['I give up, let me talk to an actual advisor', 'human'],
    ['forget it, I need someone from BT to sort this out', 'human'],
    ['Talk to a person', 'human'],
    ['agent', 'human'],
    ['None of this is working. Is there someone I can ring?', 'human'],
    ['This is hopeless. Is there a proper person I can talk to?', 'human'],
    ['speek to advisor pls', 'human'],
    ["what's the phone number for support", 'human'],
    ['Is there a number I can ring?', 'human'],
    ['I want to make a complaint', 'human'],
    ['am I talking to a real person or a robot?', 'identity'],
    ['I AM 82 AND THIS IS BEYOND ME. PLEASE CAN SOMEBODY FROM BT HELP ME PROPERLY', 'human'],
    ["that didn't work. human please", 'human'],
    ['actually cancel that', 'cancel'],
    ['thank u so much luv x', 'thanks'],
    ['thanks, and for pop?', undefined],
    ['are you a bot', 'identity'],
    ['who are you?', 'identity'],
    ['what are you', 'identity'],
    ['who am I talking to', 'identity'],
    ["what's your name", 'identity'],
    ['are you there?', 'greeting'],
    ["you're brilliant", 'thanks'],
    ['lol', 'acknowledge'],
    ["no that's it", 'goodbye'],
    ["I'm good thanks", 'goodbye'],
    ['what can you help me with?', 'help'],
    ['can I speak to someone', 'human'],
    ['cancel', 'cancel'],
    ['start over', 'cancel'],
    ['help', 'help'],
    ['what can you do?', 'help'],
    ['hey there', 'greeting'],
    ['Good morning!', 'greeting'],
    ["cheers, that's sorted it", 'thanks'],
    ['thank you', 'thanks'],
    ['bye', 'goodbye'],
    ['how are you?', 'how-are-you'],
    ['ok', 'acknowledge'],
    ['cool', 'acknowledge'],
    ['sorry, say that again?', 'repeat'],
    ["Please pass me to a member of staff, I'm not comfortable with a bot", 'human'],
    ['morning! you alright?', 'how-are-you'],
    ['can you repeat that', 'repeat'],
    ['Yes, that helped', 'feedback-yes'],
    ["No, that didn't help", 'feedback-no'],
    ['someone told me pop uses 110, is that right for bt?', undefined],
    ['help me migrate from pop to imap', undefined],
    ['what port for smtp', undefined],
    ['thanks, and what is the imap port?', undefined],
    ['stop using port 25?', undefined],
    ['', undefined],
  ])('%j → %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });
});

describe('yes or no', () => {
  it.each([
    ['yes', 'yes'],
    ['Yes, fixed', 'yes'],
    ['that worked', 'yes'],
    ['no', 'no'],
    ['nope still failing', 'no'],
    ["it didn't", 'no'],
    ['what port is it', undefined],
    ['it worked thanks!', 'yes'],
    ['brilliant, all sending now', 'yes'],
    ['I think that fixed it', 'yes'],
    ['sort of, it sent one then failed again', 'no'],
    ['hmm, still the same error', 'no'],
    ['no thanks', 'no'],
    ['what is spa', undefined],
    ['why does it fail on port 465?', undefined],
    ['what port should it be, it still fails', undefined],
  ])('%j → %s', (text, answer) => {
    expect(detectYesNo(text)).toBe(answer);
  });
});

describe('walkthrough navigation', () => {
  it.each([
    ['next', 'next'],
    ['Next', 'next'],
    ['ok', 'next'],
    ['done that, what next', 'next'],
    ['right, carry on', 'next'],
    ['go on then', 'next'],
    ['back', 'back'],
    ['go back', 'back'],
    ['stop', 'stop'],
    ['cancel', 'stop'],
    ['incoming server name and port please', undefined],
    ['what encryption setting', undefined],
    ['ok so what is the username for this and does the port matter at all', undefined],
  ])('%j → %s', (text, nav) => {
    expect(detectNavigation(text)).toBe(nav);
  });
});

describe('step numbers', () => {
  it.each<[string, number | undefined]>([
    ["what's step 3 again", 3],
    ['go back to step 2', 2],
    ['Step 1', 1],
    ['step 3 of 6', undefined],
    ['next step', undefined],
  ])('%j → %j', (text, step) => {
    expect(detectStepNumber(text)).toBe(step);
  });
});
