/** Issue 13: encryption explained (SSL vs STARTTLS), moving to IMAP asked as a request, and setups asked as "what do I write". */
import { createAnswerer } from '../knowledge';

const answerer = createAnswerer();

/** The entry an answer is about, or the settings rows it shows, or why there was none. */
function topicOf(text: string): string {
  const { result } = answerer.ask(text);
  if (result.kind !== 'answer') return result.kind === 'none' ? `none:${result.reason}` : result.kind;
  const t = result.target;
  if (t.type !== 'settings') return t.type === 'entry' ? t.entry.id : t.type;
  return `settings:${t.protocols.join('+')}`;
}

describe('SSL and STARTTLS: the difference is explained, not answered with a verdict', () => {
  it.each([
    'difference between ssl and starttls?',
    'ssl vs tls, whats the difference',
    'SSL or STARTTLS - which does BT want and what is the actual difference',
    'whats that starttls thing',
    'explain starttls vs ssl in plain english please',
    'what is the difference between implicit tls and starttls',
  ])('%s', (text) => {
    expect(topicOf(text)).toBe('ssl-vs-starttls');
    const { reply } = answerer.ask(text);
    expect(reply.text).toMatch(/encrypted from the moment it opens/);
    expect(reply.text).toMatch(/not STARTTLS/);
    expect(reply.text).not.toMatch(/^(Yes|No) —/);
  });

  it.each(['what is this ssl thing', 'my son says i need ssl on, what does that even mean'])(
    '%s is what SSL is for',
    (text) => {
      expect(topicOf(text)).toBe('why-ssl');
      expect(answerer.ask(text).reply.text).not.toMatch(/^(Yes|No) —/);
    },
  );

  it.each(['what is the difference between port 465 and 587', '465 or 587, whats the difference'])(
    '%s is about the ports, not IMAP vs POP',
    (text) => {
      expect(topicOf(text)).toBe('settings:smtp');
      expect(answerer.ask(text).reply.text).toMatch(/\b465\b/);
    },
  );
});

describe('moving to IMAP asked as a request to the bot starts the walkthrough', () => {
  it.each([
    'set my email to imap, its on pop',
    'can you put my email on imap, it is pop now',
    'could you make my account imap its pop3 at the moment',
    'turn my pop account into imap please',
    'can u move me from pop 2 imap',
  ])('%s', (text) => {
    expect(topicOf(text)).toBe('pop-to-imap');
  });

  it.each([
    ['move my account to imap, will i lose mail', 'keep-local-mail'],
    ['if i switch to imap what happens to my old pop account', 'remove-pop'],
    ['is imap more secure than pop? thinking of switching', 'protocol-security'],
  ])('%s still gets its own answer', (text, entry) => {
    expect(topicOf(text)).toBe(entry);
  });
});

describe('"what do I write/type" for a side of mail on a device: that side\'s settings', () => {
  it.each([
    ['what to write for get emails in my samsung phone', 'settings:imap+pop3'],
    ['what must i type for receiving mail in my ipad', 'settings:imap+pop3'],
    ['what should we enter for the outgoing on the office pc', 'settings:smtp'],
    ['what i need to put for send mails', 'settings:smtp'],
  ])('%s', (text, settings) => {
    expect(topicOf(text)).toBe(settings);
    expect(answerer.ask(text).reply.text).toMatch(/mail\.btinternet\.com/);
  });
});
