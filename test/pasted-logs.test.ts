/** Issue 13 (pasted logs): a program's log or error dialog explains the quoted error and checks the username; a question after it is answered too. */
import { createAnswerer } from '../knowledge';

const answerer = createAnswerer();
const replyTo = (text: string) => answerer.ask(text).reply.text;
const USERNAME_WRONG = /username must be your full email address/i;

describe('a pasted log: the error explained, a username without its domain flagged', () => {
  it.each([
    // [pasted log, the error's meaning]
    [
      'Sending of the message failed.\nThe server mail.btinternet.com, port 465 responded:\n535 Authentication credentials invalid\nUsername: jsmith',
      /Error 535 means/,
    ],
    [
      "Error log:\nServer: mail.btinternet.com\nPort: 465\n530 Authentication required\nUsername field set to 'jsmith'",
      /Error 530 means/,
    ],
    [
      'Sending of the message failed.\nAn error occurred while sending mail. The mail server responded: 535 5.7.8 Authentication credentials invalid.\nServer: mail.btinternet.com\nUsername: "jsmith"',
      /Error 535 means/,
    ],
    [
      'ok so thunderbird says this\nSending of the message failed\nserver mail.btinternet.com port 465\n554 transaction failed\nusername: jsmith',
      /Errors 550 and 554 mean/,
    ],
    [
      'Outlook error (0x800CCC78)\nServer: mail.btinternet.com\nPort: 465\nServer response: 530 authentication required\nUser name: jsmith',
      /Error 530 means/,
    ],
    [
      'log from my mail app:\nhost=mail.btinternet.com\nport=465\n535 incorrect authentication data\nlogin=jsmith',
      /Error 535 means/,
    ],
    [
      "SMTP server: mail.btinternet.com\nSMTP port: 465\nResponse: 535 Authentication credentials invalid\nUsername is 'jsmith'",
      /Error 535 means/,
    ],
    [
      'HELP!!! wont send\nSending of the message failed.\nmail.btinternet.com:465\n530 5.7.0 Authentication required\nusername field set to jsmith',
      /Error 530 means/,
    ],
  ])('%s', (log, meaning) => {
    const text = replyTo(log);
    expect(text).toMatch(meaning);
    expect(text).toMatch(/How to fix it/);
    expect(text).toMatch(USERNAME_WRONG);
    expect(text).not.toMatch(/what I can see there is right/);
  });

  it('a full address in quotes is called right, not wrong', () => {
    const text = replyTo(
      "Server: mail.btinternet.com\nPort: 465\n535 Authentication credentials invalid\nUsername field set to 'jsmith@btinternet.com'",
    );
    expect(text).toMatch(/Error 535 means/);
    expect(text).not.toMatch(USERNAME_WRONG);
    expect(text).not.toContain('jsmith');
  });

  it('a password in the log is never repeated', () => {
    const text = replyTo(
      'Server: mail.btinternet.com\nPort: 465\nUsername: jsmith\nPassword: Plum4Jam!\n535 Authentication credentials invalid',
    );
    expect(text).not.toContain('Plum4Jam');
    expect(text).toMatch(/Error 535 means/);
    expect(text).toMatch(USERNAME_WRONG);
  });
});

describe('an error quoted, then a question about it: both answered', () => {
  it.each([
    '> EHLO laptop\n< 250-mail.btinternet.com\n< 250-AUTH PLAIN LOGIN\n> MAIL FROM:<a@btinternet.com>\n< 554 5.7.1 relay denied\nWhich mechanism does BT want, and which credentials?',
    'An error occurred while sending mail. The mail server responded: 554 5.7.1 relay denied\nwhat auth method should it use?',
    'getting 554 relay denied when i send. what authentication method should i pick?',
    '< 250-AUTH PLAIN LOGIN\n< 554 5.7.1 relay denied\nwhich auth mechanism do i choose',
  ])('%s', (message) => {
    const text = replyTo(message);
    expect(text).toMatch(/Errors 550 and 554 mean/);
    expect(text).toMatch(/PLAIN|normal password/);
  });
});

describe('a pasted screen with an error and a question after it', () => {
  it.each([
    'Server: mail.btinternet.com\nPort: 465\n< 554 5.7.1 relay denied\nwhat auth method should it use?',
    'SMTP server: mail.btinternet.com\nSMTP port: 465\n535 Authentication credentials invalid\nwhich authentication method do i pick?',
  ])('%s', (message) => {
    const text = replyTo(message);
    expect(text).toMatch(/Error 535 means|Errors 550 and 554 mean/);
    expect(text).toMatch(/PLAIN|normal password/);
  });

  it('530 with STARTTLS in the log is the STARTTLS 530, read from its own line', () => {
    const text = replyTo(
      'Server: mail.btinternet.com\nPort: 587\n530 5.7.0 Must issue a STARTTLS command first\nUsername: jsmith',
    );
    expect(text).toMatch(/not encrypted/);
    expect(text).toMatch(USERNAME_WRONG);
  });
});
