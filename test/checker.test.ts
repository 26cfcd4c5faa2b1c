/**
 * Issue 15 (checker): realistic pastes (mail programs' screens copied as text, free text, logs,
 * long messages with noise, a typed password), each field's verdict checked. Verdicts are written
 * `ssss oooo u`: the incoming server, port, encryption and authentication (SPA), the outgoing
 * server, port, encryption and authentication, and the username; R right, W wrong, - not shown.
 */
import { checkSettings, readChecked, type SettingsCheck } from '../knowledge/checker';
import { checkReply } from '../knowledge/checker-reply';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeDir, parseKnowledge } from '../knowledge/load';
import { CHECKED_FIELDS } from '../knowledge/schema';

const provider = loadKnowledgeDir().providers[0]!;

function check(text: string, symptom?: string): SettingsCheck {
  const screen = readChecked(text, provider);
  if (!screen) throw new Error(`no settings read from: ${text.slice(0, 80)}`);
  return checkSettings(screen, provider, symptom);
}

/** The verdicts in the order of CHECKED_FIELDS, written as in the table. */
function verdicts(c: SettingsCheck): string {
  const letter = { right: 'R', wrong: 'W', unseen: '-' } as const;
  const by = CHECKED_FIELDS.map((f) => letter[c.verdicts.find((v) => v.field === f)!.status]).join('');
  return `${by.slice(0, 4)} ${by.slice(4, 8)} ${by.slice(8)}`;
}

/** Noise a customer pastes around the settings. */
const CHATTER =
  'Hi there, I hope you can help. My husband set this up years ago and since we got the new router nothing has worked properly. ' +
  'I have tried turning it off and on again and I have looked on the forums but none of it makes any sense to me.';
const LOG_NOISE = Array.from(
  { length: 60 },
  (_, i) => `12:0${i % 10}:3${i % 6} [Info] Sync folder ${i}: 0 new, ${i} unchanged`,
).join('\n');

/** Mail programs' screens, with the values a row sets. */
function outlookPop(inHost: string, inPort: number, inSsl: string, outHost: string, outPort: number, outEnc: string) {
  return [
    'Server Information',
    'Account Type: POP3',
    `Incoming mail server: ${inHost}`,
    `Outgoing mail server (SMTP): ${outHost}`,
    'Advanced',
    `Incoming server (POP3): ${inPort}`,
    `This server requires an encrypted connection (SSL/TLS): ${inSsl}`,
    `Outgoing server (SMTP): ${outPort}`,
    `Use the following type of encrypted connection: ${outEnc}`,
  ].join('\n');
}
function iphone(inHost: string, user: string, ssl: string, port: number) {
  return [
    'INCOMING MAIL SERVER',
    `Host Name: ${inHost}`,
    `User Name: ${user}`,
    'Password: ••••••••',
    'INCOMING SETTINGS',
    `Use SSL: ${ssl}`,
    'Authentication: Password',
    `Server Port: ${port}`,
  ].join('\n');
}
function thunderbirdSmtp(host: string, port: number, security: string, method: string, user: string) {
  return [
    'Outgoing Server (SMTP) Settings',
    'Description: BT',
    `Server Name: ${host}`,
    `Port: ${port}`,
    `Connection security: ${security}`,
    `Authentication method: ${method}`,
    `User Name: ${user}`,
  ].join('\n');
}
function samsungIncoming(user: string, host: string, security: string, port: number) {
  return [
    'Incoming server',
    'Email address',
    'sam@talk21.com',
    'Username',
    user,
    'Password',
    '••••••',
    'IMAP server',
    host,
    'Security type',
    security,
    'Port',
    String(port),
  ].join('\n');
}

const ROWS: [string, string, string][] = [
  // ---- Outlook (classic), copied from Account Settings ----
  [
    'Outlook POP, old hosts, SPA, bare username',
    'Account Settings\nYour Name: John Smith\nEmail Address: john@btinternet.com\nServer Information\nAccount Type: POP3\nIncoming mail server: pop.btinternet.com\nOutgoing mail server (SMTP): smtp.btinternet.com\nLogon Information\nUser Name: john\nPassword: ********\nRequire logon using Secure Password Authentication (SPA): ticked',
    'W--W W--- W',
  ],
  [
    'Outlook advanced tab, POP3 110 and SMTP 25 without encryption',
    'Server Port Numbers\nIncoming server (POP3): 110\nThis server requires an encrypted connection (SSL/TLS): unticked\nOutgoing server (SMTP): 25\nUse the following type of encrypted connection: None',
    '-WW- -WW- -',
  ],
  [
    'Outlook IMAP, all right',
    'Incoming mail\nServer: mail.btinternet.com Port: 993\nEncryption method: SSL/TLS\nRequire logon using Secure Password Authentication (SPA): off\nOutgoing mail\nServer: mail.btinternet.com Port: 465\nEncryption method: SSL/TLS\nMy outgoing (SMTP) server requires authentication: on\nUser name: jane@btinternet.com',
    'RRRR RRRR R',
  ],
  [
    'Outlook IMAP 143 and SMTP 587 STARTTLS',
    'Incoming mail\nServer: mail.btinternet.com Port: 143\nEncryption method: None\nOutgoing mail\nServer: mail.btinternet.com Port: 587\nEncryption method: STARTTLS',
    'RWW- RWW- -',
  ],
  [
    'Outlook outgoing tab, authentication unticked',
    'Outgoing Server\nMy outgoing server (SMTP) requires authentication: unticked\nOutgoing server (SMTP): 465\nUse the following type of encrypted connection: SSL/TLS',
    '---- -RRW -',
  ],
  [
    'Outlook, the "Auto" encryption',
    'Incoming server (IMAP): 993\nUse the following type of encrypted connection: Auto\nOutgoing server (SMTP): 465\nUse the following type of encrypted connection: SSL/TLS',
    '-RW- -RR- -',
  ],
  [
    'Outlook POP with the generated template: old hosts, plain ports',
    outlookPop('pop3.btinternet.com', 110, 'unticked', 'smtp.btinternet.com', 25, 'None'),
    'WWW- WWW- -',
  ],
  [
    'Outlook POP, right hosts, SSL on, SMTP 587 STARTTLS',
    outlookPop('mail.btinternet.com', 995, 'ticked', 'mail.btinternet.com', 587, 'STARTTLS'),
    'RRR- RWW- -',
  ],
  [
    'Outlook POP, all right',
    outlookPop('mail.btinternet.com', 995, 'ticked', 'mail.btinternet.com', 465, 'SSL/TLS'),
    'RRR- RRR- -',
  ],
  [
    'Outlook POP, btopenworld host from years ago',
    outlookPop('mail.btopenworld.com', 995, 'ticked', 'mail.btopenworld.com', 465, 'SSL/TLS'),
    'WRR- WRR- -',
  ],
  [
    'Outlook POP, 995 but encryption off',
    outlookPop('mail.btinternet.com', 995, 'unticked', 'mail.btinternet.com', 465, 'None'),
    'RRW- RRW- -',
  ],
  // ---- iPhone / iPad Mail ----
  [
    'iPhone, old hosts and a bare username',
    'INCOMING MAIL SERVER\nHost Name: imap.btinternet.com\nUser Name: jsmith\nPassword: ••••••••\nOUTGOING MAIL SERVER\nSMTP: smtp.btinternet.com >',
    'W--- W--- W',
  ],
  ['iPhone advanced, right', iphone('mail.btinternet.com', 'jsmith@btinternet.com', 'ON', 993), 'RRR- ---- R'],
  [
    'iPhone advanced, SSL off and 143',
    iphone('mail.btinternet.com', 'jsmith@btinternet.com', 'OFF', 143),
    'RWW- ---- R',
  ],
  ['iPhone advanced, imap host, bare user', iphone('imap.btinternet.com', 'jsmith', 'ON', 993), 'WRR- ---- W'],
  ['iPhone, POP 110 with SSL off', iphone('mail.btinternet.com', 'pat@talk21.com', 'OFF', 110), 'RWW- ---- R'],
  [
    'iPhone SMTP primary server, 587 with SSL off',
    'Primary Server\nHost Name: mail.btinternet.com\nUser Name: jsmith@btinternet.com\nPassword: ••••\nUse SSL: OFF\nAuthentication: Password\nServer Port: 587',
    '---- RWW- R',
  ],
  [
    'iPhone SMTP primary server, right',
    'Primary Server\nHost Name: mail.btinternet.com\nUser Name: jsmith@btinternet.com\nPassword: ••••\nUse SSL: ON\nAuthentication: Password\nServer Port: 465',
    '---- RRR- R',
  ],
  [
    'iPad, the address at another provider as username',
    'INCOMING MAIL SERVER\nHost Name: mail.btinternet.com\nUser Name: jsmith@gmail.com\nOUTGOING MAIL SERVER\nHost Name: mail.btinternet.com\nServer Port: 465',
    'R--- RR-- W',
  ],
  // ---- Thunderbird ----
  [
    'Thunderbird IMAP, right',
    'Server Settings\nServer Type: IMAP Mail Server\nServer Name: mail.btinternet.com Port: 993\nUser Name: bob@btinternet.com\nSecurity Settings\nConnection security: SSL/TLS\nAuthentication method: Normal password',
    'RRR- ---- R',
  ],
  [
    'Thunderbird outgoing, smtp host 587 STARTTLS bare user',
    thunderbirdSmtp('smtp.btinternet.com', 587, 'STARTTLS', 'Normal password', 'bob'),
    '---- WWW- W',
  ],
  [
    'Thunderbird outgoing, no authentication',
    thunderbirdSmtp('mail.btinternet.com', 465, 'SSL/TLS', 'No authentication', 'bob@btinternet.com'),
    '---- RRRW R',
  ],
  [
    'Thunderbird outgoing, right',
    thunderbirdSmtp('mail.btinternet.com', 465, 'SSL/TLS', 'Normal password', 'bob@btinternet.com'),
    '---- RRR- R',
  ],
  [
    'Thunderbird outgoing, port 25 none',
    thunderbirdSmtp('mail.btinternet.com', 25, 'None', 'Normal password', 'bob@btopenworld.com'),
    '---- RWW- R',
  ],
  [
    'Thunderbird outgoing, port 2525',
    thunderbirdSmtp('mail.btinternet.com', 2525, 'SSL/TLS', 'Normal password', 'bob@btinternet.com'),
    '---- RWR- R',
  ],
  [
    'Thunderbird POP with the pop3 host',
    'Server Settings\nServer Type: POP Mail Server\nServer Name: pop3.btinternet.com\nPort: 995\nUser Name: bob@btopenworld.com\nConnection security: SSL/TLS',
    'WRR- ---- R',
  ],
  [
    'Thunderbird IMAP, STARTTLS on 143',
    'Server Type: IMAP Mail Server\nServer Name: mail.btinternet.com\nPort: 143\nConnection security: STARTTLS\nUser Name: bob@btinternet.com',
    'RWW- ---- R',
  ],
  // ---- Samsung Email, each label above its value ----
  ['Samsung incoming, none on 143', samsungIncoming('sam', 'mail.btinternet.com', 'None', 143), 'RWW- ---- W'],
  ['Samsung incoming, right', samsungIncoming('sam@talk21.com', 'mail.btinternet.com', 'SSL', 993), 'RRR- ---- R'],
  [
    'Samsung incoming, imap host STARTTLS',
    samsungIncoming('sam@talk21.com', 'imap.btinternet.com', 'STARTTLS', 993),
    'WRW- ---- R',
  ],
  [
    'Samsung outgoing, smtp host 587 STARTTLS, authentication on',
    'Outgoing server\nSMTP server\nsmtp.btinternet.com\nSecurity type\nSTARTTLS\nPort\n587\nRequire authentication to send emails: on',
    '---- WWWR -',
  ],
  [
    'Samsung outgoing, right',
    'Outgoing server\nSMTP server\nmail.btinternet.com\nSecurity type\nSSL\nPort\n465\nRequire authentication to send emails: on',
    '---- RRRR -',
  ],
  // ---- Mac Mail ----
  [
    'Mac Mail SMTP sheet, 587',
    'Description: BT\nUser Name: jsmith@btinternet.com\nPassword: ••••••••\nHost Name: mail.btinternet.com\nPort: 587\nUse TLS/SSL: ticked\nAuthentication: Password',
    '---- RWR- R',
  ],
  [
    'Mac Mail incoming, IMAP on 993 with TLS/SSL',
    'Incoming Mail Server: mail.btinternet.com\nUser Name: jsmith@btinternet.com\nPort: 993\nUse TLS/SSL: ticked',
    'RRR- ---- R',
  ],
  // ---- free text ----
  [
    'free text from the issue',
    'incoming pop.btinternet.com 110 no ssl, outgoing smtp.btinternet.com 25',
    'WWW- WW-- -',
  ],
  [
    'free text, all right',
    'my incoming server is mail.btinternet.com port 993 with ssl and outgoing is mail.btinternet.com port 465 ssl',
    'RRR- RRR- -',
  ],
  [
    'free text, old hosts with "on"',
    "i'm using imap.btinternet.com on 143 and smtp.btinternet.com on 587 with starttls",
    'WW-- WWW- -',
  ],
  [
    'free text, outgoing only',
    'outgoing server mail.btinternet.com port 587 starttls, smtp authentication on',
    '---- RWWR -',
  ],
  ['free text, SPA and 995', 'incoming mail.btinternet.com 995 ssl, secure password authentication: on', 'RRRW ---- -'],
  [
    'free text, sending and receiving',
    'receiving is mail.btinternet.com port 993 ssl and sending is mail.btinternet.com port 25 no encryption',
    'RRR- RWW- -',
  ],
  ['free text, host:port pairs', 'incoming mail.btinternet.com:993, outgoing mail.btinternet.com:587', 'RR-- RW-- -'],
  ['free text, username without domain', 'incoming server mail.btinternet.com port 993, username: fred', 'RR-- ---- W'],
  [
    'free text, the same server for both',
    'server: mail.btinternet.com, smtp port: 465, imap port: 993, ssl: on',
    // "ssl: on" after the IMAP port is read as the incoming side's.
    'RRR- RR-- -',
  ],
  // ---- error logs ----
  [
    'Outlook send error with its settings',
    "Task 'jim@btinternet.com - Sending' reported error (0x800CCC0F) : 'The connection to the server was interrupted.'\nOutgoing server: smtp.btinternet.com\nPort: 25\nProtocol: SMTP\nSecure(SSL): No",
    '---- WWW- -',
  ],
  [
    'Thunderbird 530 with no authentication',
    'Sending of the message failed.\nThe mail server responded: 530 5.7.0 Authentication required.\nServer: mail.btinternet.com\nPort: 465\nConnection security: SSL/TLS\nAuthentication method: No authentication',
    '---- RRRW -',
  ],
  [
    'Mac Mail connection doctor',
    'Connection Doctor\nmail.btinternet.com:993 IMAP Connected\nsmtp.btinternet.com:587 SMTP Could not connect to this SMTP server',
    'RR-- WW-- -',
  ],
  [
    'Outlook test account settings log',
    'Log onto incoming mail server (POP3): Your e-mail server rejected your login.\nIncoming server: pop.btinternet.com\nPort 110\nUser name: jim',
    'WW-- ---- W',
  ],
  [
    'an Android error with its server',
    "Couldn't open connection to server.\nIMAP server: mail.btinternet.com\nPort: 143\nSecurity type: None",
    'RWW- ---- -',
  ],
  [
    '535 log with username and settings',
    '535 5.7.8 Authentication failed\nServer: mail.btinternet.com\nPort: 465\nUsername: jsmith',
    '---- RR-- W',
  ],
  [
    '534 log, SPA on',
    '534 5.7.9 Authentication mechanism is too weak\nOutgoing server: mail.btinternet.com\nPort: 465\nLog on using Secure Password Authentication (SPA): yes',
    '---W RR-- -',
  ],
  // ---- a typed password in the paste ----
  [
    'a typed password between the fields',
    'Server: mail.btinternet.com\nPort: 993\nUsername: jim@btinternet.com\nPassword: Hunter22\nSMTP: mail.btinternet.com 465 SSL',
    'RR-- RRR- R',
  ],
  [
    'a password said in the free text',
    'incoming mail.btinternet.com 993 ssl, outgoing mail.btinternet.com 587, my password is Kestrel77',
    'RRR- RW-- -',
  ],
  [
    'an iPhone screen with the password shown',
    'INCOMING MAIL SERVER\nHost Name: mail.btinternet.com\nUser Name: ann\nPassword: Sunflower!77\nOUTGOING MAIL SERVER\nHost Name: smtp.btinternet.com',
    'R--- W--- W',
  ],
  // ---- long messages with noise ----
  [
    'chatter around a POP screen',
    `${CHATTER}\n\nIncoming server (POP3): 110\nOutgoing server (SMTP): 25\n\n${CHATTER}\nThanks, Jean`,
    '-W-- -W-- -',
  ],
  [
    'a long sync log with the settings at the end',
    `${LOG_NOISE}\nIMAP server: mail.btinternet.com\nPort: 993\nSecurity: SSL/TLS\nSMTP server: mail.btinternet.com\nPort: 587\nSecurity: STARTTLS`,
    'RRR- RWW- -',
  ],
  [
    'a story, then an Outlook screen',
    `${CHATTER} Anyway here is what Outlook shows:\nAccount Type: IMAP\nIncoming mail server: mail.btinternet.com\nOutgoing mail server (SMTP): mail.btinternet.com\nUser Name: jean@btopenworld.com\nRequire logon using Secure Password Authentication (SPA): off`,
    'R--R R--- R',
  ],
  [
    'a screen, then a long sign-off',
    `IMAP server: mail.btinternet.com\nPort: 993\nSMTP server: mail.btinternet.com\nPort: 465\n\n${CHATTER} ${CHATTER}`,
    'RR-- RR-- -',
  ],
  [
    'settings among bullet points',
    '- incoming: mail.btinternet.com\n- port 995\n- ssl: yes\n- outgoing: mail.btinternet.com\n- port 465\n- ssl: yes\n- SPA: no',
    'RRRR RRR- -',
  ],
  [
    'a table copied with tabs',
    'Incoming\tmail.btinternet.com\t993\tSSL\nOutgoing\tsmtp.btinternet.com\t587\tSTARTTLS',
    'RRR- WWW- -',
  ],
  [
    'a pipe table',
    'type | server | port | security\nimap | imap.btinternet.com | 993 | SSL/TLS\nsmtp | mail.btinternet.com | 465 | SSL/TLS',
    'WRR- RRR- -',
  ],
  [
    'Gmail app on Android, incoming',
    'Incoming server settings\nUsername: jo@btinternet.com\nServer: mail.btinternet.com\nPort: 993\nSecurity type: SSL/TLS',
    'RRR- ---- R',
  ],
  [
    'Gmail app on Android, outgoing 587 STARTTLS',
    'Outgoing server settings\nRequire sign-in: on\nUsername: jo\nSMTP server: smtp.btinternet.com\nPort: 587\nSecurity type: STARTTLS',
    '---- WWWR W',
  ],
  [
    'Windows Mail advanced mailbox settings',
    'Incoming email server: mail.btinternet.com:993\nOutgoing (SMTP) email server: mail.btinternet.com:465\nOutgoing server requires authentication: ticked\nRequire SSL for incoming email: ticked\nRequire SSL for outgoing email: ticked',
    'RRR- RRRR -',
  ],
  [
    'Windows Mail, SSL unticked on both',
    'Incoming email server: mail.btinternet.com:110\nOutgoing (SMTP) email server: mail.btinternet.com:25\nRequire SSL for incoming email: unticked\nRequire SSL for outgoing email: unticked',
    'RWW- RWW- -',
  ],
];

describe('the settings checker reads realistic pastes field by field', () => {
  it('has at least 60 pastes', () => expect(ROWS.length).toBeGreaterThanOrEqual(60));

  it.each(ROWS)('%s', (_name, text, expected) => {
    expect(verdicts(check(text))).toBe(expected);
  });
});

describe('what a wrong value does, said only where a source says so', () => {
  const verdictOf = (text: string, field: string) => check(text).verdicts.find((v) => v.field === field)!;

  it.each<[string, string, string | undefined, string | undefined]>([
    // [paste, field, effect, the source it quotes]
    [
      'Incoming server: mail.btinternet.com\nSecure Password Authentication: on',
      'incoming-authentication',
      'cannot-work',
      'BT Help',
    ],
    [
      'Outgoing server: mail.btinternet.com\nPort: 465\nRequires authentication: off',
      'outgoing-authentication',
      'cannot-work',
      'BT Help',
    ],
    ['Outgoing server: mail.btinternet.com\nPort: 587\nEncryption: STARTTLS', 'outgoing-encryption', 'old', 'RFC 8314'],
    ['Incoming server: pop.btinternet.com\nPort: 110', 'incoming-port', undefined, undefined],
    ['Incoming server: pop.btinternet.com\nPort: 110', 'incoming-server', undefined, undefined],
    ['Outgoing server: mail.btinternet.com\nPort: 25\nEncryption: none', 'outgoing-encryption', undefined, undefined],
    ['Incoming server: mail.btinternet.com\nUser name: jsmith', 'username', undefined, undefined],
  ])('%s: %s', (text, field, effect, source) => {
    const v = verdictOf(text, field);
    expect(v.status).toBe('wrong');
    expect(v.effect?.kind).toBe(effect);
    expect(v.effect?.quote.source).toBe(source);
    const line = checkReply(check(text), provider).text;
    expect(line).toContain(effect ? (effect === 'old' ? 'merely old' : 'cannot work') : "not BT Email's setting");
  });

  it('quotes the settings table for each wrong value, and the rule evidence for its effect', () => {
    const c = check('Outgoing server: mail.btinternet.com\nPort: 465\nRequires authentication: off');
    const auth = c.verdicts.find((v) => v.field === 'outgoing-authentication')!;
    expect(auth.why.text).toBe(provider.servers.smtp.evidence.authenticationRequired);
    expect(auth.effect?.quote.text).toBe(provider.checker.find((r) => r.field === 'outgoing-authentication')?.evidence);
  });
});

describe('the likely cause of a named symptom comes first', () => {
  it.each<[string, string, string]>([
    // [paste, symptom entry, the first field]
    [
      'Server: mail.btinternet.com\nPort: 587\nConnection security: STARTTLS\nAuthentication method: No authentication',
      'cannot-send',
      'outgoing-authentication',
    ],
    ['Server: mail.btinternet.com\nPort: 587\nConnection security: STARTTLS', 'cannot-send', 'outgoing-port'],
    ['IMAP server: mail.btinternet.com\nPort: 993\nUser name: jsmith\nSPA: on', 'error-535', 'incoming-authentication'],
    ['IMAP server: mail.btinternet.com\nPort: 993\nUser name: jsmith', 'error-535', 'username'],
    [
      'IMAP server: mail.btinternet.com\nPort: 143\nSMTP server: mail.btinternet.com\nPort: 25',
      'cannot-receive',
      'incoming-port',
    ],
    [
      'IMAP server: mail.btinternet.com\nPort: 143\nSMTP server: mail.btinternet.com\nPort: 25',
      'cannot-send',
      'outgoing-port',
    ],
  ])('%s (%s)', (text, symptom, first) => {
    const c = check(text, symptom);
    expect(c.verdicts[0]).toMatchObject({ field: first, likelyCause: true });
    expect(checkReply(c, provider).text).toMatch(/^Most likely cause of "[^"]+": /m);
  });

  it('names no cause when the symptom is none of the wrong values', () => {
    const c = check('IMAP server: mail.btinternet.com\nPort: 143', 'cannot-send');
    expect(c.verdicts.some((v) => v.likelyCause)).toBe(false);
  });
});

describe('every value comes from the knowledge, never from the code', () => {
  it('follows a changed settings table', () => {
    const moved = structuredClone(provider);
    moved.servers.imap.port = 1993;
    moved.servers.smtp.host = 'smtp.example.net';
    const c = checkSettings(
      readChecked('IMAP server: mail.btinternet.com\nPort: 993\nSMTP server: smtp.example.net', moved)!,
      moved,
    );
    expect(c.verdicts.find((v) => v.field === 'incoming-port')).toMatchObject({ status: 'wrong', right: '1993' });
    expect(c.verdicts.find((v) => v.field === 'outgoing-server')).toMatchObject({ status: 'right' });
  });

  it('says nothing cannot work when the knowledge has no rule for it', () => {
    const bare = { ...provider, checker: [] };
    const c = checkSettings(readChecked('SPA: on\nIncoming server: mail.btinternet.com', bare)!, bare);
    expect(c.verdicts.find((v) => v.field === 'incoming-authentication')?.effect).toBeUndefined();
  });
});

describe('a username or password typed is never repeated', () => {
  it.each(ROWS.filter(([, text]) => /password: (?!•|\*)|password is|user ?name: \w+$/im.test(text)))(
    '%s',
    (_n, text) => {
      const out = checkReply(check(text), provider).text;
      for (const secret of ['Hunter22', 'Kestrel77', 'Sunflower!77', 'jsmith', 'jim@btinternet.com', 'ann\n'])
        expect(out).not.toContain(secret);
    },
  );

  it('reads nothing from text with fewer than two settings', () => {
    expect(readChecked('is 587 right?', provider)).toBeUndefined();
    expect(readChecked('x'.repeat(100_000), provider)).toBeUndefined();
  });
});

describe("the knowledge's checker rules are checked when they load", () => {
  const file = readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'bt-email.yaml'), 'utf8');
  const load = (text: string) => () => parseKnowledge([{ file: 'bt-email.yaml', text }]);

  it.each<[string, string, string, RegExp]>([
    [
      'an effect without its quote',
      '    evidence: RFC 8314 recommends implicit TLS over STARTTLS\n  - field: incoming-encryption',
      '  - field: incoming-encryption',
      /checker\.2: .*an effect needs `says`, its `source` and the `evidence`/,
    ],
    [
      'a cause that is no entry',
      'causes: [error-530, cannot-send]',
      'causes: [error-999, cannot-send]',
      /checker\.0\.causes\.0: got "error-999"; must be an entry id/,
    ],
    ['a field that is not checked', 'field: outgoing-authentication', 'field: outgoing-colour', /checker\.0\.field/],
    [
      'a source that is not there',
      'source: rfc8314\n    evidence: RFC 8314',
      'source: rfc9999\n    evidence: RFC 8314',
      /checker\.2\.source: got "rfc9999"/,
    ],
  ])('%s', (_name, from, to, problem) => {
    expect(file).toContain(from);
    expect(load(file.replace(from, to))).toThrow(problem);
  });
});
