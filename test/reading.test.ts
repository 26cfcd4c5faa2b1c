/**
 * Issue 13, reading whole messages: every question of a list or a run-on message answered, a
 * preference not taken for a request for a person, the verdict first on boxes that must be
 * ticked, questions at the walkthrough's "which program?" answered, pasted settings screens read
 * field by field. Phrasings written for these tests, in customers' voices.
 */
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { createBot } from '../bots';
import { createAnswerer } from '../knowledge';
import { detectIntent } from '../knowledge/intents';
import { readScreen } from '../knowledge/screen';
import { SAY } from '../dialogs/texts';
import { HANDOVER_TEXT } from '../handover/messages';

const answerer = createAnswerer();
const reply = (text: string): string => answerer.ask(text).reply.text;

describe('several questions in one message: each gets its answer', () => {
  it.each<[string, RegExp[]]>([
    ['two qs: 1. whats the imap server 2. which port do i use for sending', [/mail\.btinternet\.com/, /465/]],
    ['a) pop port b) do i need to tick spa', [/995/, /Secure Password Authentication/]],
    [
      'quick list\n- incoming server\n- outgoing port\n- username',
      [/mail\.btinternet\.com/, /465/, /full email address/],
    ],
    ['wat is the smtp server n wot port does it use', [/SMTP\) server is mail\.btinternet\.com/, /port 465/]],
    ['imap.btinternet.com, which port, and why do I need SSL at all?', [/993/, /encrypts everything/]],
    ['POP or IMAP, and which port for incoming then?', [/BT recommends IMAP/, /IMAP \(incoming\): port 993/]],
    ['need the outgoing server & the port for it', [/SMTP\) server is mail\.btinternet\.com/, /port 465/]],
    ['What port and what server do I put for sending mail', [/SMTP\) server is mail\.btinternet\.com/, /port 465/]],
    ['Q1: incoming server? Q2: outgoing port? Q3: SSL yes or no?', [/incoming .*server is mail/, /port 465/, /SSL/]],
    [
      'firstly what is the pop server, secondly do i need ssl',
      [/POP3\) server is mail\.btinternet\.com/, /^Yes — SSL/m],
    ],
  ])('%j', (text, patterns) => {
    const out = reply(text);
    for (const p of patterns) expect(out).toMatch(p);
  });

  it.each(['what is the outgoing server port', 'which port does the smtp server use'])(
    '%j names the server in passing: the port only',
    (text) => {
      const out = reply(text);
      expect(out).toMatch(/465/);
      expect(out).not.toMatch(/server is mail\.btinternet\.com/);
    },
  );
});

describe('a preference or a fact about the set-up is not a request for a person', () => {
  it.each([
    "I'd rather stay on POP, there's only the one computer here. What port is POP?",
    'i prefer pop as i only use my desktop computer',
    'we have someone else in the office on imap, is that ok',
    'keep pop on my old computer please, which port',
    'I hate this computer, it keeps asking for my password',
    'my son prefers imap on his computer, should I change too',
  ])('%j', (text) => {
    expect(detectIntent(text)).not.toBe('human');
  });

  it.each([
    "I'd rather talk to a human than a computer",
    'can I have someone from BT call me back',
    'put me through to an advisor',
    'i dont want a robot',
    'get me a real person',
    'i need someone to sort this out for me',
  ])('%j asks for a person', (text) => {
    expect(detectIntent(text)).toBe('human');
  });
});

describe('yes or no about a box the settings say must be ticked: the verdict first', () => {
  it.each<[string, RegExp]>([
    ['do i have to tick outgoing server requires authentication?', /^Yes — tick it\./],
    ['is the smtp authentication box supposed to be ticked, my husband says it isnt', /^Yes — tick it\./],
    // Said as a switch ("switched on"): turned on, as the customer put it.
    ['does sending need authentication switched on', /^Yes — turn it on\./],
    ['can I untick authentication for outgoing mail', /^No — keep it ticked/],
    ['should i leave the my server requires authentication box off', /^No — keep it ticked/],
    ['should SSL be turned off for pop', /^No — SSL \(SSL\/TLS\) must be on/],
    ['can the ssl box stay unticked', /^No — SSL \(SSL\/TLS\) must be on/],
    ['does ssl need to be on for imap?', /^Yes — SSL is right/],
    // Issue 13 (verdicts): "… or not" about a box is an either/or: the option, never a yes or no.
    ['do I tick SPA or not', /^Off — leave it unticked\. Do not enable Secure Password Authentication/],
  ])('%j', (text, verdict) => {
    expect(reply(text)).toMatch(verdict);
  });

  it('a question that is not yes or no gets no verdict', () => {
    expect(reply('what is smtp authentication for')).not.toMatch(/^(Yes|No) —/);
  });
});

/** A fresh bot on memory storage, talked to through botbuilder's TestAdapter. */
function newAdapter(): TestAdapter {
  const bot = createBot({
    answerer,
    config: { supportContact: 'Call the support line.' },
    storage: new MemoryStorage(),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return new TestAdapter((context) => bot.run(context));
}

async function say(adapter: TestAdapter, input: string): Promise<string> {
  await adapter.send(input).startTest();
  return adapter.activeQueue
    .splice(0)
    .map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => `[${x.title}]`)].join(' '))
    .join('\n');
}

describe('a question at the walkthrough\'s "which program?" is answered, then the prompt comes again', () => {
  const PROMPT = /Which mail program or device are you switching\?/;
  it.each<[string, RegExp[]]>([
    ['hold on, should i back up my emails first?', [/Back it up first/, PROMPT]],
    ["how can I check whether I'm on IMAP or POP right now?", [/mail server "type"/, PROMPT]],
    ['do I need to save a copy of my old mail', [/Back it up first/, PROMPT]],
    ['is it worth backing up beforehand? im on thunderbird', [/Back it up first/, /Step 2 of 6/, /Thunderbird/]],
    ['before that, what is the meaning of life?', [/not sure about that one/, PROMPT]],
  ])('%j', async (question, patterns) => {
    const adapter = newAdapter();
    expect(await say(adapter, 'switch from pop to imap please')).toMatch(PROMPT);
    const out = await say(adapter, question);
    for (const p of patterns) expect(out).toMatch(p);
    expect(out).not.toMatch(/Please pick your mail program/);
  });
});

describe('a pasted settings screen is read field by field', () => {
  it.each<[string, RegExp[]]>([
    [
      'Server Settings\nServer Type: POP Mail Server\nServer Name: pop3.btinternet.com  Port: 110\nUser Name: jsmith\nConnection security: None',
      [
        /pop3\.btinternet\.com is not right — use mail\.btinternet\.com/,
        /Port 110 is not right — use 995 for POP3/,
        /full email address/,
        /Turn SSL on for the incoming server/,
      ],
    ],
    [
      'INCOMING MAIL SERVER\nHost Name: mail.btinternet.com\nUser Name: sue@btinternet.com\nPassword: ••••••••\nOUTGOING MAIL SERVER\nHost Name: smtp.btinternet.com\nUse SSL: ON\nServer Port: 587',
      [
        /Outgoing \(SMTP\) server: smtp\.btinternet\.com is not right — use mail\.btinternet\.com/,
        /Port 587 is not right — use 465 for SMTP/,
        /These are right: incoming \(IMAP\) server mail\.btinternet\.com/,
      ],
    ],
    [
      'Incoming: mail.btinternet.com, port 993, SSL/TLS\nOutgoing: mail.btinternet.com, port 465, SSL/TLS\nUsername: bob@talk21.com\nhelp it wont send',
      [/what I can see there is right/, /My server requires authentication/],
    ],
    [
      'Require logon using Secure Password Authentication (SPA): ticked\nIncoming mail server: mail.btinternet.com\nPassword: *******',
      [/Untick Secure Password Authentication/, /These are right: incoming \(IMAP\) server mail\.btinternet\.com/],
    ],
    [
      'IMAP server: mail.btinternet.com:143\nSMTP server: mail.btinternet.com:25',
      [/Port 143 is not right — use 993/, /Port 25 is not right — use 465/],
    ],
    [
      'incoming server pop.btinternet.com port 110 ssl off\noutgoing server smtp.btinternet.com port 25 ssl off\nwhy wont it work',
      [/Port 110 is not right — use 995/, /Turn SSL on for the incoming server/, /Turn SSL on for the outgoing server/],
    ],
    [
      'Incoming: mail.btinternet.com, port 993, SSL/TLS\nOutgoing: mail.btinternet.com, port 465, STARTTLS',
      [/Turn SSL on for the outgoing server \(SSL\/TLS, not STARTTLS\)/, /SSL on for the incoming server/],
    ],
    [
      'Outgoing server (SMTP): 587\nUse the following type of encrypted connection: None',
      [/Port 587 is not right — use 465/, /Turn SSL on/],
    ],
    [
      'account type = IMAP | incoming server = imap.btinternet.com | port = 143 | encryption = STARTTLS | SPA = yes',
      [
        /imap\.btinternet\.com is not right/,
        /Port 143 is not right — use 993/,
        /not STARTTLS/,
        /Untick Secure Password/,
      ],
    ],
  ])('%j', (screen, patterns) => {
    const out = reply(screen);
    for (const p of patterns) expect(out).toMatch(p);
    expect(out).not.toMatch(/jsmith|not sure|don't share your password/i);
  });

  it.each([
    'what are the incoming and outgoing servers and ports',
    'my incoming server is mail.btinternet.com, is that right?',
    'I get error 535 when sending from Outlook',
  ])('%j is a question, not a screen', (text) => {
    expect(readScreen(text, ['btinternet.com'])).toBeUndefined();
  });
});

describe('asking for a person after "this is useless": a neutral opening', () => {
  it.each([SAY.human('Call the support line.'), HANDOVER_TEXT.offer('asked')])('%j', (text) => {
    expect(text).not.toMatch(/^Of course/);
    expect(text).toMatch(/^I can put you in touch with a person/);
  });
});
