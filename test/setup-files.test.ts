/** The one-tap setup files: parsed back and compared field by field with the knowledge's settings table. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import forge from 'node-forge';
import { parse, type PlistObject } from 'plist';
import { writeAutoconfig } from '../cli/autoconfig';
import { parseConfig } from '../config';
import { loadKnowledgeDir } from '../knowledge';
import { problemsOf } from './helpers/config-problems';
import {
  appleProfileData,
  createSetupFiles,
  findAddress,
  identityProblem,
  mailSetup,
  memoryProfileLinks,
  parseAddress,
  signProfile,
  SetupFileError,
} from '../setup-files';
import { AUTH_NAMES } from '../setup-files/settings';
import { loadMailProfileSchemas, profileProblems } from '../setup-files/apple-schema';

const provider = loadKnowledgeDir().providers[0]!;
const { servers } = provider;
const files = createSetupFiles(provider);
const ADDRESS = 'jo.bloggs@btinternet.com';

/** The knowledge's authentication as each format names it, looked up independently of the generator. */
const auth = (name: string) => AUTH_NAMES.get(name.toLowerCase())!;

describe('Mozilla autoconfig (clientConfig 1.1)', () => {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false }).parse(
    files.autoconfig(),
  );
  const emailProvider = parsed.clientConfig.emailProvider;
  const incoming: Record<string, string>[] = emailProvider.incomingServer;
  const byType = (type: string) => incoming.find((s) => s['@_type'] === type)!;

  it('is version 1.1 for exactly the provider domains', () => {
    expect(parsed.clientConfig['@_version']).toBe('1.1');
    expect(emailProvider.domain).toEqual(provider.provider.domains);
    expect(emailProvider.domain).toEqual(['btinternet.com', 'btopenworld.com', 'talk21.com']);
    expect(emailProvider.displayName).toBe(provider.provider.name);
  });

  it.each([
    ['imap', () => byType('imap'), servers.imap],
    ['pop3', () => byType('pop3'), servers.pop3],
    ['smtp', () => emailProvider.outgoingServer, servers.smtp],
  ] as const)('%s matches the settings table field by field', (type, server, table) => {
    expect(server()).toEqual({
      '@_type': type,
      hostname: table.host,
      port: String(table.port),
      socketType: { ssl: 'SSL', starttls: 'STARTTLS', none: 'plain' }[table.encryption],
      authentication: auth(table.authentication).mozilla,
      username: '%EMAILADDRESS%',
    });
  });

  it('offers IMAP first, the protocol BT recommends, then POP3', () => {
    expect(incoming.map((s) => s['@_type'])).toEqual(['imap', 'pop3']);
  });

  it('agrees with the ISPDB as the knowledge quotes it (password-cleartext, SSL)', () => {
    expect(servers.imap.evidence.authentication).toContain(`authentication ${byType('imap').authentication}`);
    expect(servers.pop3.evidence.authentication).toContain(byType('pop3').authentication);
  });
});

describe('Apple configuration profile', () => {
  const profileOf = (address?: string) => parse(files.profile(address).body.toString('utf8')) as PlistObject;
  const mailOf = (p: PlistObject) => (p.PayloadContent as PlistObject[])[0]!;

  it('is one com.apple.mail.managed IMAP payload whose servers match the settings table', () => {
    const mail = mailOf(profileOf(ADDRESS));
    expect((profileOf(ADDRESS).PayloadContent as unknown[]).length).toBe(1);
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAccountType: 'EmailTypeIMAP',
      IncomingMailServerHostName: servers.imap.host,
      IncomingMailServerPortNumber: servers.imap.port,
      IncomingMailServerUseSSL: servers.imap.encryption === 'ssl',
      IncomingMailServerAuthentication: auth(servers.imap.authentication).apple,
      OutgoingMailServerHostName: servers.smtp.host,
      OutgoingMailServerPortNumber: servers.smtp.port,
      OutgoingMailServerUseSSL: servers.smtp.encryption === 'ssl',
      OutgoingMailServerAuthentication: auth(servers.smtp.authentication).apple,
    });
    expect([mail.IncomingMailServerPortNumber, mail.OutgoingMailServerPortNumber]).toEqual([993, 465]);
    expect([mail.IncomingMailServerUseSSL, mail.OutgoingMailServerUseSSL]).toEqual([true, true]);
    // SMTP authentication on, as BT requires: a password scheme, never EmailAuthNone.
    expect(servers.smtp.authenticationRequired).toBe(true);
    expect(mail.OutgoingMailServerAuthentication).toBe('EmailAuthPassword');
  });

  it('pre-fills the address as the address and both usernames (the full address, as BT wants)', () => {
    const mail = mailOf(profileOf(ADDRESS));
    expect(provider.account.evidence.username).toMatch(/email address including the @btinternet\.com/);
    expect(mail).toMatchObject({
      EmailAddress: ADDRESS,
      IncomingMailServerUsername: ADDRESS,
      OutgoingMailServerUsername: ADDRESS,
    });
  });

  it('without an address leaves the address and usernames for the device to ask', () => {
    const mail = mailOf(profileOf());
    expect(Object.keys(mail)).not.toEqual(
      expect.arrayContaining(['EmailAddress', 'IncomingMailServerUsername', 'OutgoingMailServerUsername']),
    );
    expect(mail.EmailAddress).toBeUndefined();
    expect(mail.IncomingMailServerUsername).toBeUndefined();
  });

  it.each([[undefined], [ADDRESS]])('never carries a password (address %s)', (address) => {
    const text = files.profile(address).body.toString('utf8');
    expect(text).not.toMatch(/<key>(Incoming|Outgoing)Password<\/key>/);
    const keys = Object.keys(mailOf(profileOf(address)));
    expect(keys.filter((k) => /password/i.test(k))).toEqual(['OutgoingPasswordSameAsIncomingPassword']);
  });

  it('keeps the same identifier for every download, so a second install replaces the first', () => {
    const [a, b] = [profileOf(ADDRESS), profileOf()];
    expect(a.PayloadIdentifier).toBe(b.PayloadIdentifier);
    expect(a.PayloadUUID).not.toBe(b.PayloadUUID);
  });
});

describe("Apple's schema (apple/device-management, kept in setup-files/apple-schema)", () => {
  const schemas = loadMailProfileSchemas();
  const fixedUuid = () => '6F9619FF-8B86-D011-B42D-00C04FC964FF';
  const data = (address?: string) => appleProfileData(mailSetup(provider), { uuid: fixedUuid, address });

  it.each([[undefined], [ADDRESS]])(
    'the profile conforms: every key known, typed, required present, values allowed (%s)',
    (address) => {
      expect(profileProblems(data(address), schemas)).toEqual([]);
    },
  );

  it('the kept schema is the Mail payload, with the keys the profile relies on', () => {
    const mail = schemas.payloads.get('com.apple.mail.managed')!;
    const required = mail.payloadkeys.filter((k) => k.presence === 'required').map((k) => k.key);
    expect(required).toEqual(
      expect.arrayContaining(['EmailAccountType', 'IncomingMailServerHostName', 'OutgoingMailServerAuthentication']),
    );
  });

  const mailWith = (change: Record<string, unknown>, drop?: string): PlistObject => {
    const profile = data(ADDRESS) as Record<string, unknown>;
    const mail = { ...((profile.PayloadContent as PlistObject[])[0] as Record<string, unknown>), ...change };
    if (drop) delete mail[drop];
    return { ...profile, PayloadContent: [mail] } as PlistObject;
  };

  it.each([
    ['an unknown key', mailWith({ IncomingServerSSL: true }), /IncomingServerSSL: not a key of the schema/],
    [
      'a port as text',
      mailWith({ IncomingMailServerPortNumber: '993' }),
      /IncomingMailServerPortNumber: got "993"; must be <integer>/,
    ],
    ['SSL as text', mailWith({ OutgoingMailServerUseSSL: 'yes' }), /OutgoingMailServerUseSSL: .*<boolean>/],
    [
      'a missing required key',
      mailWith({}, 'OutgoingMailServerHostName'),
      /OutgoingMailServerHostName: required, missing/,
    ],
    [
      'a value not allowed',
      mailWith({ EmailAccountType: 'EmailTypeExchange' }),
      /EmailAccountType: .*allowed EmailTypeIMAP, EmailTypePOP/,
    ],
    ['an unknown payload type', mailWith({ PayloadType: 'com.apple.mail.unmanaged' }), /no schema kept for it/],
    [
      'a bad top-level version',
      { ...data(), PayloadVersion: 2 } as PlistObject,
      /profile\.PayloadVersion: got 2; allowed 1/,
    ],
  ])('finds %s', (_name, profile, problem) => {
    expect(profileProblems(profile, schemas).join('\n')).toMatch(problem);
  });
});

describe('signing (PROFILE_SIGNING_CERT / PROFILE_SIGNING_KEY)', () => {
  /** A throwaway self-signed certificate made here, never a real one. */
  function selfSigned(): { certificatePem: string; privateKeyPem: string } {
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    const subject = [{ name: 'commonName', value: 'Profile signing test' }];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    return {
      certificatePem: forge.pki.certificateToPem(cert),
      privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
    };
  }
  const identity = selfSigned();

  /** What `openssl cms -verify` gets out of signed bytes checked against the certificate; throws when they do not verify. */
  function opensslVerify(der: Buffer | Uint8Array): string {
    const dir = mkdtempSync(join(tmpdir(), 'profile-signing-'));
    try {
      writeFileSync(join(dir, 'profile.der'), der);
      writeFileSync(join(dir, 'cert.pem'), identity.certificatePem);
      const args = ['cms', '-verify', '-inform', 'DER', '-in', join(dir, 'profile.der')];
      return execFileSync('openssl', [...args, '-CAfile', join(dir, 'cert.pem'), '-purpose', 'any'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString('utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('signs the profile so that OpenSSL verifies it against the certificate and gets the profile back', () => {
    const signed = createSetupFiles(provider, identity).profile(ADDRESS);
    expect(signed.signed).toBe(true);
    const mail = (parse(opensslVerify(signed.body)) as { PayloadContent: PlistObject[] }).PayloadContent[0]!;
    expect(mail.EmailAddress).toBe(ADDRESS);
    expect(mail.IncomingMailServerHostName).toBe(servers.imap.host);
  });

  it('fails verification when the signed bytes are changed', () => {
    const body = Buffer.from(signProfile('<plist>original</plist>', identity));
    body.write('0', body.indexOf('original'));
    expect(() => opensslVerify(body)).toThrow();
  });

  it('is off without an identity: the profile is the plain XML', () => {
    const plain = files.profile();
    expect(plain.signed).toBe(false);
    expect(plain.body.toString('utf8')).toMatch(/^<\?xml/);
    expect(readFileSync(join(__dirname, '..', 'setup-files', 'apple-schema', 'LICENSE.txt'), 'utf8')).toMatch(
      /Apple Inc/,
    );
  });

  it.each([
    ['a matching pair', () => identity, undefined],
    ['a key of another pair', () => ({ ...identity, privateKeyPem: selfSigned().privateKeyPem }), /does not belong/],
    ['a certificate that is not PEM', () => ({ ...identity, certificatePem: 'nope' }), /not a PEM certificate/],
    ['a key that is not PEM', () => ({ ...identity, privateKeyPem: 'nope' }), /not an unencrypted PEM/],
  ])('checks %s', (_name, make, problem) => {
    const found = identityProblem(make());
    if (problem) expect(`${found?.variable} ${found?.problem}`).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});

describe('PROFILE_SIGNING_CERT and PROFILE_SIGNING_KEY in the config', () => {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02';
  cert.setSubject([{ name: 'commonName', value: 'Config test' }]);
  cert.setIssuer([{ name: 'commonName', value: 'Config test' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const keyPem = forge.pki.privateKeyToPem(keys.privateKey);
  const otherKeyPem = forge.pki.privateKeyToPem(forge.pki.rsa.generateKeyPair(1024).privateKey);

  it('is off when neither is set', () => {
    expect(parseConfig({}).profileSigning).toBeUndefined();
  });

  it('takes PEM text (also with \\n written out) or PEM files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-config-'));
    try {
      writeFileSync(join(dir, 'cert.pem'), certPem);
      writeFileSync(join(dir, 'key.pem'), keyPem);
      const fromFiles = parseConfig({
        PROFILE_SIGNING_CERT: join(dir, 'cert.pem'),
        PROFILE_SIGNING_KEY: join(dir, 'key.pem'),
      });
      const plain = (pem = '') => pem.replace(/\r/g, '').trim();
      expect(plain(fromFiles.profileSigning?.certificatePem)).toBe(plain(certPem));
      const oneLine = parseConfig({
        PROFILE_SIGNING_CERT: certPem.replace(/\r?\n/g, '\\n'),
        PROFILE_SIGNING_KEY: keyPem,
      });
      expect(plain(oneLine.profileSigning?.certificatePem)).toBe(plain(certPem));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['only the certificate', { PROFILE_SIGNING_CERT: 'x' }, /PROFILE_SIGNING_KEY: missing while the other is set/],
    ['only the key', { PROFILE_SIGNING_KEY: 'x' }, /PROFILE_SIGNING_CERT: missing while the other is set/],
    [
      'a file that is not there',
      { PROFILE_SIGNING_CERT: '/nonexistent/cert.pem', PROFILE_SIGNING_KEY: 'k' },
      /PROFILE_SIGNING_CERT: is neither PEM text nor a file/,
    ],
    [
      'a key of another certificate',
      { PROFILE_SIGNING_CERT: certPem, PROFILE_SIGNING_KEY: otherKeyPem },
      /PROFILE_SIGNING_KEY: does not belong/,
    ],
  ])('refuses %s, saying how to set it', (_name, env, problem) => {
    expect(problemsOf(env).join('\n')).toMatch(problem);
  });
});

describe('settings the files cannot state', () => {
  it('an unknown authentication stops the build, naming the field', () => {
    const odd = { ...provider, servers: { ...servers, smtp: { ...servers.smtp, authentication: 'Kerberos' } } };
    expect(() => mailSetup(odd)).toThrow(SetupFileError);
    expect(() => mailSetup(odd)).toThrow(/servers\.smtp\.authentication: got "Kerberos"/);
  });
});

describe('addresses', () => {
  const domains = provider.provider.domains;
  it.each([
    ['my email is jo.bloggs@btinternet.com', 'jo.bloggs@btinternet.com'],
    ['set up Jo@BTopenworld.com on my iphone.', 'Jo@BTopenworld.com'],
    ['(old@talk21.com)', 'old@talk21.com'],
    ['me@gmail.com on my iphone', undefined],
    ['no address here', undefined],
    ['(a 300-character local part)', undefined, `${'a'.repeat(300)}@btinternet.com`],
    ['@btinternet.com', undefined],
    ['(a@ repeated 5,000 times)', undefined, `${'a@'.repeat(5000)}btinternet.com`],
  ])('%s → %s', (name, address, text = name) => {
    expect(findAddress(text, domains)).toBe(address);
  });

  it.each([
    ['jo@btinternet.com', 'btinternet.com'],
    ['(255 characters)', undefined, 'x'.repeat(255)],
    ['jo@@btinternet.com', undefined],
    ['jo@btinternet', undefined],
    ['', undefined],
  ])('parseAddress(%s) → domain %s', (name, domain, raw = name) => {
    expect(parseAddress(raw)?.domain).toBe(domain);
  });
});

describe('profile links', () => {
  it('a token gives its address until the TTL, then says it expired; others are unknown', () => {
    let now = 1_000_000;
    const links = memoryProfileLinks({ now: () => now, ttlMs: 60_000 });
    const token = links.create(ADDRESS);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token).not.toContain('bloggs');
    expect(links.lookup(token)).toEqual({ kind: 'ok', address: ADDRESS });
    expect(links.lookup(links.create())).toEqual({ kind: 'ok' });
    now += 60_000;
    expect(links.lookup(token)).toEqual({ kind: 'expired' });
    expect(links.lookup('A'.repeat(32))).toEqual({ kind: 'unknown' });
    expect(links.lookup('../../etc/passwd')).toEqual({ kind: 'unknown' });
  });

  it('keeps at most `max` links, dropping the oldest', () => {
    const links = memoryProfileLinks({ max: 3 });
    const tokens = [1, 2, 3, 4].map(() => links.create(ADDRESS));
    expect(links.size).toBe(3);
    expect(links.lookup(tokens[0]!).kind).toBe('unknown');
    expect(links.lookup(tokens[3]!).kind).toBe('ok');
  });
});

describe('npm run autoconfig', () => {
  it('writes the same file the server serves, and says where the domain owner hosts it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autoconfig-'));
    try {
      const lines = writeAutoconfig(join(dir, 'config-v1.1.xml'));
      expect(readFileSync(join(dir, 'config-v1.1.xml'), 'utf8')).toBe(files.autoconfig());
      expect(lines.join('\n')).toContain('https://autoconfig.btinternet.com/mail/config-v1.1.xml');
      expect(lines.join('\n')).toContain('https://talk21.com/.well-known/autoconfig/mail/config-v1.1.xml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('setup-files is pure core', () => {
  it('imports neither botbuilder nor restify', () => {
    const dir = join(__dirname, '..', 'setup-files');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(5);
    for (const file of sources)
      expect({
        file,
        imports: readFileSync(join(dir, file), 'utf8').match(/from '(botbuilder|restify)[^']*'/g),
      }).toEqual({
        file,
        imports: null,
      });
  });
});
