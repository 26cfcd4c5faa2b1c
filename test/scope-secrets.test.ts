import { containsSecret, redactSecrets } from '../transcripts/redact';

describe('a password warning fires only when a password was typed', () => {
  it.each([
    'Password: ••••••••',
    'Password: ********',
    'Password: ●●●●●●●●●● and it still says wrong',
    'pw: ••••• and it says wrong',
    'Username: bob@btinternet.com\nPassword:\nIncoming server: mail.btinternet.com\nPort: 993',
    'Email address: jo@btinternet.com\r\nPassword: \r\nOutgoing server: mail.btinternet.com',
    'the password box just shows dots like •••••••',
  ])('%j holds no typed password', (text) => {
    expect(containsSecret(text)).toBe(false);
    expect(redactSecrets(text)).toBe(text);
  });

  it.each([
    'my password is correct horse battery staple',
    'password: hunter2',
    'Password:\nSunshine99!',
    'Username: bob@btinternet.com\nPassword: Tr0ub4dor&3\nPort: 993',
    'my password is purple monkey dishwasher and it wont work',
  ])('%j holds one', (text) => {
    expect(containsSecret(text)).toBe(true);
  });
});
