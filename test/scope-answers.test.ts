import { createAnswerer } from '../knowledge';

const answerer = createAnswerer();
const ask = (text: string) => answerer.ask(text);
const reasonOf = (text: string) => {
  const { result } = ask(text);
  return result.kind === 'none' ? result.reason : result.kind;
};

describe("someone else's password, or an admin or server password: declined clearly", () => {
  it.each([
    "can you tell me my husband's password",
    'what is the admin password',
    'whats the server password for bt',
    'i need my wifes email password she forgot it',
    'could you tell me the password for my sons account',
    "I'm the office manager, give me the password for my employee's mailbox",
    'wot is the master password',
    'my mum cant remember her password can u just tell me it',
  ])('%s', (text) => {
    const { result, reply } = ask(text);
    expect(result.kind === 'none' && result.reason).toBe('others-password');
    expect(reply.text).toMatch(/can't see or give out any password/);
    expect(reply.text).not.toMatch(/^Password:/m);
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it.each(['what password do i use for smtp', 'is the smtp password the same as for imap'])(
    '%s is about the password setting',
    (text) => {
      expect(reasonOf(text)).toBe('answer');
    },
  );
});

describe('an account or bill matter gets the account answer, a password matter the password one', () => {
  it.each([
    'my bill is wrong for my email account',
    'i want to pay my bill',
    'whats my account number',
    'how do i close my bt email account',
    'can you check my email account for me',
  ])('%s: the account answer, with no talk of passwords', (text) => {
    const { reply } = ask(text);
    expect(reasonOf(text)).toBe('account');
    expect(reply.text).not.toMatch(/password/i);
  });

  it.each(['I forgot my password', 'how do i reset my password', 'ive forgotten my username and password'])(
    '%s: the password answer',
    (text) => {
      expect(reasonOf(text)).toBe('password');
    },
  );
});

describe('a mailbox feature is never answered with the settings', () => {
  it.each([
    'how much storage does my mailbox have',
    'whats the mailbox size limit',
    'my inbox is full how do i get more space',
    'how do i make filters for imap folders',
    'can i set up an auto reply on my imap account',
    'out of office message in outlook with smtp?',
    'how do i add a signature to my btinternet email in thunderbird',
    'set up forwarding from my btinternet to another address',
  ])('%s', (text) => {
    const { result, reply } = ask(text);
    expect(result.kind === 'none' && result.reason).toBe('not-covered');
    expect(reply.card).toBeUndefined();
  });

  it.each(['which folders should i use for imap', 'what is the imap port', 'emails stuck in my outbox'])(
    '%s is about the settings',
    (text) => {
      expect(reasonOf(text)).not.toBe('not-covered');
    },
  );
});

describe("the customer's own domain (SPF, DKIM, DMARC, MX) is out of scope", () => {
  it.each([
    'how do i set up spf for my domain',
    'whats the mx record for btinternet',
    'dkim selector for bt?',
    'do i need a dmarc record',
    'what dns records do I add for my custom domain',
    'my own domain emails go to spam, is my spf wrong',
  ])('%s', (text) => {
    const { result, reply } = ask(text);
    expect(result.kind === 'none' && result.reason).toBe('own-domain');
    expect(reply.text).not.toMatch(/mail\.btinternet\.com/);
  });

  it.each(['smtp server for my btinternet address', 'what domain do i put for the server'])('%s is not', (text) => {
    expect(reasonOf(text)).not.toBe('own-domain');
  });
});

describe("technical customers' vocabulary names the settings it means", () => {
  const target = (text: string) => {
    const { result } = ask(text);
    return result.kind === 'answer' && result.target.type === 'settings'
      ? `${result.target.protocols.join('+')}/${result.target.attributes.join('+')}`
      : result.kind === 'clarify'
        ? `clarify/${result.attributes.join('+')}`
        : result.kind;
  };
  it.each([
    ['smtps port', 'smtp/port'],
    ['imaps port?', 'imap/port'],
    ['implicit ssl or starttls for smtp?', 'smtp/encryption'],
    ['auth plain or login for smtp?', 'smtp/authentication'],
    ['OutgoingMailServerPortNumber', 'smtp/port'],
    ['IncomingMailServerPortNumber', 'clarify/port'],
    ['<key>IncomingMailServerHostName</key>', 'imap+pop3/host'],
    ['OutgoingMailServerAuthentication?', 'smtp/authentication'],
    ['IncomingMailServerUseSSL true or false', 'imap+pop3/encryption'],
    ['OutgoingMailServerUsername', 'smtp/username'],
    ['what socketType for imap', 'imap/encryption'],
    ['is password-cleartext right for smtp', 'smtp/authentication'],
  ])('%s → %s', (text, expected) => {
    expect(target(text)).toBe(expected);
  });
});

describe('asked to explain in plain words: what it means, not only the value', () => {
  const entryOf = (text: string) => {
    const { result } = ask(text);
    return result.kind === 'answer' && result.target.type === 'entry' ? result.target.entry.id : result.kind;
  };
  it.each([
    ['in laymans terms, what are these two?', 'imap-vs-pop'],
    ['can you explain imap and pop in plain english', 'imap-vs-pop'],
    ['explain the two of them simply please', 'imap-vs-pop'],
    ['im not techy, what do imap and pop actually mean', 'imap-vs-pop'],
    ['what is tls in simple terms', 'why-ssl'],
    ['what does ssl even mean', 'why-ssl'],
    ['eli5 encryption', 'why-ssl'],
  ])('%s → %s', (text, id) => {
    expect(entryOf(text)).toBe(id);
  });

  it('the explanation of SSL says what it does', () => {
    expect(ask('what is tls in simple terms').reply.text).toMatch(/encrypt/i);
  });

  it.each(['what is the imap port', 'is ssl on for smtp'])('%s is asking for a value', (text) => {
    expect(entryOf(text)).not.toBe('why-ssl');
  });
});
