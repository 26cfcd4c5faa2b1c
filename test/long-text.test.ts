/** Long and hostile text: the cap and its marker, hostile shapes through redaction and search, a pasted mail log. */
import { ADVERSARIAL_SHAPES, adversarialText } from '../bench/adversarial';
import { createAnswerer } from '../knowledge';
import { MAX_INPUT } from '../knowledge/normalise';
import { containsSecret, REDACTED, redactDeep, redactSecrets } from '../transcripts/redact';
import { capText, cutMarker, MAX_TEXT } from '../transcripts/text-cap';

const MARKER = /\n… \[cut: [\d,]+ more characters\]$/;

describe('capText', () => {
  it.each([
    ['empty', ''],
    ['short', 'imap settings please'],
    ['exactly the cap', 'x'.repeat(MAX_TEXT)],
  ])('keeps text within the cap as it is: %s', (_name, text) => {
    expect(capText(text)).toBe(text);
  });

  it('cuts longer text at a space, says how much went, and stays within the cap', () => {
    const text = 'word '.repeat(10_000);
    const capped = capText(text);
    expect(capped).toMatch(MARKER);
    expect(capped.length).toBeLessThanOrEqual(MAX_TEXT);
    const kept = capped.replace(MARKER, '');
    expect(text.startsWith(kept)).toBe(true);
    expect(kept).toMatch(/word$/);
    expect(capped).toContain(cutMarker(text.length - kept.length));
    expect(cutMarker(12_345)).toBe('\n… [cut: 12,345 more characters]');
  });

  it('changes nothing when applied again, and never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(MAX_TEXT);
    const capped = capText(emoji);
    expect(capText(capped)).toBe(capped);
    expect(capped.replace(MARKER, '')).toMatch(/^(😀)+$/u);
  });

  it('the search reads no more than the cap', () => {
    expect(MAX_INPUT).toBeLessThanOrEqual(MAX_TEXT);
  });
});

describe('redaction of long text', () => {
  it('cuts before redacting: a secret before the cut is redacted, what is after the cut is gone, and the cut is no secret', () => {
    const text = `pw: Hunter2secret and ${'lorem ipsum '.repeat(MAX_TEXT / 6)} pw: Tail99secret`;
    const out = redactSecrets(text);
    expect(out).toMatch(/^pw: \[redacted\] and lorem ipsum/);
    expect(out).toMatch(MARKER);
    expect(out).not.toContain('Tail99secret');
    expect(containsSecret('lorem ipsum '.repeat(MAX_TEXT))).toBe(false);
  });

  it('caps every string of an activity, keys included', () => {
    const long = 'x '.repeat(MAX_TEXT);
    const out = redactDeep({ text: long, value: { [long]: [long] } });
    expect(out.text).toMatch(MARKER);
    const [key, [item]] = Object.entries(out.value)[0] as [string, string[]];
    expect(key).toMatch(MARKER);
    expect(item).toMatch(MARKER);
  });
});

describe('hostile shapes at the cap and beyond', () => {
  const answerer = createAnswerer();
  const cases = Object.entries(ADVERSARIAL_SHAPES).flatMap(([name, unit]) => [
    [name, MAX_TEXT, adversarialText(unit, MAX_TEXT)] as const,
    [name, 4 * MAX_TEXT, adversarialText(unit, 4 * MAX_TEXT)] as const,
  ]);

  // Why no timing here: linear time is proven by test/regex-safety.test.ts; npm run bench reports the times.
  it.each(cases)(
    '%s (%i characters): redaction keeps the cap and the marker, and the search answers',
    (_n, size, text) => {
      const out = redactSecrets(text);
      expect(out.length).toBeLessThanOrEqual(MAX_TEXT);
      // At the cap itself a marker appears only where "[redacted]" made the text longer than it was.
      if (size > MAX_TEXT) expect(out).toMatch(MARKER);
      expect(out.replace(MARKER, '').replaceAll(REDACTED, '')).not.toContain('[cut:');
      expect(answerer.ask(text).reply.text.length).toBeGreaterThan(0);
    },
  );
});

/** A pasted mail log of about 8 KB: an SMTP session, a bounce with its headers, and what the customer added. */
function mailLog(secretLines: string[]): string {
  const session = [
    'S: 220 mail.btinternet.com ESMTP ready',
    'C: EHLO [192.168.1.20]',
    'S: 250-mail.btinternet.com Hello [81.2.69.142]',
    'S: 250-SIZE 52428800',
    'S: 250-AUTH LOGIN PLAIN',
    'S: 250 STARTTLS',
    'C: STARTTLS',
    'S: 220 2.0.0 Ready to start TLS',
    'C: AUTH PLAIN AGppbUBidGludGVybmV0LmNvbQBIdW50ZXIyc2VjcmV0',
    'S: 535 5.7.8 Authentication credentials invalid',
    'C: AUTH LOGIN',
    'S: 334 VXNlcm5hbWU6',
    'C: amltQGJ0aW50ZXJuZXQuY29t',
    'S: 334 UGFzc3dvcmQ6',
    'C: SHVudGVyMnNlY3JldA==',
    'S: 235 2.7.0 Authentication successful',
    'C: MAIL FROM:<jim@btinternet.com>',
    'S: 250 2.1.0 Sender OK',
    'C: RCPT TO:<someone@example.org>',
    'S: 550 5.7.1 <someone@example.org>: Relay access denied',
    'C: QUIT',
    'S: 221 2.0.0 Bye',
  ];
  const bounce = [
    'Return-Path: <>',
    'Received: from mail.btinternet.com (mail.btinternet.com [213.120.69.105]) by mx.example.org with ESMTPS id 4XyZ12',
    'Date: Tue, 2 Dec 2025 09:14:03 +0000',
    'From: Mail Delivery System <MAILER-DAEMON@btinternet.com>',
    'Subject: Undelivered Mail Returned to Sender',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="9F2C4A1E.1733130843/mail.btinternet.com"',
    'This is the mail system at host mail.btinternet.com.',
    "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    '<someone@example.org>: host mx.example.org[93.184.216.34] said: 554 5.7.1 Service unavailable; Client host blocked',
    'Reporting-MTA: dns; mail.btinternet.com',
    'Action: failed',
    'Status: 5.7.1',
    'Diagnostic-Code: smtp; 550 5.7.1 Relaying denied',
  ];
  const lines = [...session, ...bounce];
  const padded: string[] = [];
  for (let i = 0; padded.join('\n').length < 7_600; i++) padded.push(lines[i % lines.length]!);
  padded.splice(30, 0, ...secretLines);
  return `Here's the log from Outlook, can you see what's wrong?\n${padded.join('\n')}\nThanks, Jim`;
}

describe('an 8 KB pasted mail log keeps its error codes and loses its password', () => {
  const codes = ['535 5.7.8', '550 5.7.1', '554 5.7.1', '221 2.0.0', 'Status: 5.7.1', 'mail.btinternet.com'];
  it.each<[string, string[], string[]]>([
    [
      'AUTH PLAIN and AUTH LOGIN in the session',
      [],
      ['AGppbUBidGludGVybmV0LmNvbQBIdW50ZXIyc2VjcmV0', 'SHVudGVyMnNlY3JldA=='],
    ],
    ['a password line in a pasted config', ['Password: Hunter2secret'], ['Hunter2secret']],
    ['the customer says it', ['(my password is Kestrel#77 if that helps)'], ['Kestrel#77']],
    ['user and password together', ['jim@btinternet.com / sunshine99'], ['sunshine99']],
    ['a passphrase', ['passphrase: correct horse battery staple'], ['horse battery']],
  ])('%s', (_name, secretLines, secrets) => {
    const log = mailLog(secretLines);
    expect(log.length).toBeGreaterThan(7_500);
    const out = redactSecrets(log);
    expect(out).not.toMatch(MARKER);
    for (const code of codes) expect(out).toContain(code);
    for (const secret of secrets) expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });
});
