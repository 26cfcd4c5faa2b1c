/**
 * Issue 15 (checker): conversations with the real bot. A check asked for with settings shown gets
 * the checker's table (as text where cards do not show, as a card in Web Chat and Teams); asked for
 * with none, the offer of the form, whose answer is checked the same way; single-value questions
 * and pasted screens asking something specific keep their own answers; a password is never echoed.
 */
import type { Activity, TestAdapter } from 'botbuilder';
import { checkFormCard, type AdaptiveCardJson } from '../dialogs/cards';
import { newAdapter, say } from './helpers/talk';
import { cardProblems } from './helpers/card-problems';

/** The activities the bot sent in reply to one activity. */
async function send(adapter: TestAdapter, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.send(activity).startTest();
  return adapter.activeQueue.splice(0);
}

function cardIn(activities: Partial<Activity>[]): AdaptiveCardJson {
  const card = activities.flatMap((a) => a.attachments ?? []).find((a) => a.contentType.includes('adaptive'));
  if (!card) throw new Error('no Adaptive Card in the reply');
  return card.content as AdaptiveCardJson;
}

const FREE_TEXT =
  "these are my settings — what's wrong? incoming pop.btinternet.com 110 no ssl, outgoing smtp.btinternet.com 25";
const OUTLOOK_PASTE = [
  "can you check my settings? I can't send",
  'Incoming mail server: mail.btinternet.com',
  'Port: 993',
  'User name: jsmith',
  'Password: Hunter22',
  'Outgoing mail server: mail.btinternet.com',
  'Port: 587',
  'Encryption: STARTTLS',
  'My outgoing server requires authentication: unticked',
].join('\n');

describe('a check asked for, in a channel without cards: the plain-text table', () => {
  it.each<[string, RegExp[]]>([
    [
      FREE_TEXT,
      [
        /^✗ Incoming server +pop\.btinternet\.com +mail\.btinternet\.com$/m,
        /^✗ Incoming port +110 +995$/m,
        /^✗ Outgoing port +25 +465$/m,
      ],
    ],
    [
      'can you check my settings please: IMAP server mail.btinternet.com port 993 SSL, SMTP server mail.btinternet.com port 465 SSL',
      [/nothing shown is wrong/, /^✓ Incoming port +993 +993$/m, /^✓ Outgoing port +465 +465$/m],
    ],
    [
      'here are my settings\nServer: mail.btinternet.com\nPort: 995\nSecurity: SSL/TLS\nSPA: on',
      [/^✗ Incoming authentication +SPA on/m, /cannot work: Secure Password Authentication \(SPA\) won't work/],
    ],
    [
      // Listed on one line with nothing asked: checked too.
      'incoming pop.btinternet.com 110 no ssl, outgoing smtp.btinternet.com 25',
      [
        /^✗ Incoming server +pop\.btinternet\.com/m,
        /^✗ Incoming encryption +none/m,
        /^✗ Outgoing server +smtp\.btinternet\.com/m,
      ],
    ],
    [
      'whats wrong? incoming mail.btinternet.com 993 ssl and outgoing mail.btinternet.com 587 starttls',
      [/^✗ Outgoing port +587 +465$/m, /merely old/],
    ],
  ])('%s', async (text, patterns) => {
    const out = await say(newAdapter(), text);
    for (const p of patterns) expect(out).toMatch(p);
    expect(out).toMatch(/\[All (IMAP|POP3) settings\] \[All SMTP settings\]/);
  });

  it('puts the likely cause of the problem named first, warns about the password and never repeats it', async () => {
    const out = await say(newAdapter(), OUTLOOK_PASTE);
    expect(out).toMatch(/^Please don't share your password/);
    expect(out).toMatch(/Most likely cause of "Can't send email": Outgoing authentication\./);
    expect(out.indexOf('✗ Outgoing authentication')).toBeLessThan(out.indexOf('✗ Outgoing port'));
    expect(out).not.toMatch(/Hunter22|jsmith/);
  });

  it("puts the cause of a quoted error first, and offers that program's steps", async () => {
    const out = await say(
      newAdapter(),
      'can you check my settings? Outlook says 530 5.7.0 Authentication required\nServer: mail.btinternet.com\nPort: 465\nEncryption: SSL/TLS\nRequires authentication: off',
    );
    expect(out).toMatch(/Most likely cause of "Error 530 \(authentication required\)": Outgoing authentication\./);
    expect(out).toMatch(/^✗ Outgoing authentication +not ticked/m);
    expect(out).toMatch(/cannot work: without it, sending fails with error 530/);
    expect(out).toMatch(/\[Change it in Outlook\]/);
  });

  it('offers the steps for the program named, instead of the settings', async () => {
    const out = await say(
      newAdapter(),
      'can you check my outlook settings? incoming pop.btinternet.com 110, outgoing smtp.btinternet.com 25',
    );
    expect(out).toMatch(/\[Change it in Outlook\]/);
  });

  it.each<[string, string, string]>([
    ['these are my settings in thunderbird, whats wrong?', FREE_TEXT, 'Thunderbird'],
    [
      "I'm using Outlook",
      'can you check these: incoming pop.btinternet.com 110, outgoing smtp.btinternet.com 25',
      'Outlook',
    ],
    ['its on my macbook mail app', "what's wrong here? smtp.btinternet.com port 25 no ssl", 'Apple Mail'],
  ])('offers the steps for a program named in an earlier message: %s', async (first, paste, program) => {
    const adapter = newAdapter();
    await say(adapter, first);
    const out = await say(adapter, paste);
    expect(out).toMatch(/I've checked your settings/);
    expect(out).toContain(`[Change it in ${program}]`);
  });
});

describe('what the checker leaves to the answers already there', () => {
  it.each<[string, RegExp]>([
    ['is 587 right?', /465/],
    ['what is the imap port?', /993/],
    [
      'Server: mail.btinternet.com\nPort: 25\nSecure: none\nwhat should the port be?',
      /Port 25 is not right — use 465 for SMTP/,
    ],
    ['I get error 535 when sending', /Error 535 means/],
  ])('%s', async (text, expected) => {
    const out = await say(newAdapter(), text);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/I've checked your settings/);
  });
});

describe('in Web Chat and Teams: the check as a card', () => {
  it('sends a small valid card with every field, and the steps or settings as buttons', async () => {
    const replies = await send(newAdapter(), { type: 'message', text: FREE_TEXT, channelId: 'webchat' });
    const card = cardIn(replies);
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    for (const label of ['✗ Incoming server', '✗ Incoming port', '✗ Outgoing port', '? Username'])
      expect(json).toContain(label);
    expect(json.length).toBeLessThan(6_000);
    expect(replies[0]?.text).toMatch(/^I've checked your settings against BT Email's: 5 to change/);
    const buttons = replies[0]?.suggestedActions?.actions.map((a) => a.title);
    expect(buttons?.slice(0, 2)).toEqual(['All POP3 settings', 'All SMTP settings']);
  });

  it('sends the same card in Teams', async () => {
    const replies = await send(newAdapter(), {
      type: 'message',
      text: FREE_TEXT,
      channelId: 'msteams',
      conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' },
    });
    const card = cardIn(replies);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('✗ Incoming port');
  });

  it('keeps the password warning in the text above the card', async () => {
    const replies = await send(newAdapter(), { type: 'message', text: OUTLOOK_PASTE, channelId: 'webchat' });
    expect(replies[0]?.text).toMatch(/^Please don't share your password/);
    expect(JSON.stringify(replies)).not.toMatch(/Hunter22|jsmith/);
    expect(cardProblems(cardIn(replies))).toEqual([]);
  });
});

describe('"check my settings" with nothing to check: the form', () => {
  it('offers to paste them as text where cards do not show', async () => {
    const out = await say(newAdapter(), 'can you check my settings');
    expect(out).toMatch(/Paste what your mail program shows/);
    expect(out).not.toMatch(/Input\.Text/);
  });

  it('shows a valid form in Web Chat, without a password field', async () => {
    const card = cardIn(
      await send(newAdapter(), { type: 'message', text: 'can you check my settings', channelId: 'webchat' }),
    );
    expect(card).toEqual(checkFormCard());
    expect(cardProblems(card)).toEqual([]);
    const inputs = (card.body as { type: string; id?: string; label?: string }[]).filter((e) =>
      e.type.startsWith('Input.'),
    );
    expect(inputs.map((i) => i.id)).toEqual([
      'inServer',
      'inPort',
      'inEncryption',
      'inAuthentication',
      'outServer',
      'outPort',
      'outEncryption',
      'outAuthentication',
      'username',
    ]);
    for (const input of inputs) expect(`${input.id} ${input.label}`).not.toMatch(/password/i);
  });

  it('checks the form sent back, the same way, never repeating the username', async () => {
    const value = {
      checkSettingsForm: 1,
      inServer: 'pop.btinternet.com',
      inPort: '110',
      inEncryption: 'none',
      inAuthentication: 'spa',
      outServer: 'mail.btinternet.com',
      outPort: 465,
      outEncryption: 'ssl',
      outAuthentication: 'off',
      username: 'jsmith',
    };
    const replies = await send(newAdapter(), { type: 'message', value, channelId: 'webchat' });
    const json = JSON.stringify(cardIn(replies));
    for (const label of [
      '✗ Incoming server',
      '✗ Incoming port',
      '✗ Incoming encryption',
      '✗ Incoming authentication',
      '✓ Outgoing port',
      '✗ Outgoing authentication',
      '✗ Username',
    ])
      expect(json).toContain(label);
    expect(JSON.stringify(replies)).not.toContain('jsmith');
  });

  it('answers a form sent back in a channel without cards as text', async () => {
    const adapter = newAdapter();
    const replies = await send(adapter, {
      type: 'message',
      value: { checkSettingsForm: 1, outPort: '587', outEncryption: 'starttls' },
    });
    expect(replies[0]?.text).toMatch(/^✗ Outgoing port +587 +465$/m);
  });
});
