/**
 * Issue 13 §2, in general: a move from POP to IMAP with mail kept only on the computer gets the
 * walkthrough's own advice about that mail (and the walkthrough); a no-then-question to an offer
 * (of a person, of the walkthrough) answers the question; and a walkthrough accepted with a
 * "yes" to an offer carries the program and the POP already named. Phrasings written for this
 * file in customers' voices (retired, text-speak, non-native, IT jargon, angry, rambling).
 */
import { harness } from './helpers/handover-runtime';
import { last } from './helpers/talk';

const LOCAL_MAIL = /kept only on that computer|kept only in|kept only on this computer/;
const BACKUP = /[Bb]ack (it|that mail) up first/;
const WALK = /No mail program converts a POP account to IMAP in place|Switch (POP to IMAP|from POP to IMAP)/;
const SYNC_ONLY = /^IMAP always syncs/;
const NOT_SURE = /not sure about that one/;

describe("a move to IMAP with mail kept only on the computer: the walkthrough's advice about that mail", () => {
  it.each([
    'i want to switch from pop to imap but ive got 10 years of mail only on my pc what happens to it',
    'Hello. I would like to change to IMAP. My emails have never been left on the server, will I lose them?',
    'POP to IMAP migration - what is the procedure for the messages in Local Folders?',
    'moving 2 imap, wot happens 2 my old emails on the laptop??',
    'If I switch my account from pop to imap what happens to my old emails',
    'i am 79 and all my emails are on the computer not the server if i change to imap will they go',
    'we need to migrate the account from POP3 to IMAP; approx 8GB of mail is stored locally in a PST. Procedure?',
    'Please advise, I am wanting change pop to imap but all mails are downloaded in my computer only, they will be deleted?',
    'I was told to go to IMAP but I am NOT losing 15 years of emails that are only on my desktop, so how do I do it',
    'thinking of moving over to imap from pop, thing is all my old stuff is on the pc and not on the server, what do i do about that',
    'convert pop to imap, keep local mail?',
    'switch to imap but keep all the emails saved on my computer',
    'Our firm is migrating POP3 -> IMAP. The mailboxes have local PST archives only. Best practice?',
    'i want imap instead of pop but my emails r all on my laptop not online',
    'switching to imap tomorrow - do i need to back up first?',
    'If I go over to IMAP will my Thunderbird Local Folders come across?',
    'change from pop to imap, but what about all the emails that are ONLY on my computer',
    'WHY would I change to IMAP if it deletes all the mail on my PC??',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(LOCAL_MAIL);
    expect(reply).toMatch(BACKUP);
    expect(reply).toMatch(WALK);
    expect(reply).not.toMatch(SYNC_ONLY);
    expect(reply).not.toMatch(NOT_SURE);
  });
});

describe('the same worry later in the conversation or inside the walkthrough', () => {
  it.each([
    [['is imap better than pop', 'ok but if i switch what happens to 10 years of mail on my pc']],
    [['i want to stop using pop', 'all my mail is only on this computer, what happens to it?']],
    [['move me from pop to imap', 'outlook', 'hang on, my emails were never left on the server, will they vanish?']],
    [['move me from pop to imap', 'outlook', 'next', 'what about everything in Local Folders']],
    [['convert my outlook to imap please', 'what do i do with the pst file?']],
    [['how do I get off pop and onto imap, all my old mail is on the desktop only']],
    [
      [
        'I want to change POP3 to IMAP. Emails are downloaded to the PC and removed from the server. Will they be lost?',
      ],
    ],
    [['pls help me move frm pop 2 imap without losing the emails on my laptop']],
  ])('%j', async (turns) => {
    const reply = await last(turns);
    expect(reply).toMatch(LOCAL_MAIL);
    expect(reply).toMatch(BACKUP);
    expect(reply).toMatch(/Step \d of 6|Switch from POP to IMAP/);
    expect(reply).not.toMatch(SYNC_ONLY);
    expect(reply).not.toMatch(NOT_SURE);
  });
});

describe('a no, then a question, to the offer of a person: the question answered', () => {
  const FINDING = /finding someone for you/;

  async function afterOffer(reply: string): Promise<string> {
    const h = harness();
    expect((await h.say('this bot is useless get me someone')).join(' ')).toMatch(/connect you to a person/);
    return (await h.say(reply)).join(' ');
  }

  it.each([
    ['No hang on, actually just tell me the outgoing port first', /\b465\b/],
    ['wait not yet - whats the imap server', /mail\.btinternet\.com/],
    ['nah, first what port for smtp?', /\b465\b/],
    ['hold on. the incoming port for imap', /\b993\b/],
    ['no wait i just need the pop port', /\b995\b/],
    ['Not yet please. Which username do I put?', /full email address/],
    ['nope, before that what is the outgoing server', /mail\.btinternet\.com/],
    ['hang on a sec, is it ssl or starttls for sending', /SSL/],
    ['no no no just give me the smtp server name', /mail\.btinternet\.com/],
    ['Not at the moment, thank you. Could you tell me the IMAP port number?', /\b993\b/],
    ['no wait, what does error 530 mean', /530/],
  ])('%s', async (reply, answer) => {
    const out = await afterOffer(reply);
    expect(out).toMatch(answer);
    expect(out).not.toMatch(FINDING);
    expect(out).not.toMatch(/^OK\. I'm still here/);
    expect(out).toMatch(/If you'd like a person later, just say "talk to a person"/);
  });

  it.each(['hang on, yes please connect me', 'wait, can i talk to a person'])(
    'a hold-on before a yes or a person asked for still connects: %s',
    async (reply) => {
      expect(await afterOffer(reply)).toMatch(FINDING);
    },
  );

  it('a hold-on with no "no" before a request: the request answered', async () => {
    const out = await afterOffer('hold on first tell me the imap settings');
    expect(out).toMatch(/BT Email settings: IMAP/);
    expect(out).not.toMatch(FINDING);
  });
});

describe('a no, then a question, to the other offers: the question answered', () => {
  it.each([
    [['next', 'no hang on, whats the outgoing port first'], /\b465\b/],
    [['back', 'wait not yet - whats the imap server'], /mail\.btinternet\.com/],
    [['step 2', 'nah, first what port for smtp?'], /\b465\b/],
    [['next', 'not yet, what username do i use'], /full email address/],
    [['can i change my account to imap?', 'no wait, what port is imap'], /\b993\b/],
    [['can i change my account to imap?', 'hold on, first the smtp server'], /mail\.btinternet\.com/],
    [['the weather is lovely', 'no, hang on, what is the smtp port'], /\b465\b/],
    [['my wifi keeps dropping', 'no wait whats the imap port'], /\b993\b/],
    [['what is the smtp server', 'no hang on, and the port?'], /\b465\b/],
    [['is imap better than pop', 'nah not yet, whats the imap port'], /\b993\b/],
    [['are you a bot', 'no wait, what is the pop server'], /mail\.btinternet\.com/],
    [['i get error 530', 'outlook', 'no hang on, whats the smtp port'], /\b465\b/],
    [['whats the imap port', 'no wait, and the outgoing server?'], /mail\.btinternet\.com/],
    [['move me from pop to imap', 'outlook', 'wait hold on, what is the imap port'], /\b993\b/],
    [['move me from pop to imap', 'wait, before that, is the password the same?'], /your BT Email password/],
    [
      ['move me from pop to imap', 'outlook', 'next', 'next', 'next', 'next', 'next', 'no wait whats the smtp port'],
      /\b465\b/,
    ],
    [['emails stuck in outbox', 'nope, hang on, what port should smtp be'], /\b465\b/],
    [['i get error 535', 'outlook', 'not yet - which username do i use?'], /full email address/],
  ])('%j', async (turns, answer) => {
    const out = await last(turns);
    expect(out).toMatch(answer);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(/^OK\. I'm still here/);
  });

  it('with no handover, the offer of a leave-a-message: no then a question', async () => {
    const h = harness({ config: { handoffTarget: 'contact', handoffFallbackTarget: 'contact' } });
    expect((await h.say('a real human pls m8')).join(' ')).toMatch(/leave a message/);
    expect((await h.say('no hang on, just tell me the outgoing port first')).join(' ')).toMatch(/\b465\b/);
  });
});

describe('a walkthrough accepted with a yes to an offer carries the program and POP already said', () => {
  const PROGRAM_ASKED = /Which mail program or device are you switching\?/;
  const SAID_POP = /You said it's POP/;

  it.each([
    [['my outlook is on pop, is imap better?', 'ok lets do it'], /Outlook/, true],
    [['outlook 2016, pop3', 'is imap better than pop', 'lets do it'], /Outlook/, true],
    [['i use outlook', 'next', 'yes'], /Outlook/, false],
    [['im on pop with thunderbird', 'step 2', 'go on then'], /Thunderbird/, true],
    [['I have Apple Mail set up as POP', 'step 1', 'yes'], /Apple Mail/, true],
    [['iphone on pop3 - will I lose my old emails if I switch to imap?', 'ok'], /iPhone or iPad/, true],
    [['samsung email, pop account', 'is pop still ok to use', 'lets do it'], /Samsung Email/, true],
    [['windows mail is set to pop', 'next', 'aye'], /Windows Mail/, true],
    [['my thunderbird uses pop', 'back', 'ok do it'], /Thunderbird/, true],
    [
      ['i use outlook on the laptop and 15 years of mail is only on the pc, want to switch to imap', 'yes please'],
      /Outlook/,
      false,
    ],
    [['its the ipad', 'is imap better than pop', 'go ahead then'], /iPhone or iPad/, false],
    [['we use pop3 on our mac', 'which is better imap or pop', 'yes please'], /Apple Mail/, true],
    [['next', 'yes please, on my iphone'], /iPhone or iPad/, false],
    [['step 2', 'ok, its outlook'], /Outlook/, false],
    [['is imap better than pop', 'go ahead then, its thunderbird'], /Thunderbird/, false],
  ] as const)('%j', async (turns, program, pop) => {
    const out = await last([...turns]);
    expect(out).toMatch(/Step 1 of 6/);
    expect(out).toMatch(program);
    expect(out).not.toMatch(PROGRAM_ASKED);
    if (pop) expect(out).toMatch(SAID_POP);
  });

  it.each([
    [['i use thunderbird', 'move me from pop to imap'], /Thunderbird/],
    [['outlook on windows 11', 'switch 2 imap'], /Outlook/],
  ] as const)('started directly, what was said before is carried too: %j', async (turns, program) => {
    const out = await last([...turns]);
    expect(out).toMatch(/Step 1 of 6/);
    expect(out).toMatch(program);
    expect(out).not.toMatch(PROGRAM_ASKED);
  });

  it.each([
    [['i get error 530', 'thunderbird', 'yes', 'move me from pop to imap'], /Thunderbird/],
    [['emails stuck in outbox', 'outlook', 'yes it worked', 'can i change my account to imap?'], /Outlook/],
    [['hi, i have an ipad with bt mail on pop', 'next', 'yes please'], /iPhone or iPad/],
  ] as const)('a program named to another dialog is carried too: %j', async (turns, program) => {
    const out = await last([...turns]);
    expect(out).toMatch(/Step 1 of 6/);
    expect(out).toMatch(program);
    expect(out).not.toMatch(PROGRAM_ASKED);
  });

  it('a POP setting asked is not "you said it\'s POP"', async () => {
    const out = await last(['whats the pop3 port', 'is imap better than pop', 'lets do it']);
    expect(out).toMatch(/Step 1 of 6/);
    expect(out).not.toMatch(SAID_POP);
  });
});

describe('a program named on its own mid-walkthrough is taken, and the step shown for it', () => {
  it.each([
    [['i get error 530', 'outlook', 'yes', 'switch pop to imap', 'thunderbird'], /Thunderbird/, /Step 1 of 6/],
    [['switch pop to imap', 'outlook', 'next', "it's thunderbird actually"], /Thunderbird/, /Step 3 of 6/],
    [['move me to imap', 'thunderbird', 'next', 'next', 'on my mac'], /Apple Mail/, /Step 4 of 6/],
  ] as const)('%j', async (turns, program, step) => {
    const out = await last([...turns]);
    expect(out).toMatch(step);
    expect(out).toMatch(program);
    expect(out).not.toMatch(/BT Email settings: IMAP and SMTP/);
  });
});
