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
