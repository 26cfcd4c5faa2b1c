/**
 * Issue 15 (setup files): the Apple settings file offered where customers ask for it — the first set-up for
 * iPhone, iPad and Mac Mail, and requests for the file itself — and what Thunderbird and other programs get
 * instead; "Unverified" explained. Through the real bot and the real server: each offer's link downloads the file.
 */
import type { Activity } from 'botbuilder';
import { parse, type PlistObject } from 'plist';
import { loadOfferFile } from '../setup-files';
import { PROGRAM_BUTTONS, SAY } from '../dialogs/texts';
import { cardText, profileCardOf, type ProfileCard } from './helpers/profile-card';
import { offerServer } from './helpers/offer-server';

const { provider, url: serverUrl, newChat } = offerServer();
const { imap, smtp } = provider.servers;
const offerWords = loadOfferFile().offer;

/** The replies to the last of several messages. */
async function lastReplies(messages: string[]): Promise<Partial<Activity>[]> {
  const say = newChat();
  let replies: Partial<Activity>[] = [];
  for (const m of messages) replies = await say(m);
  return replies;
}

const allText = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
const buttonsOf = (reply: Partial<Activity> | undefined) =>
  (reply?.suggestedActions?.actions ?? []).map((a) => ({ title: a.title, value: a.value as string }));

/** The card's link, fetched as Safari would: the settings file itself. */
async function expectDownload(card: ProfileCard): Promise<void> {
  const link = card.actions[0]!.url;
  expect(link.startsWith(`${serverUrl()}/setup/profile/`)).toBe(true);
  const res = await fetch(link);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-apple-aspen-config');
  const mail = (parse(await res.text()) as { PayloadContent: PlistObject[] }).PayloadContent[0]!;
  expect(mail).toMatchObject({ PayloadType: 'com.apple.mail.managed', IncomingMailServerHostName: imap.host });
}

/** The offer as the customer sees it: the card, its sourced words, "Unverified" explained, a working link. */
async function expectOffer(replies: Partial<Activity>[]): Promise<ProfileCard> {
  const card = profileCardOf(replies);
  expect(card).toBeDefined();
  expect(cardText(card!)).toContain(offerWords.unsigned.text.replace(/\s+/g, ' '));
  expect(cardText(card!)).toMatch(/Open it in Safari, then finish in Settings/);
  await expectDownload(card!);
  return card!;
}

describe('the first set-up for iPhone, iPad or Mac Mail offers the file, then the steps', () => {
  it.each([
    ['how do i set up my btinternet email on my iphone'],
    ['new ipad, how do I get my talk21 mail on it'],
    ['add my bt email to mail on my macbook'],
    ['i have just got a new iphone how do i put my email on it'],
    ['my grandson bought me an ipad how do i get my btinternet email on it please'],
    ['how do i get my bt mail on my new iphone'],
    ['first time with mac mail, how do i put my email in'],
    ['setting up my btopenworld email on the ipad for the first time'],
    ['pls help set up email on my iphone 1st time'],
    ['how to add my bt email account on my new macbook'],
    ['i want add my email btinternet to iphone, how i do this'],
    ['adding my bt email account to apple mail for the first time'],
  ])('"%s"', async (text) => {
    const replies = await newChat()(text);
    const card = await expectOffer(replies);
    // The file first, then the walkthrough as before (its buttons stay on its last message).
    const cardAt = replies.findIndex((r) => r.attachments?.some((a) => a.content === card));
    const introAt = replies.findIndex((r) => r.text === SAY.setupIntro);
    expect(replies[cardAt]!.text).toBe(SAY.fileOrSteps);
    expect(introAt).toBeGreaterThan(cardAt);
    expect(buttonsOf(replies.at(-1)).length).toBeGreaterThan(0);
  });

  it.each([
    ['iPhone or iPad', 'the button'],
    ['Apple Mail', 'the button'],
    ['its my ipad', 'typed'],
    ['on my mac', 'typed'],
  ])('the program chosen later, "%s" (%s), gets the file before the steps', async (choice) => {
    const say = newChat();
    const asked = await say('how do i set up my bt email for the first time');
    expect(profileCardOf(asked)).toBeUndefined();
    expect(buttonsOf(asked.at(-1)).map((b) => b.value)).toContain('iPhone or iPad');
    const replies = await say(choice);
    await expectOffer(replies);
    expect(replies[0]!.text).toBe(SAY.fileOrSteps);
  });

  it.each([
    ['first time with outlook, how do i put my email in'],
    ['how do i set up my btinternet email on my samsung tablet'],
    ['setting up thunderbird for the first time'],
    ['add my bt email to the gmail app on android'],
    ['how do i set up my bt email for the first time'],
  ])('"%s" gets no file (not Apple\'s Mail, or no program yet)', async (text) => {
    const replies = await newChat()(text);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).toContain(SAY.setupIntro);
  });

  it.each([['Outlook'], ['Thunderbird'], ['Something else']])(
    'the program chosen later, "%s", gets no file',
    async (choice) => {
      const replies = await lastReplies(['how do i set up my bt email for the first time', choice]);
      expect(profileCardOf(replies)).toBeUndefined();
    },
  );
});

describe('the file asked for, with an Apple program named', () => {
  it.each([
    ['can u send me a file to set up my ipad'],
    ['does BT have a profile I can install on my mac'],
    ['one tap setup for iphone?'],
    ['is there a configuration profile for my iphone'],
    ['can i install a mobileconfig on my ipad for bt email'],
    ['one click setup for my mac'],
    ['u got a setup file 4 my iphone'],
    ['is it possible to have a settings file for the ipad so i not type them in'],
    ['do you have a settings file for my iphone i am not good with typing'],
    ['could you give me a file to set up mail on my imac'],
    ['need a .mobileconfig for btinternet on ios'],
    ['have you got a config profile for apple mail'],
  ])('"%s" gets the file', async (text) => {
    const replies = await newChat()(text);
    await expectOffer(replies);
    expect(allText(replies)).toMatch(/loads settings onto Apple devices/);
  });

  it.each<[string, string[]]>([
    ['an iPhone', ["i've got an iphone", 'is there a mobileconfig for bt email']],
    ['a Mac', ['im on a macbook air', 'can I download the settings instead of typing them']],
    ['an iPad, in a settings answer', ['imap settings for my ipad', 'one tap setup?']],
  ])('%s named earlier in the conversation gets the file', async (_name, messages) => {
    await expectOffer(await lastReplies(messages));
  });

  it('keeps an address given with the token, never in the link, and the file holds it', async () => {
    const replies = await newChat()('can you send me a settings file for my iphone, im jo.bloggs@btinternet.com');
    const card = await expectOffer(replies);
    expect(card.actions[0]!.url).not.toMatch(/bloggs/);
    const res = await fetch(card.actions[0]!.url);
    expect(await res.text()).toContain('jo.bloggs@btinternet.com');
  });
});

describe('the file asked for, with no program named', () => {
  it.each([
    ['is there a mobileconfig for bt email'],
    ['can I download the settings instead of typing them'],
    ['one tap setup?'],
    ['can you send me the settings file'],
    ['is there a configuration profile for bt email'],
    ['do u have a setup file'],
    ['i would like a file that sets up my email please'],
    ['is there a settings file i can install'],
    ['does bt do a configuration profile'],
    ['i want the settings file'],
  ])('"%s" asks which device, with the programs as buttons', async (text) => {
    const replies = await newChat()(text);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(replies.at(-1)!.text).toBe(SAY.fileWhichDevice);
    expect(buttonsOf(replies.at(-1))).toEqual(PROGRAM_BUTTONS);
  });

  it.each([['iPhone or iPad'], ['Apple Mail'], ['my ipad'], ['a mac']])('then "%s" gets the file', async (choice) => {
    await expectOffer(await lastReplies(['is there a mobileconfig for bt email', choice]));
  });

  it.each<[string, RegExp]>([
    ['Outlook', /won't set up Outlook/],
    ['Samsung Email', /won't set up Samsung Email/],
    ['Windows Mail', /won't set up Windows Mail/],
    ['Something else', /won't set up your mail program/],
  ])('then "%s" gets the settings and the first set-up instead', async (choice, words) => {
    const replies = await lastReplies(['is there a settings file i can install', choice]);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).toMatch(words);
    expect(allText(replies)).toContain(`${imap.host}, port ${imap.port}`);
  });

  it('then "Thunderbird" gets what Mozilla says it does itself', async () => {
    const replies = await lastReplies(['is there a settings file i can install', 'Thunderbird']);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).toMatch(/Thunderbird needs no settings file: it finds the settings itself/);
  });
});

describe("Thunderbird: Mozilla's automatic configuration, and the settings", () => {
  it.each([
    ['autoconfig'],
    ['can thunderbird find the settings itself'],
    ['is there a settings file for thunderbird'],
    ['does thunderbird autoconfig work for btinternet'],
    ['thunderbird mobileconfig'],
    ['will thunderbird fill them in itself'],
    ['does thunderbird detect the settings automatically'],
    ['is there an autoconfig xml for bt email'],
    ['can thunderbird do automatic configuration for talk21'],
    ['thunderbird, one click setup file?'],
  ])('"%s"', async (text) => {
    const replies = await newChat()(text);
    expect(profileCardOf(replies)).toBeUndefined();
    const said = allText(replies);
    expect(said).toMatch(/looks up your email provider .* in a database of the major providers' connection details/);
    expect(said).toMatch(/must be connected to the internet/);
    expect(said).toContain(
      `incoming server ${imap.host}, port ${imap.port}; outgoing server ${smtp.host}, port ${smtp.port}`,
    );
    expect(said).toMatch(/Source: Mozilla Support/);
  });

  it('Thunderbird named earlier, then the file asked for', async () => {
    const replies = await lastReplies(['i use thunderbird on my pc', 'is there a settings file i can install']);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).toMatch(/Thunderbird needs no settings file/);
  });
});

describe("other programs: the file is for Apple's Mail only; the settings and the first set-up instead", () => {
  it.each<[string, string]>([
    ['is there a settings file for outlook', 'Outlook'],
    ['can i get a configuration profile for my samsung', 'Samsung Email'],
    ['settings file for windows mail please', 'Windows Mail'],
    ['does the mobileconfig work on android', 'Gmail app on Android'],
    ['setup file 4 outlook?', 'Outlook'],
    ['can i install a profile on my samsung galaxy', 'Samsung Email'],
    ['one tap setup for the gmail app on android', 'Gmail app on Android'],
    ['i want a file to set up outlook on my laptop', 'Outlook'],
    ['is there a mobileconfig for windows mail', 'Windows Mail'],
    ['could you send me a settings file for my android phone', 'Gmail app on Android'],
  ])('"%s" (%s)', async (text, program) => {
    const say = newChat();
    const replies = await say(text);
    expect(profileCardOf(replies)).toBeUndefined();
    const said = allText(replies);
    expect(said).toMatch(/loads settings onto Apple devices/);
    expect(said).toContain(`won't set up ${program}`);
    expect(said).toContain(`incoming server ${imap.host}, port ${imap.port}`);
    const button = buttonsOf(replies.at(-1)).find((b) => b.title === 'Set it up step by step');
    expect(button).toBeDefined();
    // The button starts the first set-up walkthrough for that program, still with no file.
    const next = await say(button!.value);
    expect(allText(next)).toContain(SAY.setupIntro);
    expect(profileCardOf(next)).toBeUndefined();
  });

  it('Outlook named earlier, then the file asked for', async () => {
    const replies = await lastReplies(['i use outlook', 'can I download the settings instead of typing them']);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).toContain("won't set up Outlook");
  });
});

describe('"Unverified" explained from the sources', () => {
  it.each([
    ['it says unverified, is that safe?'],
    ['my iphone says unverified when i install the profile'],
    ['why does it say unverified'],
    ['profile shows unsigned is that ok'],
    ['it say not verified, it is danger?'],
    ['the configuration profile is unsigned, should i worry'],
    ['unverified??'],
    ['ipad says profile unverified in red is that normal'],
    ['what does unverified mean on the mobileconfig'],
    ['the profile says not signed'],
  ])('"%s"', async (text) => {
    const said = allText(await newChat()(text));
    expect(said).toMatch(/"Unverified" \(or "Unsigned"\) on a settings file only means the file is not signed/);
    expect(said).toMatch(/a profile can be signed to validate its origin, but signed profiles are not required/);
    expect(said).toMatch(/no password/);
    expect(said).toMatch(/Source: Apple Support/);
  });

  it('after the offer, "is that safe" about "Unverified" gets the same answer', async () => {
    const replies = await lastReplies(['one tap setup for iphone?', 'it says unverified is that safe']);
    expect(allText(replies)).toMatch(/only means the file is not signed/);
  });
});

describe('not requests for the file: neither the file nor "Unverified" is said', () => {
  it.each([
    ['i cant send a file to my friend'],
    ['can i log in without typing my password every time'],
    ['can i save my password instead of typing it'],
    ['it says not signed in'],
    ['my account is not verified'],
    ['how do i attach a file to an email'],
    ['is it safe to use imap'],
    ['update my profile for my bt account'],
    ['i have a profile picture problem'],
    ['imap settings for outlook'],
  ])('"%s"', async (text) => {
    const replies = await newChat()(text);
    expect(profileCardOf(replies)).toBeUndefined();
    expect(allText(replies)).not.toMatch(/loads settings onto Apple devices|"Unverified" \(or "Unsigned"\)/);
    expect(allText(replies)).not.toContain(SAY.fileWhichDevice);
  });
});
