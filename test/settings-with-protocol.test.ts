/**
 * Issue 13 (settings with a protocol named): a customer asking for all the settings of a program or device who
 * says in the same message which protocol they want ("I want imap", "imap one", "going for pop3") gets that
 * protocol's full settings (incoming, outgoing SMTP, the full address as username), with the program's menu path
 * where one is known; never the POP-to-IMAP walkthrough, which a move said in so many words ("change my account
 * from pop to imap", "I want imap instead of pop") or an account said to be on POP now still starts. Set-up wording
 * ("set up my new phone with imap") gets the settings or the first set-up walkthrough, never the switch.
 */
import { last } from './helpers/talk';

const NOT_SURE = /Did you mean one of these|not sure|didn't quite follow/i;
/** Any of the switch walkthrough's own words: its opening, its first step, its button. */
const SWITCH =
  /No mail program converts a POP account|Step \d of 6: Check the account type|\[Switch from POP to IMAP\]/;
/** The walkthrough started, or offered as a button. */
const SWITCH_STARTED_OR_OFFERED = /Step 1 of 6: Check the account type|\[Switch from POP to IMAP\]/;

/** The facts every full settings answer must give, whichever incoming protocol. */
const COMMON = [
  /mail\.btinternet\.com/,
  /\b465\b/,
  /SSL on \(SSL\/TLS, not STARTTLS\)/,
  /My server requires authentication/,
  /username your full email address/,
];
const IMAP = [...COMMON, /IMAP \(incoming\): server mail\.btinternet\.com; port 993/];
const POP = [...COMMON, /POP3 \(incoming\): server mail\.btinternet\.com; port 995/];

/** Menu paths of the programs whose maker's steps the knowledge holds. */
const OUTLOOK_PATH = /File > Account Settings > Account Settings/;
const THUNDERBIRD_PATH = /Tools \| Account Settings/;
const MAC_PATH = /Mail > Preferences, click Accounts/;

/** A message asking for all the settings with the protocol stated, the facts its reply must hold, and a menu path. */
type SettingsRow = [string, RegExp[], RegExp?];

const SETTINGS_WITH_PROTOCOL: SettingsRow[] = [
  // polite, retired
  [
    'Please could you give me all the settings for my iPad Mail app. I have a btinternet.com email and I want imap. Thank you kindly',
    IMAP,
  ],
  [
    'Good morning. I would be most grateful if you could let me have all the settings for Outlook on my computer. I would like to use IMAP. Many thanks',
    IMAP,
    OUTLOOK_PATH,
  ],
  ['hello dear could you tell me what i put in for my new ipad i have btinternet and i want imap thank you', IMAP],
  ['i am 78 and not good with computers my grandson says i want imap what do i put in the boxes on my iphone', IMAP],
  ['Please may I have the settings for my new laptop? I want IMAP. It is a talk21 address. Regards, Margaret', IMAP],
  [
    'Hi there, I want imap please. Can you list every setting I need for the Mail app on my Mac? My address ends btopenworld.com',
    IMAP,
    MAC_PATH,
  ],
  // text-speak
  ['wot r the settings 4 my samsung i want imap thx', IMAP],
  ['gimme all the settings 4 outlook, imap pls', IMAP, OUTLOOK_PATH],
  ['settings 4 iphone mail? imap 1 plz', IMAP],
  ['i want imap n need all da settings 4 my galaxy', IMAP],
  ['i want imap. all settings for the ipad pls. talk21 address', IMAP],
  // non-native English
  ['Hello, please give me all setting for Outlook. I want to use IMAP. My email is btinternet.com', IMAP, OUTLOOK_PATH],
  ['Sir I need the complete configuration for my android phone, I am wanting IMAP protocol', IMAP],
  ['Kindly share all the settings for mail app, I want imap for my btopenworld email', IMAP],
  ['For my Outlook, please I want the IMAP. Give me all the details what I must put. Thank you', IMAP, OUTLOOK_PATH],
  // IT jargon
  ['What are the IMAPS (implicit TLS) and SMTPS settings for a btinternet mailbox? Going with IMAP.', IMAP],
  ['server details for imap over implicit tls plus smtp please, for a talk21 account', IMAP],
  [
    'Config request: I want IMAP (implicit TLS) plus SMTP submission for Thunderbird, full details',
    IMAP,
    THUNDERBIRD_PATH,
  ],
  // rambling
  [
    "Right so I've just bought a new laptop and my daughter set up most of it but the email isn't done yet and I'd like to use IMAP because she says it's better, so could you tell me everything I need to put in, it's Outlook I think",
    IMAP,
    OUTLOOK_PATH,
  ],
  [
    'so ive been going round in circles all morning, all i want is the settings for my ipad, imap, btinternet address, the whole lot please',
    IMAP,
  ],
  [
    'my wife usually does all this but shes away, I want imap on the iphone like she has, what are all the settings I need to type in',
    IMAP,
  ],
  // typos
  ['plz cud u giv me al the setings for my ipad i want imap', IMAP],
  ['all the setings for outlok, i wnat imap', IMAP, OUTLOOK_PATH],
  // the protocol said other ways
  ['what do i put in for windows mail, imap one', IMAP],
  ['everything i need for my macbook mail, with imap please', IMAP, MAC_PATH],
  ['can i have the settings for thunderbird please, ill be using imap', IMAP, THUNDERBIRD_PATH],
  ['I want IMAP. What are the settings for Outlook 2016?', IMAP, OUTLOOK_PATH],
  ['my email is talk21.com and i want imap on my phone, what settings', IMAP],
  ['I want IMAP on my iPhone. What do I put in for incoming and outgoing?', IMAP],
  ["i'm setting up thunderbird, i want imap, what do i enter", IMAP, THUNDERBIRD_PATH],
  ["I'd like IMAP with my btinternet account on Outlook 365, what are all the settings?", IMAP, OUTLOOK_PATH],
  ['full setup details please, i want imap, for my windows 11 laptop', IMAP],
  ['I want IMAP over implicit TLS, give me the full setup for Thunderbird', IMAP, THUNDERBIRD_PATH],
  ['complete config for IMAP on 993 please, for outlook', IMAP, OUTLOOK_PATH],
  ['what goes in the boxes for my iphone, i want imap', IMAP],
  ['I want IMAP. Send me the lot for Thunderbird.', IMAP, THUNDERBIRD_PATH],
  ['hiya want imap on me phone wat do i fill in', IMAP],
  ['I want imap now, what are all the settings for my laptop', IMAP],
  // POP3 chosen
  ['im going for pop3', POP],
  ['i want pop3 pls', POP],
  ["I'd like to use POP3 please, what are the settings for thunderbird", POP, THUNDERBIRD_PATH],
  ['im going for pop3, what are all the settings for outlook', POP, OUTLOOK_PATH],
  ["I'd like to use POP3 please, could you give me the full settings for my laptop", POP],
  ['pop3 one please, everything i need for thunderbird', POP, THUNDERBIRD_PATH],
];

describe('all the settings asked with the protocol stated: that protocol\u2019s full settings, never the switch', () => {
  // Why each row as one argument: a row without a menu path would otherwise hand jest's `done` to `path`.
  it.each(SETTINGS_WITH_PROTOCOL.map((row) => [row[0], row] as const))('%s', async (_, [message, facts, path]) => {
    const out = await last([message]);
    for (const fact of facts) expect({ message, out }).toEqual({ message, out: expect.stringMatching(fact) });
    if (path) expect(out).toMatch(path);
    expect(out).not.toMatch(SWITCH);
    expect(out).not.toMatch(NOT_SURE);
    // A POP3 block is never introduced as IMAP's.
    if (facts === POP) expect(out).not.toMatch(/These are the IMAP settings BT recommends/);
  });
});

/** Setting up a device or program with IMAP: the settings or the first set-up walkthrough, never the switch. */
const SET_UP_WITH_PROTOCOL: string[] = [
  'set up my new phone with imap',
  'adding my talk21 address on my tablet, imap please',
  'how do i set up my btinternet email on my new iphone using imap',
  'walk me through setting up my ipad with imap',
  'i want to set up outlook with imap',
  'I want imap on my new ipad',
  'setting up thunderbird for the first time, I want imap',
  'can u help me put my email on my new samsung, want imap',
  'Please guide me through adding my btinternet email to my new laptop, I want IMAP',
  'new macbook, want imap, how do i add my bt email',
];

describe('set-up wording with the protocol stated: the settings or the first set-up walkthrough', () => {
  it.each(SET_UP_WITH_PROTOCOL)('%s', async (message) => {
    const out = await last([message]);
    expect(out).toMatch(/port 993|Let's add your BT Email account|Which mail program or device/);
    expect(out).not.toMatch(SWITCH);
    expect(out).not.toMatch(NOT_SURE);
  });
});

/** A move said in so many words, or an account on POP now: the walkthrough still starts (or is offered). */
const SWITCH_REQUESTS: string[] = [
  'change my account from pop to imap',
  'i want imap instead of pop',
  'move me over to imap',
  'can you switch my btinternet account from pop3 to imap please',
  'convert my outlook account to imap',
  'my email is on pop at the moment, i want imap, how do i change it',
  'how do i migrate from pop to imap in thunderbird',
  'please help me change over to imap on my ipad, its pop now',
  "I'd like to move my account off POP and onto IMAP",
  'want 2 swap pop 4 imap on my phone',
  'I am using POP now. I wish to go to IMAP, how to do this?',
  'Request: migrate mailbox access from POP3 to IMAPS in Outlook',
  'set my account to imap please',
  'it needs to be imap not pop, how do i do that',
  'get me off pop and onto imap',
  'i want imap instead of pop on my iphone, what do i put in?',
  'all the settings please, I want to change my account from pop to imap',
  'My account is on POP. I want IMAP. Please give me all the settings.',
  'walk me through switching my outlook to imap',
  'my btinternet mail is on POP in the gmail app on android, I want IMAP now, all the settings please',
  'i want imap now',
  'how do i get off pop, send me everything i need for my laptop',
];

describe('a real switch request still starts (or offers) the walkthrough', () => {
  it.each(SWITCH_REQUESTS)('%s', async (message) => {
    const out = await last([message]);
    expect(out).toMatch(SWITCH_STARTED_OR_OFFERED);
    expect(out).not.toMatch(NOT_SURE);
  });
});
