/**
 * Issue 15 (steps): setting up a BT account for the first time walks through that program's own
 * screens (its maker's steps, BT's values at each field), with Next, Back, Cancel and questions in
 * place; it asks for the program and Outlook's version rather than guessing; routing tells it
 * apart from the switch from POP to IMAP.
 */
import { last, newAdapter, say } from './helpers/talk';
import { SAY } from '../dialogs/texts';

/** A conversation: each message, what the reply must show, and what it must not. */
type Turn = [string, RegExp, RegExp?];

async function talk(turns: Turn[]): Promise<void> {
  const adapter = newAdapter();
  for (const [input, expected, forbidden] of turns) {
    const out = await say(adapter, input);
    expect({ input, out }).toEqual({ input, out: expect.stringMatching(expected) });
    if (forbidden) expect({ input, out }).toEqual({ input, out: expect.not.stringMatching(forbidden) });
  }
}

const INTRO = /Let's add your BT Email account to your mail program step by step/;
const NOT_SURE = /Did you mean one of these|not sure|didn't quite follow/i;
const SWITCH = /Step 1 of 6: Check the account type/;
const VALUES = /BT's values here:\n- Incoming \(IMAP\) server: mail\.btinternet\.com\n- Incoming port: 993/;

describe("the first-setup walkthrough, end to end, in each program with a maker's page", () => {
  it('Thunderbird: the program asked with buttons, a question answered in the middle, Back and Next', async () => {
    await talk([
      [
        'how do I set up my email',
        /Which mail program or device are you setting up\?[\s\S]*\[Thunderbird\][\s\S]*\[Cancel\]/,
        SWITCH,
      ],
      [
        'Thunderbird',
        /Step 1 of 3: Open the new account screen[\s\S]*File > New > Existing Mail Account…[\s\S]*\[Next\] \[Back\] \[Cancel\]/,
      ],
      [
        'next',
        /Step 2 of 3: Enter your name, address and password[\s\S]*click Continue[\s\S]*Username: your full email address/,
      ],
      ['is ssl needed?', /SSL \(SSL\/TLS\) must be on[\s\S]*Step 2 of 3/],
      ['back', /Step 1 of 3/],
      ['next', /Step 2 of 3/],
      [
        'next',
        new RegExp(
          `Step 3 of 3: Check the server details[\\s\\S]*${VALUES.source}[\\s\\S]*Outgoing port: 465[\\s\\S]*Manual Account Configuration`,
        ),
      ],
      ['next', /That's the account set up in Thunderbird[\s\S]*Was this helpful\?/],
    ]);
  });

  it('Mail on a Mac: the program taken from "macbook", a question in the middle, Cancel stops', async () => {
    await talk([
      [
        'first time setting up mail on my macbook, what do i click?',
        /Step 1 of 4: Start adding the account[\s\S]*choose Add Account from the File menu/,
        NOT_SURE,
      ],
      ['next', /Step 2 of 4[\s\S]*Full name|Step 2 of 4: Enter your name, address and password/],
      [
        'next',
        /Step 3 of 4: Enter the servers if Mail asks[\s\S]*choose IMAP as the account type[\s\S]*Outgoing \(SMTP\) server: mail\.btinternet\.com/,
      ],
      ['what should the username be?', /full email address[\s\S]*Step 3 of 4/],
      [
        'next',
        /Step 4 of 4: Check the ports in Server Settings[\s\S]*Mail > Preferences, click Accounts, then Server Settings[\s\S]*Incoming port: 993/,
      ],
      ['cancel', /stopped/, /Step \d of/],
      ['next', /no walkthrough under way/i],
    ]);
  });

  it('Outlook: which Outlook asked (classic, new, Mac); classic goes to its server settings, as Microsoft gives them', async () => {
    await talk([
      [
        'first time with Outlook, how do I put my email in?',
        /Which Outlook do you have\?[\s\S]*\[classic Outlook for Windows\] \[new Outlook for Windows\] \[Outlook for Mac\]/,
        SWITCH,
      ],
      [
        'the classic one',
        /won't guess those screens[\s\S]*Step 1 of 3: Open Account Settings[\s\S]*File > Account Settings > Account Settings/,
      ],
      ['next', /Step 2 of 3: Choose your BT account[\s\S]*then choose Change/],
      ['step 3', new RegExp(`Step 3 of 3: Make the server settings BT's[\\s\\S]*${VALUES.source}`)],
      ['back', /Step 2 of 3/],
      ['next', /Step 3 of 3/],
      ['next', /That's the account set up in classic Outlook for Windows/],
    ]);
  });

  it('a question while the program is asked is answered, then the program asked again; a button then starts the steps', async () => {
    await talk([
      ['help me set up my email', /Which mail program/],
      ['what port does imap use?', /993[\s\S]*Which mail program or device are you setting up\?/],
      ['Apple Mail', /Step 1 of 4: Start adding the account/],
    ]);
  });

  it("the new Outlook, chosen by button: Microsoft's Email accounts page, then IMAP with BT's values; Back, a question, Next", async () => {
    await talk([
      ['first time with Outlook, how do I put my email in?', /Which Outlook do you have\?/, SWITCH],
      [
        'new Outlook for Windows',
        /Step 1 of 2: Open Email accounts[\s\S]*Settings > Accounts > Email accounts[\s\S]*\[Next\] \[Back\] \[Cancel\]/,
        /won't guess/,
      ],
      [
        'next',
        new RegExp(
          `Step 2 of 2: Add your BT account as IMAP[\\s\\S]*goes in as IMAP[\\s\\S]*${VALUES.source}[\\s\\S]*Outgoing port: 465[\\s\\S]*Username: your full email address`,
        ),
      ],
      ['back', /Step 1 of 2/],
      ['next', /Step 2 of 2/],
      ['what port for outgoing?', /465[\s\S]*Step 2 of 2/],
      ['next', /That's the account set up in new Outlook for Windows[\s\S]*Was this helpful\?/],
    ]);
  });

  it('the new Outlook, named in the message: its steps straight away; Cancel stops them', async () => {
    await talk([
      [
        'how do I add my bt email to the new outlook app on windows 11',
        /Step 1 of 2: Open Email accounts|Which Outlook/,
      ],
      ['cancel', /stopped/, /Step \d of/],
    ]);
  });

  it("Outlook for Mac: Microsoft's path to the account (Home tab, Accounts)", async () => {
    await talk([
      ['how do i add my bt email account to outlook', /Which Outlook do you have\?/],
      ['Outlook for Mac', /Step 1 of 2: Open Accounts[\s\S]*on the Home tab, click Accounts/],
      ['next', /Step 2 of 2[\s\S]*left pane/],
    ]);
  });
});

describe("no maker's page, no invented steps: BT's own page, step by step", () => {
  it.each([
    ['I need my btinternet mail on my new Samsung tablet, what do I tap?', 'Samsung Email'],
    ['how do I set up my bt email on my new iphone', 'Mail on iPhone or iPad'],
    ['how do i add my email to the gmail app', 'the Gmail app on Android'],
  ])('%p: %s', async (input, program) => {
    const out = await last([input]);
    expect(out).toMatch(INTRO);
    expect(out).toContain(SAY.setupBtSteps(program));
    expect(out).toMatch(/Step 1 of 5: Choose IMAP[\s\S]*\[Next\] \[Back\] \[Cancel\]/);
    expect(out).not.toMatch(/Was this helpful/);
  });

  it('"Something else" for the program: BT\'s page, step by step', async () => {
    await talk([
      ['help me set up my email', /Which mail program/],
      ['Something else', /won't guess its menus[\s\S]*Step 1 of 5: Choose IMAP/],
      ['next', /Step 2 of 5[\s\S]*Incoming \(IMAP\) server: mail\.btinternet\.com/],
    ]);
  });
});

describe('routing: setting up is not the switch, and a switch is still the switch', () => {
  const setup = [
    'I need my btinternet mail on my new Samsung tablet, what do I tap?',
    'first time with Outlook, how do I put my email in?',
    'how do I set up my bt email on my new iphone',
    'just bought a new laptop, how do I get my btinternet email on it',
    'setting up thunderbird for my btopenworld address',
    'how do i add my email to the gmail app',
    'can you help me set up my email on my mac',
    'new android phone, how do I add my bt email account',
    'how do I add an email account in outlook',
    'my son got me a brand new tablet, how do i put my email in',
    'first time using thunderbird, what do i click',
  ];
  it.each(setup)('set-up: %p', async (input) => {
    const out = await last([input]);
    expect(out).toMatch(INTRO);
    expect(out).not.toMatch(SWITCH);
    expect(out).not.toMatch(NOT_SURE);
  });

  const switches = [
    'switch from pop to imap',
    'I got a new phone and want to move from pop to imap',
    'how do I change my outlook account from pop3 to imap',
    'walk me through switching to imap',
    'convert my pop account to imap in thunderbird',
    'i want imap instead of pop on my new laptop',
  ];
  it.each(switches)('switch: %p', async (input) => {
    const out = await last([input]);
    expect(out).toMatch(/No mail program converts a POP account to IMAP in place/);
    expect(out).not.toMatch(INTRO);
  });

  it.each([
    ['what is the smtp server for my new phone', /mail\.btinternet\.com/],
    ['error 530 on my new laptop', /530/],
  ])('a setting or an error asked on a new device is answered as before: %p', async (input, expected) => {
    const out = await last([input]);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(INTRO);
  });
});

describe("the program's own screens in the switch walkthrough and the error explainer", () => {
  it('the switch in Thunderbird: step 1 names its Account Settings, step 3 its new-account screens, each with the page', async () => {
    await talk([
      [
        'switch my thunderbird account from pop to imap',
        /Step 1 of 6[\s\S]*In Thunderbird, as its maker's help gives it: 1\) In Thunderbird, open the Account Settings \(Tools \| Account Settings\)[\s\S]*Manual Account Configuration/,
      ],
      ['it says pop3', /Step 2 of 6/, /maker's help/],
      [
        'next',
        /Step 3 of 6[\s\S]*1\) In Thunderbird, choose File > New > Existing Mail Account…[\s\S]*Automatic Account Configuration/,
      ],
    ]);
  });

  it('the switch in Outlook: each version labelled with its own Microsoft path, none guessed', async () => {
    const out = await last(['switch from pop to imap in outlook']);
    expect(out).toMatch(/depends on your version of Outlook/);
    expect(out).toMatch(
      /In classic Outlook for Windows: 1\) In Outlook, choose File > Account Settings > Account Settings\./,
    );
    expect(out).toMatch(/In Outlook for Mac: 1\) In Outlook for Mac, on the Home tab, click Accounts\./);
    expect(out).toMatch(
      /In new Outlook for Windows: 1\) In the new Outlook, open Settings > Accounts > Email accounts, then Manage for your BT account\./,
    );
    expect(out).not.toMatch(/haven't got its maker's steps/);
  });

  it('the switch with no program named shows no program screens', async () => {
    expect(await last(['switch from pop to imap'])).not.toMatch(/maker's help/);
  });

  it('error 530 in Mail on a Mac: the tip, then Server Settings as Apple gives it', async () => {
    await talk([
      ['error 530', /Which mail program/],
      [
        'Apple Mail',
        /In Mail on a Mac, as its maker's help gives it: 1\) In Mail, choose Mail > Preferences, click Accounts, then Server Settings/,
      ],
    ]);
  });

  it.each([
    [
      'what are the imap settings for thunderbird',
      /In Thunderbird, as its maker's help gives it: 1\) In Thunderbird, open the Account Settings/,
    ],
    ['smtp settings for apple mail', /In Mail on a Mac, as its maker's help gives it/],
    ['what smtp port do i use in outlook', /depends on your version of Outlook[\s\S]*In classic Outlook for Windows/],
  ])('a settings answer for a named program adds its own path: %p', async (input, expected) => {
    expect(await last([input])).toMatch(expected);
  });

  it.each(['what are the imap settings', 'smtp settings for my iphone'])(
    "a settings answer with no program, or one with no maker's page, adds nothing: %p",
    async (input) => {
      expect(await last([input])).not.toMatch(/maker's help|depends on your version/);
    },
  );

  it('error 530 on Samsung Email: the tip alone, no invented path', async () => {
    const out = await last(['error 530 on samsung email']);
    expect(out).toMatch(/Samsung Email/);
    expect(out).not.toMatch(/maker's help|depends on your version/);
  });
});
