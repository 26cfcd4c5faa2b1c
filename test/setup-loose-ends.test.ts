/**
 * Issue 15 (setup help), loose ends, through the whole bot: Apple's settings file asked for in the middle of the
 * first set-up (its card for Mail on an iPhone, iPad or Mac through the real server, and the walkthrough kept
 * where it was; for any other program, what the file is for, and on with the steps); the program named as the
 * app beside a device ("gmail app on my samsung"); a first set-up told as a story on a new device (the set-up,
 * never the switch from POP unless a move is said); and "next" just after the switch ended (said so, offered again).
 */
import type { Activity } from 'botbuilder';
import { parse, type PlistObject } from 'plist';
import { BUTTONS, SAY } from '../dialogs/texts';
import { last } from './helpers/talk';
import { offerServer } from './helpers/offer-server';

const { answerer, provider, newChat } = offerServer();

/** The replies to the last of several messages, from the bot as the server builds it (its offers link to the server above). */
async function lastReplies(messages: string[]): Promise<Partial<Activity>[]> {
  const say = newChat();
  let replies: Partial<Activity>[] = [];
  for (const m of messages) replies = await say(m);
  return replies;
}

interface Card {
  actions: { type: string; url: string }[];
}

const profileCards = (replies: Partial<Activity>[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .map((a) => a.content as Card)
    .filter((c) => c.actions?.some((a) => a.type === 'Action.OpenUrl' && a.url.includes('/setup/profile/')));
const allText = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');

/** The card's link downloads a settings file for BT's servers. */
async function expectDownload(card: Card): Promise<void> {
  const res = await fetch(card.actions[0]!.url);
  expect(res.status).toBe(200);
  const mail = (parse(await res.text()) as { PayloadContent: PlistObject[] }).PayloadContent[0]!;
  expect(mail.IncomingMailServerHostName).toBe(provider.servers.imap.host);
}

/** The file asked for mid-way, in customers' words. */
const FILE_ASKS = [
  'can you just send me the file instead',
  'is there a profile I can install?',
  'can i just download a settings file',
  'is there a mobileconfig for this',
  'actually can you send me the configuration profile',
  'rather than all these steps, is there a file I can install?',
  'cant I just get the settings file',
  'send me the setup file please',
  'one tap setup instead?',
  'could you email me the file to set it up',
  'give me the file instead',
  'can I have the profile instead',
  'isnt there a profile for this',
];

describe('the settings file asked for in the middle of the first set-up', () => {
  const apple: [string, RegExp][] = [
    ['iPhone or iPad', /Step 2 of 5: The incoming mail server/],
    ['Apple Mail', /Step 2 of 4/],
  ];
  it.each(FILE_ASKS.flatMap((ask, i) => [[apple[i % 2]![0], apple[i % 2]![1], ask] as const]))(
    '%s, at step 2: "%s" shows the card, and the walkthrough stays at step 2',
    async (program, step, ask) => {
      const replies = await lastReplies(['set up my email for the first time', program, 'next', ask]);
      const cards = profileCards(replies);
      expect(cards).toHaveLength(1);
      await expectDownload(cards[0]!);
      const text = allText(replies);
      expect(text).toContain(SAY.fileMidWay);
      expect(text).toMatch(step);
      expect(text).not.toMatch(/not sure|Step 1 of|Step 3 of|no walkthrough/);
    },
  );

  const others: [string[], string, RegExp][] = [
    [['Thunderbird', 'next'], 'Thunderbird', /Step 2 of 3/],
    [['Something else', 'next'], SAY.anyProgram, /Step 2 of 5/],
    [['Outlook', 'new Outlook for Windows'], 'new Outlook for Windows', /Step 1 of 2/],
    [['Outlook'], 'Outlook', /Which Outlook do you have/],
    [['Samsung Email', 'next'], 'Samsung Email', /Step 2 of 5/],
    [['Windows Mail'], 'Windows Mail', /Step 1 of/],
  ];
  it.each(FILE_ASKS.map((ask, i) => [others[i % others.length]!, ask] as const))(
    '%j: "%s" says the file is for Apple\'s Mail only, no card, and carries on where it was',
    async ([steps, label, where], ask) => {
      const replies = await lastReplies(['set up my email for the first time', ...steps, ask]);
      expect(profileCards(replies)).toHaveLength(0);
      const text = allText(replies);
      expect(text).toMatch(/sets up Mail on an iPhone, iPad or Mac/);
      expect(text).toContain(SAY.fileNotForMidWay(label));
      expect(text).toMatch(where);
      expect(text).not.toMatch(/not sure|didn't quite follow/);
    },
  );

  it.each([
    ['Outlook', 'classic Outlook for Windows', 'is there a profile for my iphone?'],
    ['Thunderbird', 'next', 'can I get the settings file for my ipad'],
  ])('setting up %s, the file asked for the iPhone: its card, and the walkthrough kept', async (program, then, ask) => {
    const replies = await lastReplies(['set up my email for the first time', program, then, ask]);
    expect(profileCards(replies)).toHaveLength(1);
    expect(allText(replies)).toMatch(/Step \d of \d/);
  });

  it('the card is shown once, not twice, when iPhone or iPad is chosen at the start', async () => {
    const replies = await lastReplies(['set up my email for the first time', 'iPhone or iPad']);
    expect(profileCards(replies)).toHaveLength(1);
    expect(allText(replies)).toMatch(/Step 1 of 5/);
  });
});

describe('two programs named, one the app and the other the device: the app is the program', () => {
  it.each([
    ['first time setting up the gmail app on my samsung', 'the Gmail app on Android'],
    ['set up my bt email in the gmail app on my samsung', 'the Gmail app on Android'],
    ['first time setting up the gmail app on my galaxy, what do i do', 'the Gmail app on Android'],
    ['how do i add my btinternet email to the gmail app on my samsung phone', 'the Gmail app on Android'],
    ['outlook app on my iphone, setting it up for the first time', 'Outlook'],
    ['setting up the outlook app on my samsung tablet', 'Outlook'],
    ['thunderbird on my mac, first time setup', 'Thunderbird'],
    ['set up thunderbird on my macbook for bt email', 'Thunderbird'],
    ['samsung email on my galaxy tablet, how do i set up my bt email', 'Samsung Email'],
    ['put my bt email in the samsung email app on my galaxy', 'Samsung Email'],
    ['i want to set up the outlook app on my ipad', 'Outlook'],
    ['adding my bt email to thunderbird on my windows pc', 'Thunderbird'],
  ])('%s → %s', async (message, program) => {
    const out = await last([message]);
    expect(out).toContain(program);
    expect(out).not.toMatch(/not sure|Switch from POP/);
  });

  it.each([
    ['gmail app on my samsung', 'Gmail app on Android'],
    ['outlook app on my iphone', 'Outlook'],
    ['thunderbird on my mac', 'Thunderbird'],
    ['samsung email on my galaxy tablet', 'Samsung Email'],
    ['the gmail app on my galaxy phone', 'Gmail app on Android'],
    ['outlook on my samsung', 'Outlook'],
    ['samsung mail app on my galaxy', 'Samsung Email'],
    ['mac mail app on my macbook', 'Apple Mail'],
    ['windows mail app on my pc', 'Windows Mail'],
    ['thunderbird on my windows laptop', 'Thunderbird'],
    ['my iphone', 'iPhone or iPad'],
    ['my samsung', 'Samsung Email'],
  ])('slot: %s → %s', (message, program) => {
    expect(answerer.ask(message).result.slots.program).toBe(program);
  });
});

describe('a first set-up told as a story, on a new or second device, is the first set-up', () => {
  const SETUP = /Let's add your BT Email account/;
  it.each([
    'my grandson gave me his old ipad and i want my email on it',
    'just bought a new laptop and want my bt mail on it as well as my phone',
    'my daughter got me a new iphone and i need my emails on it',
    'got a second hand macbook off my son, how do i get my btinternet email on it',
    'ive got a new tablet and want my email on that too',
    'bought a new pc last week and need my bt email on it, its already on my phone',
    'my wife gave me her old laptop and i want my bt emails on it',
    'new phone arrived today, i want my btinternet mail on it as well as on the computer',
    'got another ipad and want my email on it and my phone',
    'we have a new computer and want the email on it as well as the laptop',
    'i have a new samsung tablet and i want my bt email on it',
    'just got a replacement laptop, how do i put my email on it',
  ])('%s', async (message) => {
    const out = await last([message]);
    expect(out).toMatch(SETUP);
    expect(out).not.toMatch(/Switch from POP|No mail program converts|not sure/);
  });

  it.each([
    'i want to move from pop on my old laptop to imap on my new one',
    'switching from pop, new laptop, want my email on it',
  ])('a move from POP said is still the switch: %s', async (message) => {
    expect(await last([message])).toMatch(/No mail program converts a POP account to IMAP in place/);
  });
});

describe('"next", "back" or "step 2" just after the switch from POP ended: said so, and offered again', () => {
  const toEnd = ['switch pop to imap', 'Outlook', 'next', 'next', 'next', 'next', 'next'];
  const AGAIN = BUTTONS.switchAgain('Outlook');
  it.each([
    [[...toEnd, 'next'], 'finished'],
    [[...toEnd, 'back'], 'finished'],
    [[...toEnd, 'step 2'], 'finished'],
    [[...toEnd, 'next', 'next'], 'finished'],
    [[...toEnd, 'go back'], 'finished'],
    [[...toEnd, 'step 1'], 'finished'],
    [['switch pop to imap', 'Outlook', 'cancel', 'next'], 'stopped'],
    [['switch pop to imap', 'Outlook', 'cancel', 'back'], 'stopped'],
    [['switch pop to imap', 'Outlook', 'next', 'stop', 'step 3'], 'stopped'],
    [['switch pop to imap', 'Outlook', 'cancel', 'next', 'next'], 'stopped'],
    [['switch pop to imap', 'Outlook', 'next', 'cancel', 'previous step'], 'stopped'],
    [['switch pop to imap', 'Outlook', 'cancel', 'step 2'], 'stopped'],
  ] as const)('%j', async (messages, how) => {
    const out = await last([...messages]);
    expect(out).toContain(SAY.switchEnded(how));
    expect(out).toContain(`[${AGAIN.title}]`);
    expect(out).not.toMatch(/Step \d of 6/);
  });

  it('the button goes through it again from step 1, in the same program', async () => {
    const out = await last([...toEnd, 'next', AGAIN.value]);
    expect(out).toMatch(/Step 1 of 6[\s\S]*Outlook/);
  });

  it('with no switch just ended, "next" still offers the switch as before', async () => {
    expect(await last(['next'])).toMatch(/no walkthrough under way[\s\S]*Next, Back and step numbers belong/);
  });
});
