/**
 * Issue 13 §2, in general: wanting a person (and saying yes or no to the offer), "it still doesn't
 * work", the POP → IMAP walkthrough in conversation, and out-of-scope requests. Phrasings written
 * for this file in customers' voices (angry, text-speak, retired, non-native, IT jargon).
 */
import { detectIntent, detectNavigation } from '../knowledge/intents';
import { harness } from './helpers/handover-runtime';
import { last } from './helpers/talk';

const PERSON = /put you in touch with a person/;
const NOT_SURE = /not sure about that one/;
const SETTINGS_CARD = /BT Email settings: /;
const BT_HOST = /mail\.btinternet\.com/;

describe('wanting a person, in any wording, gets the handover offer', () => {
  it.each([
    'this bot is useless get me someone',
    'escalate to 2nd line',
    'I want to complain to a manager',
    'can I ring someone',
    'is there a number I can call',
    'a real human pls m8',
    'put me through to second line support please',
    'can someone phone me back about this',
    'how do i contact bt by phone',
    'Could I please be connected to an advisor',
    'you are not helping, I need to talk to your supervisor',
    'i want someone senior',
    'please escalate my case',
    'ur rubbish, customer services please',
    'i have been at this an hour, i need a proper person to sort it out',
    'is there anybody i can speak to on the phone about this',
    'id like a callback from an engineer',
    'i would like to make a formal complaint',
    'hand this to a real person',
    'this is going nowhere, let me talk to a real one',
    'pls escalate to first line team, outlook wont send',
    'I wish to be transferred to a human being please',
    'can i get in touch with bt over the phone',
    'how do I ring BT about my email',
    'hello i am 82 and i dont understand any of this can i speak to a young man or lady on the telephone',
    'Kindly connect me with customer care executive',
    'get me ur boss',
    'wheres the complaints department',
    'talk 2 sum1 pls',
    "I'd like to raise a ticket with level 2 support",
    'escalate this to tier 2',
    'this is ridiculous, who can I actually talk to',
    'can somebody from bt ring me on my mobile',
    "I've been on hold for ages on the phone, can I just speak to someone here",
    'is there an email address for complaints',
    'ok i give up. human.',
    'someone who speaks english please',
    'i prefer talking to a person',
    'can i book an engineer',
    'can someone set it up for me',
    "I'm 80 and can't do this myself, can somebody do it for me",
    'bt customer services number',
    'how can i contact you',
    'contact us',
  ])('%s', async (message) => {
    expect(detectIntent(message)).toBe('human');
    const reply = await last([message]);
    expect(reply).toMatch(PERSON);
    expect(reply).not.toMatch(SETTINGS_CARD);
  });

  it.each([
    'what port number for imap',
    'my phone wont connect to bt email',
    'the second line of the settings page says port 995, is that right?',
    'does bt support imap on the iphone',
    'what do i call the outgoing server in outlook',
    'will outlook complain if i use port 587',
    'can you set up imap on my phone',
    'i was talking to a person at bt yesterday and they said port 465',
    'what is the imap server for a human to read',
  ])('a question that only shares a word is not a request for a person: %s', (message) => {
    expect(detectIntent(message)).not.toBe('human');
  });
});

describe('the offer of a person: yes in any wording connects, no keeps trying, no with a question answers it', () => {
  const FINDING = /finding someone for you/;
  const KEPT = /let's keep going here/;

  async function afterOffer(reply: string): Promise<string> {
    const h = harness();
    expect((await h.say('this bot is useless get me someone')).join(' ')).toMatch(/connect you to a person/);
    return (await h.say(reply)).join(' ');
  }

  it.each([
    'yes',
    'yes please',
    'go on then',
    'ok do it',
    'aye',
    'please do',
    'yeah go on',
    'ok',
    'sure, connect me',
    'oh go on then',
    'please yes',
    'yep',
    'yes I would like that very much',
  ])('yes: %s', async (reply) => {
    expect(await afterOffer(reply)).toMatch(FINDING);
  });

  it.each([
    'no',
    "nah I'll keep trying",
    'hmm maybe later',
    'not now',
    "no it's ok, I'll manage",
    'nah im good',
    'not right now',
    "I've changed my mind",
    'dont worry about it',
    'no im alright thanks',
  ])('no: %s', async (reply) => {
    expect(await afterOffer(reply)).toMatch(KEPT);
  });

  it.each([
    ["no thanks, but what's the smtp port?", /\b465\b/],
    ['no dont, what is the incoming server', BT_HOST],
    ['not yet, whats the imap port', /\b993\b/],
    ['maybe later. which port for pop3?', /\b995\b/],
  ])('no with a question: %s', async (reply, answer) => {
    const out = await afterOffer(reply);
    expect(out).toMatch(answer);
    expect(out).not.toMatch(FINDING);
  });
});

describe('when no one can take the chat, the offer to leave a message reads yes and no the same way', () => {
  async function afterContactOffer(reply: string): Promise<string> {
    const h = harness({ config: { handoffTarget: 'contact', handoffFallbackTarget: 'contact' } });
    expect((await h.say('a real human pls m8')).join(' ')).toMatch(/leave a message/);
    return (await h.say(reply)).join(' ');
  }

  it.each(['yes', 'go on then', 'ok do it', 'aye'])('yes: %s', async (reply) => {
    expect(await afterContactOffer(reply)).toMatch(/type your message for the support team/);
  });

  it.each(['no', 'not right now', "I've changed my mind"])('no: %s', async (reply) => {
    expect(await afterContactOffer(reply)).toMatch(/still here if you need help/);
  });

  it('no with a question: the question is answered', async () => {
    expect(await afterContactOffer('no thanks, what is the imap port?')).toMatch(/\b993\b/);
  });
});

describe('"it still doesn\'t work" after an answer: the next checks or a person, never the settings again', () => {
  const CHECKS = /Check them one by one|check the incoming settings/;

  it.each([
    ['what is the smtp server', 'it still doesnt work'],
    ['what is the smtp server', 'same error'],
    ['what is the smtp server', 'tried that, no luck'],
    ['whats the outgoing port', 'done that still cant send'],
    ['what is the smtp server', 'nothing changed'],
    ['what is the smtp server', 'that didnt help at all'],
    ['what is the smtp server', 'tried all of that already'],
    ['what is the smtp server', 'makes no difference m8'],
    ['what is the pop server', 'changed it and it still wont download'],
    ['whats the imap port', 'STILL NOT WORKING!!!'],
    ['whats the imap server', 'already did that, same thing'],
    ['whats the smtp port', 'ive put that in and its STILL not sending!!!'],
    ['whats the smtp port', 'i did exactly what you said and nothing'],
    ['whats the smtp port', 'it keeps failing'],
    ['whats the smtp port', 'nope. nada. zilch.'],
    ['whats the smtp port', "that's what I already had"],
    ['whats the imap server', 'STILL NOTHING IN MY INBOX'],
    ['whats the imap server', "didn't change anything"],
  ])('%s → %s', async (question, still) => {
    const reply = await last([question, still]);
    expect(reply).toMatch(CHECKS);
    expect(reply).not.toMatch(SETTINGS_CARD);
    expect(reply).not.toMatch(NOT_SURE);
  });

  it.each([
    ['imap settings', 'that hasnt fixed it'],
    ['imap settings', 'no joy'],
    ['imap settings', 'i did all that and its still broken'],
    ['my emails wont send', 'still not sending'],
    ['my emails wont send', 'still not sending', 'still nothing'],
    ['i get error 530', 'outlook', 'no', 'still not working'],
    ['my password is not accepted', 'still asking for password'],
    ['emails stuck in outbox', 'still stuck', 'still stuck'],
  ])('after a fuller answer: checks or a person, %s', async (...turns) => {
    const reply = await last(turns);
    expect(reply).toMatch(/Talk to a person|check the incoming settings|Check them one by one/);
    expect(reply).not.toMatch(SETTINGS_CARD);
    expect(reply).not.toMatch(/glad it helped/);
  });

  it.each(['it still doesnt work', 'still not working', 'nothing has changed, same problem'])(
    'with nothing answered yet, asks which side fails: %s',
    async (message) => {
      const reply = await last([message]);
      expect(reply).toMatch(/Can't send email/);
      expect(reply).toMatch(/Can't receive email/);
    },
  );
});

const STARTED = /No mail program converts a POP account to IMAP in place/;

describe('a request to move from POP to IMAP starts the walkthrough', () => {
  it.each([
    'move me from pop to imap',
    'i want my emails on all my devices, how do I change from pop',
    'convert my outlook to imap please',
    'switch 2 imap',
    'can you change my account over to imap',
    'make it imap instead of pop',
    'how do I get off pop and onto imap',
    'help me upgrade from pop3 to imap',
    'swap pop for imap',
    'i want to stop using pop',
    'how do i move away from pop on my laptop',
    'my thunderbird is on pop, want it on imap',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(STARTED);
    expect(reply).toMatch(/Step [12] of 6/);
  });
});

describe('inside the walkthrough: next, back, stop, and questions answered in place', () => {
  const START = ['move me from pop to imap', 'outlook'];

  it.each([
    [['next'], /Step 3 of 6: Add the account again as a new IMAP account/],
    [['next', 'back'], /Step 2 of 6: Stop the POP account checking for new mail/],
    [['next', 'go back'], /Step 2 of 6: Stop the POP account checking for new mail/],
    [['next', 'ok done', 'previous'], /Step 3 of 6/],
    [['step 4'], /Step 4 of 6/],
    [['next', 'nxt'], /Step 4 of 6/],
    [['next', 'can we go back a step'], /Step 2 of 6/],
    [['step three'], /Step 3 of 6/],
  ])('%j', async (turns, expected) => {
    expect(await last([...START, ...turns])).toMatch(expected);
  });

  it.each([
    'stop',
    'cancel',
    'forget it',
    'actually leave it',
    'i dont want to do this',
    'lets leave it there',
    "enough, i'll do it later",
    'quit',
  ])('stops: %s', async (stop) => {
    const reply = await last([...START, stop]);
    expect(reply).toMatch(/stop|stopped/);
    expect(reply).not.toMatch(/Step \d of 6/);
  });

  it.each([
    [['next', 'what port was it?'], /\b993\b/],
    [['will I lose my old emails?'], /kept only on that computer/],
    [['next', 'next', 'next', 'next', 'do I delete the pop account on my phone too?'], /on every device that used POP/],
    [['next', 'whats the outgoing server again'], /outgoing \(SMTP\) server is mail\.btinternet\.com/],
    [['do i need to back up first'], /Back it up first/],
    [['what happens to my old mail?'], /kept only on that computer/],
    [['is my old stuff gonna disappear'], /kept only on that computer/],
    [['next', 'what about emails in my local folders'], /kept only on that computer/],
    [['next', 'my emails r gone!!'], /kept only on that computer/],
    [['next', 'should I remove pop from my ipad as well'], /on every device that used POP/],
    [['next', 'is it the same password as before'], /your BT Email password/],
    [['next', 'hang on is it 993 or 995'], /Use port 993\./],
    [['next', 'it still doesnt work'], /check the incoming settings/],
    [['next', 'what about my broadband bill'], /can't see or change your BT account/],
    [['next', 'will my contacts come across'], /not mailbox features/],
  ])('a question mid-way is answered, then the step shown again: %j', async (turns, answer) => {
    const reply = await last([...START, ...turns]);
    expect(reply).toMatch(answer);
    expect(reply).toMatch(/Step \d of 6/);
  });

  it('"can I keep both accounts?" is not answered "Yes" and then told to remove one', async () => {
    const reply = await last([...START, 'next', 'can i keep both accounts']);
    expect(reply).toMatch(/remove the POP account/);
    expect(reply).not.toMatch(/^Yes/);
  });

  it.each(['leave it', 'actually leave it', 'lets stop', 'i dont want to do this'])('"%s" reads as stop', (text) => {
    expect(detectNavigation(text)).toBe('stop');
  });
});

describe('walkthrough words with no walkthrough under way say what they belong to, never "not sure"', () => {
  it.each([
    'next',
    'back',
    'step 2',
    'go back',
    'whats the next step',
    'ok next',
    'go to step 4',
    'done that, next',
    'nxt',
    'step three',
    'previous step',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(/no walkthrough under way/);
    expect(reply).toMatch(/Switch POP to IMAP/);
    expect(reply).not.toMatch(NOT_SURE);
  });
});

describe('answering the walkthrough offered: yes in any wording starts it, no says what else it can do', () => {
  it.each([
    ['next', 'go on then'],
    ['back', 'ok do it'],
    ['step 2', 'aye'],
    ['next', 'yes please, on my iphone'],
    ['is imap better than pop', 'ok lets do it'],
    ['is imap better than pop', 'go ahead then'],
  ])('%s → %s', async (offer, yes) => {
    expect(await last([offer, yes])).toMatch(STARTED);
  });

  it.each(['no', 'nah', 'not now', 'maybe later'])('no: %s', async (no) => {
    const reply = await last(['next', no]);
    expect(reply).toMatch(/won't switch now/);
    expect(reply).not.toMatch(NOT_SURE);
  });

  it('a plain yes after a comparison answers "Was this helpful?", not the walkthrough', async () => {
    expect(await last(['is imap better than pop', 'yes'])).not.toMatch(STARTED);
  });
});

describe('a yes to the person an out-of-scope or not-understood reply offered asks for one', () => {
  it.each([
    ['my wifi keeps dropping', 'yes please'],
    ['my wifi keeps dropping', 'ok how do i reach them'],
    ['my wifi keeps dropping', 'who can help then'],
    ['how do i set up an auto reply', 'ok can you put me through'],
    ['how do i set up an auto reply', 'yes'],
    ['dmarc record for my domain', 'so who does'],
    ['the weather is lovely', 'yes'],
    ['are you a bot', 'ok'],
  ])('%s → %s', async (before, yes) => {
    expect(await last([before, yes])).toMatch(PERSON);
  });

  it('with a live handover, the handover makes its offer', async () => {
    const h = harness();
    await h.say('my wifi keeps dropping');
    expect((await h.say('yes please')).join(' ')).toMatch(/connect you to a person/);
  });

  it.each([
    ['how do i set up an auto reply', 'fine, then what can you do'],
    ['what is the smtp server', 'yes'],
  ])('a question, or a yes with no person offered, is not: %s → %s', async (before, text) => {
    expect(await last([before, text])).not.toMatch(PERSON);
  });

  it('a bare "no" with nothing asked is not "not sure"', async () => {
    expect(await last(['what is the smtp server', 'no'])).not.toMatch(NOT_SURE);
  });
});

describe('out of scope: said plainly, with a person or what it can do offered, never BT server settings', () => {
  it.each([
    'why is my bill so high this month',
    'i was charged twice for my bt package',
    'can i get a refund',
    'can you tell me why my direct debit failed',
    'my wifi keeps dropping',
    'internet is really slow tonight',
    'my bt hub light is flashing orange',
    'what are the smtp settings for my gmail account',
    'how do i set up outlook.com on my iphone',
    'how do i add an mx record for my domain',
    'what spf record do I need for mydomain.co.uk',
    'dkim keeps failing for our company domain',
    'how do i set an auto reply on my bt email',
    'can you set up forwarding to my gmail',
    'add a signature to my emails',
    'my mailbox is full, how much storage do i get',
    'how do I block someone from emailing me',
    'can i forward all my btinternet mail to my work address using imap',
    'cancel my bt contract',
    'is bt email free or do i get billed',
    'wifi password for my hub',
    'i have a gmail address, can you give me the smtp',
    'outlook.com smtp port?',
    'we host our own domain, which spf include for btinternet',
    'can i make a rule to sort emails into folders automatically',
    'set up vacation responder',
    'change the name people see when i send email',
    'how do I delete all my old emails at once',
    'I want to cancel my email',
    'what is my bt id',
    'virgin media mail not working',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(/Sorry, I can('|’)t|Sorry, I can only help/);
    expect(reply).toMatch(/support team|Talk to a person|I can help with BT Email settings/);
    expect(reply).not.toMatch(BT_HOST);
    expect(reply).not.toMatch(/stopped that/);
  });
});
