/** Issue 13 (last): handover asked through support words, declines with a request, POP-or-IMAP advice, "same for …?". */
import { last } from './helpers/talk';
import { decide } from '../handover/machine';
import { HANDOVER_TEXT } from '../handover/messages';
import { detectIntent } from '../knowledge/intents';
import { at, customer, expectDeclineAnswered, offered, SETTINGS } from './helpers/handover-fixtures';

const HANDOVER = /put you in touch with a person/;
const SMTP_BLOCK = /Check them one by one/;

describe('asking to be sent to a support desk is a handover request, even with a problem in it', () => {
  it.each([
    'outlook keeps bouncing my mail, pls transfer me to ur technical support team',
    'can u put me thru to the tech guys, smtp error 530 again',
    'escalate to support plz, port 465 still fails and i cant send anything',
    'could you pass me over to your helpdesk? my emails are stuck in the outbox',
    'get me some support people on this, sending is broken',
    'Can I be transferred to a support agent? Mail will not go out since Monday.',
    'hand me over to tech support pls, iphone wont send',
    'is there a way to reach the tech team, nothing sends',
    'I need the IT helpdesk, my emails wont send',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(HANDOVER);
    expect(reply).not.toMatch(SMTP_BLOCK);
  });

  it.each([
    'does BT support IMAP?',
    'does it support ssl on port 993',
    'my phone wont connect, does btinternet support pop3',
    'Hi, I need technical support with my email, it wont send',
    'I was transferred to tech support last week and they told me port 465, is that right?',
  ])('"support" as a verb or an opening is not a handover: %s', (message) => {
    expect(detectIntent(message)).toBeUndefined();
  });
});

const IMAP_VS_POP = /IMAP always syncs with the BT Email server/;
const POP_BLOCK = /BT Email settings: POP3/;

describe('POP trouble across devices, or whether POP is still worth keeping, is the IMAP-or-POP answer', () => {
  it.each([
    'the laptop grabs the emails first and then my mobile never gets them. is this pop?? what do you suggest',
    'messages downloaded on the desktop dont show up on the iphone, its pop3 i think, what should i use then',
    "wife's tablet doesnt get the mail once my work computer has pulled them down - what's the alternative?",
    'mail vanishes from the phone after the office pc downloads them',
    'we got pop on 3 machines and they all show different mail, what should we use instead?',
    'is there any point keeping pop3 if i only use the one pc and never webmail',
    'only have one computer, dont use webmail at all. any reason to stick with pop?',
    'worth keeping POP3 on a single desktop?',
    'the tablet stopped getting emails since the laptop downloaded them all. pop?? whats better',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(IMAP_VS_POP);
    expect(reply).not.toMatch(POP_BLOCK);
  });

  it.each(['what are the pop3 settings', 'pop server and port please', 'how do i download my emails to my phone'])(
    'a settings request stays one: %s',
    async (message) => {
      expect(await last([message])).not.toMatch(IMAP_VS_POP);
    },
  );
});

describe('declining the handover offer with a request, not a question: the request is answered', () => {
  it.each([
    ['no dont worry about it, just need the smtp port', /\b465\b/],
    ['nah. give me the incoming server then', /mail\.btinternet\.com/],
    ['nope thats fine - tell me the port for imap', /\b993\b/],
    ['no thanks i just want to know the pop3 port', /\b995\b/],
    ['Nah skip that, just the username for sending', /full email address/],
    ['no no, only need the imap port', /\b993\b/],
    ['nah mate just want the outgoing server name', /mail\.btinternet\.com/],
    ['No i dont need anyone, just the pop3 port', /\b995\b/],
    // Fillers between the "no" and the request ("actually", "honestly", "well", "look").
    ['no actually dont worry, just give me the smtp port', /\b465\b/],
    ['nope, honestly, just tell me the imap server', /mail\.btinternet\.com/],
    ['no well what is the pop3 port then', /\b995\b/],
    // "It's fine" after the filler: the decline is still only a lead-in to the request.
    ['no actually its fine, just tell me the smtp port', /\b465\b/],
    ["nope honestly that's ok - what's the pop port", /\b995\b/],
    ['no really its fine. what is the imap server?', /mail\.btinternet\.com/],
  ])('%s', async (text, answer) => {
    expectDeclineAnswered(text);
    expect(await last(['what is the smtp server', 'can I talk to a person', text])).toMatch(answer);
  });

  it.each(['no', 'nope', 'no thanks', 'no dont bother', 'no actually', 'nah honestly'])(
    'a plain no still keeps trying: %s',
    (text) => {
      const decision = decide(offered('confirm'), customer(text), at(1), SETTINGS);
      expect(decision.effects).toContainEqual(expect.objectContaining({ text: HANDOVER_TEXT.keptTrying }));
    },
  );
});

const SAME = /^Yes, the same for (outgoing|incoming)/;

describe('"same for the other side?" after a username, password or server: yes, where the knowledge has one value', () => {
  it.each([
    [
      ['which username do i put for imap'],
      'and is it the same for outgoing?',
      /^Yes, the same for outgoing \(SMTP\) mail\. Username: your full email address/,
    ],
    [['user name for pop3 pls'], 'same for sending??', /^Yes, the same for outgoing[\s\S]*full email address/],
    [
      ['whats the incoming server name'],
      'is that the same one for sending mail',
      /^Yes, the same for outgoing \(SMTP\) mail\. The outgoing \(SMTP\) server is mail\.btinternet\.com/,
    ],
    [['outgoing server?'], 'same for incoming?', /^Yes, the same for incoming[\s\S]*mail\.btinternet\.com/],
    [
      ['what password goes in the imap bit'],
      "and that's the same for smtp, right?",
      /^Yes, the same for outgoing[\s\S]*BT Email password/,
    ],
  ])('%j then %s', async (before, text, expected) => {
    const reply = await last([...before, text]);
    expect(reply).toMatch(expected);
  });

  it.each([
    [['imap port'], 'same for smtp?', /465/],
    [['what port for pop3'], 'is it the same for outgoing', /465/],
  ])('a port is not the same on both sides: no "Yes, the same" (%j then %s)', async (before, text, expected) => {
    const reply = await last([...before, text]);
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(SAME);
  });

  it('a stated value is not asked: "No, the server is the same" gets no "Yes"', async () => {
    expect(await last(['imap server', 'No, the server is the same'])).not.toMatch(SAME);
  });
});
