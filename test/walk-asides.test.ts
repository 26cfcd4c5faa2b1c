/**
 * Issue 13 (walk asides), in general: inside a walkthrough (the POP → IMAP switch, the first set-up),
 * questions about the customer's other devices are answered from the knowledge and the step kept;
 * small talk ("thanks", "hang on", "are you still there") gets a short acknowledgement and the step
 * kept, never "I didn't quite follow". Phrasings written for this file in many voices.
 */
import { last } from './helpers/talk';

const NOT_FOLLOW = /didn't quite follow/;
const NOT_SURE = /not sure about that one/;
const LOCAL_MAIL = /kept only on this computer \(downloaded by POP/;
const SWITCH_STEP2 = ['switch my outlook from pop to imap', 'it says pop3'];
const SETUP_STEP1 = ['setting up thunderbird for my btopenworld address'];
const DEVICES_ANSWER = /every device that used POP/;

const devices = [
  'do I have to do this on every laptop?',
  'what about my phone, same again?',
  'do i need to do it on the ipad too',
  "my wife's pc uses the same account, does that need changing",
  'will my iphone still work or do i redo it there',
  'i also have it on my tablet do i need to change that as well',
  'do i repeat all this on the other computer',
  'and my mobile? same thing?',
  'wat about my samsung phone do i do it there 2',
  'we have 3 computers in the house using this email do they all need doing',
  'Does this have to be done on each device separately?',
  'the laptop upstairs has the same email on it, what do I do with that one',
  'my android is also set up with pop, does it need switching too',
  'is this just for this pc or do i do my laptop aswell',
  'my daughter reads the same email on her ipad does she need to do anything',
  'Should the procedure be repeated for the mobile device?',
  'and the work laptop?? same steps??',
  'do the same on my macbook?',
  'what do i do about the old desktop in the spare room',
];

const smallTalk = [
  'thank you',
  "thanks, that's done",
  'ok cheers',
  'great',
  'hang on a sec',
  'brb',
  'hello?',
  'are you still there',
  'thanks very much',
  'ta',
  'one moment please',
  'give me a minute',
  'lovely thank you dear',
  'ok thanks',
  'still here?',
  'perfect',
  'ty',
  'thx',
  'cheers mate',
  'nice one',
  'ok ta',
  'sorry had to answer the door',
  'im back',
  'wait a moment pls',
  'u there',
];

describe('other devices mid-walkthrough: the knowledge answers, the step is kept', () => {
  it.each(devices)('switch, step 2: %p', async (input) => {
    const out = await last([...SWITCH_STEP2, input]);
    expect(out).toMatch(DEVICES_ANSWER);
    expect(out).toMatch(/Step 2 of 6/);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(NOT_FOLLOW);
    expect(out).not.toMatch(LOCAL_MAIL);
  });

  it.each(devices)('outside a walkthrough: %p', async (input) => {
    const out = await last(['how do i move from pop to imap', 'cancel', input]);
    expect(out).toMatch(DEVICES_ANSWER);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(LOCAL_MAIL);
  });
});

describe('small talk mid-walkthrough: a short acknowledgement, the step kept', () => {
  it.each(smallTalk)('switch, step 2: %p', async (input) => {
    const out = await last([...SWITCH_STEP2, input]);
    expect(out).toMatch(/Step 2 of 6/);
    expect(out).not.toMatch(NOT_FOLLOW);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(/Step 3 of 6/);
  });

  it.each(smallTalk)('first set-up, step 1: %p', async (input) => {
    const out = await last([...SETUP_STEP1, input]);
    expect(out).toMatch(/Step 1 of/);
    expect(out).not.toMatch(NOT_FOLLOW);
    expect(out).not.toMatch(NOT_SURE);
  });

  it.each(['thank you', 'thanks very much', 'cheers', 'ta very much'])(
    'thanks: "You\'re welcome" %p',
    async (input) => {
      const out = await last([...SWITCH_STEP2, input]);
      expect(out).toMatch(/You're welcome/);
      expect(out).toMatch(/Next/);
    },
  );

  it.each(['thanks, all done', 'all done thank you', 'done, thanks a lot'])(
    'on the last step, %p finishes politely',
    async (input) => {
      const out = await last([...SWITCH_STEP2, 'next', 'next', 'next', 'next', input]);
      expect(out).toMatch(/That's it: your BT Email now uses IMAP/);
      expect(out).not.toMatch(NOT_FOLLOW);
    },
  );

  it.each(['thanks bye', 'cheers, bye for now', 'thank you goodbye'])('%p ends politely', async (input) => {
    const out = await last([...SWITCH_STEP2, input]);
    expect(out).toMatch(/Goodbye|stop/i);
    expect(out).not.toMatch(NOT_FOLLOW);
    expect(out).not.toMatch(/Step 2 of 6/);
  });
});

describe('the error explainer: small talk at "Did that fix it?" keeps the question', () => {
  const ERROR = ['error 530 when sending', 'Outlook'];
  it.each(['hang on a sec', 'brb', 'one moment please', 'are you still there', 'hello?', 'bear with me'])(
    'pause: %p',
    async (input) => {
      const out = await last([...ERROR, input]);
      expect(out).toMatch(/still here[\s\S]*Did that fix it\?/);
      expect(out).not.toMatch(/Please answer yes or no/);
    },
  );

  it.each(['thank you', 'cheers', 'ta very much', 'lovely, thanks'])('thanks: %p', async (input) => {
    const out = await last([...ERROR, input]);
    // Thanks there is taken as "it works" (a yes), else a "You're welcome" and the question again.
    expect(out).toMatch(/glad it's working|You're welcome[\s\S]*Did that fix it\?/);
    expect(out).not.toMatch(/Please answer yes or no/);
  });
});

describe('other devices in the first set-up walkthrough: answered, the step kept', () => {
  it.each([
    'do i have to do this on every laptop?',
    'what about my phone, same again?',
    'my husbands ipad has the same email, does that need changing',
    'do i need to do it on the ipad too',
  ])('%p', async (input) => {
    const out = await last([...SETUP_STEP1, input]);
    expect(out).toMatch(/Each program or device that uses your BT account as POP/);
    expect(out).toMatch(/Step 1 of/);
    expect(out).not.toMatch(NOT_FOLLOW);
  });
});

describe('a symptom on another device is still the symptom, not the other-devices answer', () => {
  it.each([
    'my phone cant send emails either, same thing',
    'my emails arent the same on my phone and my computer',
    'my iphone wont receive, same again after a restart',
  ])('%p', async (input) => {
    const out = await last([input]);
    expect(out).not.toMatch(/Each program or device that uses your BT account as POP/);
  });
});
