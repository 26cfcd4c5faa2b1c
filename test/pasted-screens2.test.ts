/**
 * Issue 13 (pasted screens and logs, second round): a screen whose server and port lines do not say
 * their side takes it from the values (465/587/25 send, 993/995/143/110 receive) or the message
 * ("can't send", a quoted SMTP error), and says neither when nothing tells; a log with only an SMTP
 * reply code and a username explains the error and points out a username without its @ part; the
 * speller leaves contractions typed without their apostrophe alone ("theres" is not "terms").
 */
import { createAnswerer } from '../knowledge';
import { LEXICON } from '../knowledge/lexicon';
import { loadKnowledgeDir } from '../knowledge/load';
import { createSearcher } from '../knowledge/search';
import { last } from './helpers/talk';

const answerer = createAnswerer();
const replyTo = (text: string) => answerer.ask(text).reply.text;

/** "These are right: …" naming the outgoing server, the incoming server, or a server of no side. */
const OUT_RIGHT = /These are right:[^\n]*outgoing \(SMTP\) server mail\.btinternet\.com/;
const IN_RIGHT = /These are right:[^\n]*incoming \((?:IMAP|POP3)\) server mail\.btinternet\.com/;
const NO_SIDE_RIGHT = /These are right:[^\n]*\bserver mail\.btinternet\.com \(the same for incoming and outgoing\)/;
const ANY_SIDE_RIGHT = /These are right:[^\n]*(?:incoming|outgoing) \(\w+\) server/;

describe('a screen whose server line does not say its side: the side from its port or the message', () => {
  it.each<[string, RegExp, RegExp]>([
    // [pasted screen, what the reply must show, what it must not]
    ['Server: mail.btinternet.com\nPort: 465\nSSL: on', OUT_RIGHT, IN_RIGHT],
    [
      // Mac Mail, the SMTP server list's edit sheet.
      'Description: BT\nUser Name: jsmith@btinternet.com\nPassword: ••••••••\nHost Name: mail.btinternet.com\nPort: 587\nUse TLS/SSL: ticked\nAuthentication: Password',
      /Port 587 is not right — use 465 for SMTP[\s\S]*These are right:[^\n]*outgoing \(SMTP\) server mail\.btinternet\.com/,
      IN_RIGHT,
    ],
    [
      // Thunderbird, Outgoing Server (SMTP) settings, with a question after.
      'Server Name: mail.btinternet.com\nPort: 465\nConnection security: SSL/TLS\nAuthentication method: Normal password\nUser Name: jsmith@btinternet.com\nis this right?',
      OUT_RIGHT,
      IN_RIGHT,
    ],
    [
      // Samsung Email, each label above its value.
      'Server\nmail.btinternet.com\nSecurity type\nSSL\nPort\n465\nRequire authentication to send emails: on',
      /These are right:[^\n]*outgoing \(SMTP\) server mail\.btinternet\.com[^\n]*"My server requires authentication" ticked/,
      IN_RIGHT,
    ],
    [
      // iPhone Mail, SMTP > Primary Server.
      'Primary Server\nHost Name: mail.btinternet.com\nUser Name: jsmith@btinternet.com\nPassword: ••••\nUse SSL: ON\nAuthentication: Password\nServer Port: 465',
      /These are right:[^\n]*outgoing \(SMTP\) server mail\.btinternet\.com[^\n]*SSL on for the outgoing server/,
      IN_RIGHT,
    ],
    [
      'smtp log\nServer: mail.btinternet.com\nPort: 25\nSecure: none\nwhat should the port be?',
      /Port 25 is not right — use 465 for SMTP[\s\S]*These are right:[^\n]*outgoing \(SMTP\) server/,
      IN_RIGHT,
    ],
    [
      // Issue 15: "my settings are …" asks for a check: the checker's table, on the outgoing side.
      'my settings r\nserver mail.btinternet.com\nport 587\nssl off\nwhy wont it send',
      /✗ Outgoing encryption +none[\s\S]*✓ Outgoing server +mail\.btinternet\.com/,
      /✓ Incoming server/,
    ],
    ['Account settings\nServer: mail.btinternet.com:465\nRequire SSL: yes', OUT_RIGHT, IN_RIGHT],
    [
      // A log quoting an SMTP error beside the server: the outgoing side.
      'Server: mail.btinternet.com\nPort: 465\n535 5.7.8 Authentication failed',
      /Error 535 means[\s\S]*These are right:[^\n]*outgoing \(SMTP\) server mail\.btinternet\.com/,
      IN_RIGHT,
    ],
    [
      "can't send emails. my settings:\nServer: mail.btinternet.com\nSecurity: SSL/TLS\nAuthentication: normal password",
      OUT_RIGHT,
      IN_RIGHT,
    ],
    [
      // An incoming section, then a server line of no side above a sending port: a section of its own.
      'Incoming mail server: mail.btinternet.com\nPort: 993\nServer: mail.btinternet.com\nPort: 465\nSSL: yes',
      /These are right: incoming \(IMAP\) server mail\.btinternet\.com, outgoing \(SMTP\) server mail\.btinternet\.com/,
      /couldn't see:[^\n]*server mail\.btinternet\.com/,
    ],
    [
      // iPhone Mail, the incoming account screen, with a question after.
      'Host Name: mail.btinternet.com\nUser Name: jsmith@btinternet.com\nPassword: ••••••\nUse SSL: ON\nServer Port: 993\nwhy do i get no new mail',
      IN_RIGHT,
      OUT_RIGHT,
    ],
    ['Server: mail.btinternet.com   Port: 995   Encryption method: SSL/TLS', IN_RIGHT, OUT_RIGHT],
    [
      'Server: mail.btinternet.com\nPort: 143\nSSL: on',
      /Port 143 is not right — use 993 for IMAP[\s\S]*These are right:[^\n]*incoming \(IMAP\) server/,
      OUT_RIGHT,
    ],
    ['cant receive any mail. settings are\nServer: mail.btinternet.com\nEncryption: SSL', IN_RIGHT, OUT_RIGHT],
    ['Server\nmail.btinternet.com\nSecurity type\nSSL\nPort\n995', IN_RIGHT, OUT_RIGHT],
  ])('%s', (screen, expected, forbidden) => {
    const text = replyTo(screen);
    expect(text).toMatch(expected);
    expect(text).not.toMatch(forbidden);
  });
});

describe('a server line whose side nothing tells: never put on a side', () => {
  it.each<[string, RegExp]>([
    ['Server: mail.btinternet.com\nSSL: on\nAuthentication: normal password', NO_SIDE_RIGHT],
    [
      'Server: mail.btinternet.com\nPort: 2526\nSSL: on',
      /Port 2526 is not right — use 993 for IMAP \(incoming\) or 995 for POP3 \(incoming\) or 465 for SMTP \(outgoing\)/,
    ],
    [
      'Server: mail.bt.com\nSSL: on\nUser name: jsmith@btinternet.com',
      /Server: mail\.bt\.com is not right — use mail\.btinternet\.com\./,
    ],
    ['Username: jim@btinternet.com\nPassword: ••••••\nServer: mail.btinternet.com', NO_SIDE_RIGHT],
  ])('%s', (screen, expected) => {
    const text = replyTo(screen);
    expect(text).toMatch(expected);
    expect(text).not.toMatch(ANY_SIDE_RIGHT);
    expect(text).not.toMatch(/(?:Incoming|Outgoing) \(\w+\) server: mail\.bt\.com/);
  });
});

const USERNAME_WRONG = /The username must be your full email address, including the part after the @/;

describe('a log with an SMTP code and a username: the error explained and the username pointed out', () => {
  it.each<[string, RegExp]>([
    // [pasted log, the error's meaning]
    ["535 5.7.8 Authentication failed\nUsername 'jsmith'", /Error 535 means/],
    [
      // Thunderbird's alert and the server's reply.
      'Login to server mail.btinternet.com with username "jsmith" failed.\n535 5.7.8 Authentication credentials invalid',
      /Error 535 means/,
    ],
    [
      // Outlook classic, Test Account Settings.
      'Send test e-mail message: Your outgoing (SMTP) e-mail server has reported an internal error. If you continue to receive this message, contact your server administrator or Internet service provider (ISP). The server responded: 535 Authentication failed.\nUser Name: jsmith',
      /Error 535 means/,
    ],
    [
      "We couldn't sign in. 535 5.7.8 Error: authentication failed\nusername: jsmith\nwhat am I doing wrong?",
      /Error 535 means/,
    ],
    [
      // iPhone Mail.
      'Cannot Send Mail\nThe user name or password for "mail.btinternet.com" is incorrect.\n535 5.7.8 authentication failed\nuser name - jsmith',
      /Error 535 means/,
    ],
    [
      // Mac Mail.
      'Account Error: The SMTP server "mail.btinternet.com" rejected the password for user "jsmith". (535 5.7.8)',
      /Error 535 means/,
    ],
    [
      // Samsung Email, with a question after.
      'Authentication failed\n535 5.7.8 Error: authentication failed: authentication failure\nUsername: jsmith\nhow do i fix this',
      /Error 535 means/,
    ],
    [
      // Windows Mail.
      "There's a problem with your account settings.\nError: 535 5.7.3 Authentication unsuccessful\nUser name: jsmith",
      /Error 535 means/,
    ],
    [
      // A raw SMTP transcript.
      'S: 220 mail.btinternet.com ESMTP\nC: EHLO pc\nS: 250-AUTH PLAIN LOGIN\nC: AUTH PLAIN (user=jsmith)\nS: 535 5.7.8 Authentication failed',
      /Error 535 means/,
    ],
    ['keeps sayin 535 auth failed n my username: jsmith wot do i do', /Error 535 means/],
    [
      'hello i have been trying all morning the message says 535 Authentication credentials invalid and underneath it says user name: jsmith i am at my wits end',
      /Error 535 means/,
    ],
    [
      "Please help, the error is 535 5.7.8 Authentication failed. Username: 'jsmith'. What is wrong?",
      /Error 535 means/,
    ],
    ['554 5.7.1 relay access denied\nlogin: jsmith', /Errors 550 and 554 mean/],
    ['Outlook says 530 5.7.0 Authentication required\nAccount name: jsmith', /Error 530 means/],
  ])('%s', (log, meaning) => {
    const text = replyTo(log);
    expect(text).toMatch(meaning);
    expect(text).toMatch(USERNAME_WRONG);
    expect(text).not.toContain('jsmith');
  });

  it.each([
    "530 5.7.0 Authentication required\nUsername 'jsmith'\nwhat port should i use?",
    '535 5.7.8 Authentication failed\nUsername: jsmith\nwhat port should i use?',
    '535 Authentication credentials invalid\nuser name - jsmith\nand which port is it for sending?',
    // No "?": a line that asks all the same.
    '535 5.7.8 Authentication failed\nUsername: jsmith\nwot port do i use for sending',
    "HELP!!! wont send\n535 5.7.8 Authentication failed\nUsername 'jsmith'\nwhat should the outgoing port be",
  ])('a setting asked after the log is answered too: %s', (log) => {
    const text = replyTo(log);
    expect(text).toMatch(/Error 53\d means/);
    expect(text).toMatch(USERNAME_WRONG);
    expect(text).toMatch(/SMTP \(outgoing\): port 465/);
  });

  it('a setting asked without "?" after a screen and its error is answered too', () => {
    const text = replyTo(
      'Server: mail.btinternet.com\nPort: 587\n530 5.7.0 Authentication required\nwhich encryption should i pick',
    );
    expect(text).toMatch(/Error 530 means[\s\S]*Port 587 is not right[\s\S]*Use SSL on \(SSL\/TLS, not STARTTLS\)/);
  });

  it.each([
    "535 5.7.8 Authentication failed\nUsername 'jsmith@btinternet.com'",
    'getting 535, my username is my full email address',
    'Still getting 535 5.7.8 after I re-entered the password, username is just my email',
    // A status where a name would be (the lexicon's notUsername): no username shown.
    '535 5.7.8 Authentication failed\nLogin: failed',
    'SMTP AUTH\nUser: unknown\n535 5.7.8 Authentication failed',
    'Outlook says 535 and the username is wrong',
  ])('a full address, or no username shown, is not called wrong: %s', (log) => {
    const text = replyTo(log);
    expect(text).toMatch(/Error 535 means/);
    expect(text).not.toMatch(/The username you showed needs changing/);
  });

  it.each([
    "535 5.7.8 Authentication failed\nUsername 'jsmith'",
    'Account Error: The SMTP server "mail.btinternet.com" rejected the password for user "jsmith". (535 5.7.8)',
  ])('the bot says both, and asks whether it fixed it: %s', async (log) => {
    const out = await last([log]);
    expect(out).toMatch(/Error 535 means/);
    expect(out).toMatch(USERNAME_WRONG);
    expect(out).toMatch(/Did that fix it\?/);
    expect(out).not.toContain('jsmith');
  });
});

describe('the speller keeps contractions typed without their apostrophe', () => {
  const searcher = createSearcher(loadKnowledgeDir());
  const CONTRACTIONS = [
    'theres',
    'whats',
    'wont',
    'cant',
    'dont',
    'doesnt',
    'isnt',
    'ive',
    'im',
    'youre',
    'thats',
    'wheres',
    'hows',
    'theyre',
    'thered',
    'theyve',
    'theyll',
    'whys',
    'whatre',
    'mustnt',
    'youd',
    'havent',
    'wasnt',
  ];

  it.each(CONTRACTIONS)('%s stays itself', (word) => {
    expect(searcher.canonical(word)).toBe(word);
  });

  it.each([
    ["there's", 'theres'],
    ["they're", 'theyre'],
    ['theres no smtp setting', 'theres no smtp setting'],
  ])('%s reads as %s', (typed, canonical) => {
    expect(searcher.canonical(typed)).toBe(canonical);
  });

  it('they are lexicon data, not code', () => {
    expect(LEXICON.neverCorrected).toEqual(expect.arrayContaining(CONTRACTIONS.filter((w) => w.length >= 4)));
  });

  it.each<[string, RegExp]>([
    ['theres no outgoing server box in my outlook what do i put', /SMTP \(outgoing\): server mail\.btinternet\.com/],
    ['whats the imap port, theres two numbers in the box', /IMAP \(incoming\): port 993/],
    ['wheres the smtp server setting in thunderbird', /SMTP \(outgoing\): server mail\.btinternet\.com/],
    ['hows the pop port set', /POP3 \(incoming\): port 995/],
    ['theyre asking for the incoming server name', /incoming \(IMAP and POP3\) server is mail\.btinternet\.com/],
    ['im not sure whats the username supposed to be', /Username: your full email address/],
  ])('%s', (question, expected) => {
    expect(replyTo(question)).toMatch(expected);
  });
});
