/**
 * Issue 15 (steps): setting up BT Email for the first time in a program whose maker's own steps were
 * not found (Mail on iPhone or iPad, the Gmail app on Android, Samsung Email, Windows Mail) is a real
 * stepped walkthrough built from BT's own page (programs-steps.yaml `btPageSteps`): each step's BT
 * values, Next, Back, Cancel and step numbers, a question answered in place, small talk, and a "next"
 * typed after it ended is about the set-up, never the start of the switch from POP to IMAP.
 */
import { newAdapter, say } from './helpers/talk';
import { BUTTONS, SAY } from '../dialogs/texts';
import { sharedAnswerer } from './helpers/talk';
import { fieldLines, programSteps } from '../knowledge/program-steps';

/** One conversation: each message, what the reply must show, and what it must not. */
type Turn = [string, RegExp | string, (RegExp | string)?];

async function talk(turns: Turn[]): Promise<void> {
  const adapter = newAdapter();
  for (const [input, expected, forbidden] of turns) {
    const out = await say(adapter, input);
    const shows = typeof expected === 'string' ? out.includes(expected) : expected.test(out);
    expect({ input, out, shows }).toEqual({ input, out, shows: true });
    if (forbidden === undefined) continue;
    const showsForbidden = typeof forbidden === 'string' ? out.includes(forbidden) : forbidden.test(out);
    expect({ input, out, showsForbidden }).toEqual({ input, out, showsForbidden: false });
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const INTRO = "Let's add your BT Email account to your mail program step by step";
const NOT_SURE = /Did you mean one of these|not sure|didn't quite follow/i;
/** The switch from POP to IMAP, which a first set-up must never start or offer. */
const SWITCH =
  /Step \d of 6|No mail program converts a POP account|switch from POP to IMAP: would you like to start it/;
const NAV = '[Next] [Back] [Cancel]';

const steps = programSteps().btPageSteps;
const provider = sharedAnswerer().knowledge.providers[0]!;
const TOTAL = steps.length;

/** What step N (1-based) shows for a program: its heading, its text with the program's name, each BT value, its buttons. */
function stepShown(n: number, label: string): RegExp {
  const step = steps[n - 1]!;
  const parts = [
    `Step ${n} of ${TOTAL}: ${step.title}`,
    step.text.replaceAll('{program}', label),
    ...fieldLines(step.fields, provider),
    'What are the settings for outgoing and incoming BT Email servers? (BT Help)',
    NAV,
  ];
  return new RegExp(parts.map(escape).join('[\\s\\S]*'));
}

interface Program {
  /** The lexicon's name, as the "Set up again" button carries it. */
  program: string;
  label: string;
  phrasings: string[];
}

/** Ten and more ways each program's customers ask, in their own voices (no punctuation, text-speak, second language, devices). */
const PROGRAMS: Program[] = [
  {
    program: 'iPhone or iPad',
    label: 'Mail on iPhone or iPad',
    phrasings: [
      'i have just got a new iphone how do i put my btinternet email on it',
      'hi can u help me set up my bt email on my iphone pls',
      'how do i add my btinternet email to my ipad',
      'I am wanting to configure my btopenworld mail on new iPhone 15, please guide',
      'new ipad, first time, how do i get my talk21 email on the mail app',
      'setting up email on my iphone for the first time what do i tap',
      'plz help put my bt email in my iphone',
      'I would like to receive my BT emails on my iPad, how to make the setup',
      'just bought an iphone, need my btinternet emails on it, where do i start',
      'wot do i tap to get my bt email on my new iphone',
      'i am 82 and my daughter bought me an ipad i need my email on it please help',
      'Good morning. I have purchased an iPad and wish to add my BT email account to it. Could you explain what to do',
    ],
  },
  {
    program: 'Gmail app on Android',
    label: 'the Gmail app on Android',
    phrasings: [
      'how do i set up btinternet email in the gmail app on my android phone',
      'add my bt email to gmail app',
      'i want my btinternet mail in the gmail app on my pixel how do i do it',
      'new android phone how do i get bt email into gmail app',
      'gmail app on android - how to add my btopenworld account?',
      'Please how I can put my talk21 mail inside Gmail application on Android telephone',
      'first time setting up my bt email on the gmail app what do i press',
      'how do i add a second email account to the gmail app its a btinternet one',
      'my daughter set up gmail app on my android, now i want my bt email there too, how',
      'setting up my bt email in the gmail app on my android tablet',
      'help me add my bt email in the gmail app pls',
      'Hello, I want put my btinternet email in Gmail app of my Android, what I do?',
    ],
  },
  {
    program: 'Samsung Email',
    label: 'Samsung Email',
    phrasings: [
      'I need my btinternet mail on my new Samsung tablet, what do I tap?',
      'how do i set up my bt email on samsung email app',
      'new samsung galaxy phone how do i put my btinternet email on it',
      'samsung email app add bt account how',
      'i got a samsung galaxy tab for christmas and want my emails on it',
      'How to configure BT mail in Samsung Email application, step by step please',
      'help me set up btopenworld email on my samsung phone',
      'first time using samsung email, how do i put my bt address in',
      'setting up talk21 email on samsung galaxy s23 what do i tap',
      'can you walk me through adding my bt email to samsung mail',
      'I am not good with phones. New Samsung. How do I put my BT email on it',
      'got a samsung s24 need my btopenworld email on it asap',
    ],
  },
  {
    program: 'Windows Mail',
    label: 'Windows Mail',
    phrasings: [
      'how do i set up my bt email in windows mail',
      'new laptop with windows 11, how do i add my btinternet email to the mail app',
      'windows mail app add bt email account',
      'i want my bt email in the windows 10 mail app how do i set it up',
      'first time setting up windows mail with my btopenworld address',
      'how to put my talk21 email into windows mail on my new pc',
      'Please help me to add BT email account in Windows Mail program',
      'hi, got a new dell laptop, want my bt mail in the mail app that comes with windows',
      'can u show me how to add btinternet to windows mail',
      'Hello, I want configure my BT mail in Windows Mail, please explain',
      'my son put windows 11 on my computer, how do i get my bt mail into windows mail',
      'need my talk21 email on windows mail on my new laptop',
    ],
  },
];

const ROWS = PROGRAMS.flatMap((p) => p.phrasings.map((phrasing) => [p.label, phrasing] as const));

describe("the first set-up where no maker's page was found: BT's own page, step by step", () => {
  it('has at least ten phrasings for each program', () => {
    for (const p of PROGRAMS)
      expect({ program: p.label, count: p.phrasings.length >= 10 }).toEqual({
        program: p.label,
        count: true,
      });
  });

  it.each(ROWS)('%s: %p starts at step 1, says it has no maker steps, never the switch', async (label, phrasing) => {
    await talk([[phrasing, new RegExp(`${escape(INTRO)}[\\s\\S]*${escape(SAY.setupBtSteps(label))}`), SWITCH]]);
    await talk([[phrasing, stepShown(1, label), NOT_SURE]]);
  });

  it.each(PROGRAMS.map((p) => [p.label, p.phrasings[0]!] as const))(
    '%s: every step with its BT values, a question in place, Back, a step number, Next to the end, then "next" is about the set-up',
    async (label, phrasing) => {
      await talk([
        [phrasing, stepShown(1, label), SWITCH],
        ['next', stepShown(2, label)],
        ['what port for outgoing?', /465[\s\S]*Step 2 of 5: The incoming mail server/],
        ['back', stepShown(1, label)],
        ['step 3', stepShown(3, label)],
        ['next', stepShown(4, label)],
        ['next', stepShown(5, label)],
        ['next', `That's the account set up in ${label}`, SWITCH],
        ['next', SAY.setupEnded('finished', label), SWITCH],
        ['next', SAY.setupEnded('finished', label), SWITCH],
        ['back', SAY.setupEnded('finished', label), SWITCH],
      ]);
    },
  );

  it.each(PROGRAMS.map((p) => [p.label, p.phrasings[1]!] as const))(
    '%s: each step has Next, Back and Cancel; Cancel stops it, and "next" or "step 2" after is about the set-up',
    async (label, phrasing) => {
      await talk([
        [phrasing, NAV],
        ['next', NAV],
        ['cancel', /stopped/, /Step \d of/],
        ['next', SAY.setupEnded('stopped', label), SWITCH],
        ['step 2', SAY.setupEnded('stopped', label), SWITCH],
      ]);
    },
  );

  it.each(PROGRAMS.map((p) => [p.label, p.phrasings[2]!] as const))(
    '%s: thanks and a pause keep the step; questions about the username and SPA answered in place; a typed password warned about',
    async (label, phrasing) => {
      await talk([
        [phrasing, stepShown(1, label)],
        ['ok next', stepShown(2, label)],
        ['thanks', /Step 2 of 5/],
        ['hang on a sec', /Step 2 of 5/],
        ['does the username need the @btinternet.com bit', /full email address[\s\S]*Step 2 of 5/],
        ['should spa be on', /leave it off[\s\S]*Step 2 of 5/],
        ['my password is Hunter22x', /^Please don't share your password[\s\S]*Step 2 of 5/, 'Hunter22x'],
        ['what colour is the icon?', SAY.setupQuestionUnknown, /switch/i],
        ['next', stepShown(3, label)],
      ]);
    },
  );

  it.each(PROGRAMS.map((p) => [p.label, p.program, p.phrasings[3]!] as const))(
    '%s: "Set up again" after it ended starts the same program at step 1',
    async (label, program, phrasing) => {
      await talk([
        [phrasing, stepShown(1, label)],
        ['step 5', stepShown(5, label)],
        ['next', `That's the account set up in ${label}`],
        ['next', '[Set up again] [Talk to a person]'],
        [BUTTONS.setUpAgain(program).value, stepShown(1, label), SWITCH],
      ]);
    },
  );

  it('"Something else" for the program goes through the same steps, for "your mail program"', async () => {
    await talk([
      ['help me set up my email', /Which mail program or device are you setting up\?/],
      ['Something else', stepShown(1, SAY.anyProgram)],
      ['next', stepShown(2, SAY.anyProgram)],
      ['step 5', stepShown(5, SAY.anyProgram)],
      ['next', `That's the account set up in ${SAY.anyProgram}`],
      ['next', SAY.setupEnded('finished', SAY.anyProgram), SWITCH],
    ]);
  });

  it('the program chosen by its button gets its steps', async () => {
    await talk([
      ['how do i set up my email', /\[Samsung Email\]/],
      ['Windows Mail', stepShown(1, 'Windows Mail')],
    ]);
  });

  it('"next" with nothing set up before still belongs to the switch, as it did', async () => {
    await talk([['next', /no walkthrough under way[\s\S]*switch from POP to IMAP/]]);
  });
});
