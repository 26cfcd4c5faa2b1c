/** The pure helpers every operator endpoint shares: bearer keys, signed links and cookies, signed webhooks. */
import { createHmac } from 'node:crypto';
import { checkBearer, sameSecret } from '../security/operator-keys';
import { signCookie, signLink, verifyCookie, verifyLink } from '../security/signing';
import { signWebhook, verifyWebhook, WEBHOOK_TOLERANCE_SECONDS } from '../security/webhooks';

const KEY = 'transcript-key-0123456789abcdefghijklmnop';
const SECRET = 'link-secret-0123456789abcdefghijklmnopqrs';
const NOW = Date.parse('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;

describe('checkBearer', () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['no key configured', `Bearer ${KEY}`, undefined, 'off'],
    ['no key configured and no header', undefined, undefined, 'off'],
    ['the right key', `Bearer ${KEY}`, KEY, 'ok'],
    ['the scheme in any case, extra spaces', `bearer   ${KEY}  `, KEY, 'ok'],
    ['no header', undefined, KEY, 'unauthorized'],
    ['an empty header', '', KEY, 'unauthorized'],
    ['the scheme alone', 'Bearer', KEY, 'unauthorized'],
    ['a wrong key', `Bearer ${KEY.slice(0, -1)}x`, KEY, 'unauthorized'],
    ['a prefix of the key', `Bearer ${KEY.slice(0, 10)}`, KEY, 'unauthorized'],
    ['the key and more', `Bearer ${KEY}${KEY}`, KEY, 'unauthorized'],
    ['the key with another scheme', `Basic ${KEY}`, KEY, 'unauthorized'],
    ['the key without a scheme', KEY, KEY, 'unauthorized'],
    ['two tokens', `Bearer ${KEY} ${KEY}`, KEY, 'unauthorized'],
    ['a huge header', `Bearer ${'k'.repeat(100_000)}`, KEY, 'unauthorized'],
  ])('%s', (_name, header, key, kind) => {
    expect(checkBearer(header, key).kind).toBe(kind);
  });

  it.each<[string, string, boolean]>([
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'a much longer value', false],
    ['', '', true],
  ])('sameSecret(%j, %j) is %s', (a, b, same) => {
    expect(sameSecret(a, b)).toBe(same);
  });
});

describe('signed links', () => {
  const path = '/api/transcripts/msteams/19%3Aabc%40thread.tacv2';
  const link = signLink(SECRET, path, NOW + HOUR);
  const withQuery = signLink(SECRET, `${path}?format=text`, NOW + HOUR);

  it('appends the expiry and the signature', () => {
    expect(link).toMatch(/^\/api\/transcripts\/msteams\/19%3Aabc%40thread\.tacv2\?exp=\d+&sig=[\w-]{43}$/);
    expect(withQuery).toMatch(/\?format=text&exp=\d+&sig=[\w-]{43}$/);
  });

  it.each<[string, () => string, number, string]>([
    ['the link', () => link, NOW, 'valid'],
    ['a link with its own query', () => withQuery, NOW, 'valid'],
    ['the link a second before it expires', () => link, NOW + HOUR - 1000, 'valid'],
    ['the link when it expires', () => link, NOW + HOUR, 'expired'],
    ['the link a day later', () => link, NOW + 24 * HOUR, 'expired'],
    ['another path with its signature', () => link.replace('abc', 'abd'), NOW, 'invalid'],
    ['a later expiry', () => link.replace(/exp=\d+/, (m) => `${m}9`), NOW, 'invalid'],
    ['a changed query', () => withQuery.replace('format=text', 'format=json'), NOW, 'invalid'],
    ['a tampered signature', () => link.replace(/sig=./, 'sig=A').replace(/sig=AA/, 'sig=AB'), NOW, 'invalid'],
    ['no signature', () => link.replace(/&sig=.*$/, ''), NOW, 'invalid'],
    ['no expiry', () => `${path}?sig=${link.split('sig=')[1]}`, NOW, 'invalid'],
    ['the path alone', () => path, NOW, 'invalid'],
    ['signed with another secret', () => signLink(`${SECRET}x`, path, NOW + HOUR), NOW, 'invalid'],
    ['a cookie value as a link signature', () => `${path}?exp=1&sig=${signCookie(SECRET, 'x', NOW)}`, NOW, 'invalid'],
    ['a huge link', () => `${link}${'&a=b'.repeat(5000)}`, NOW, 'invalid'],
  ])('%s is %s', (_name, value, now, kind) => {
    expect(verifyLink(SECRET, value(), now).kind).toBe(kind);
  });

  it('gives back the path and query it signed', () => {
    expect(verifyLink(SECRET, withQuery, NOW)).toEqual({ kind: 'valid', path: `${path}?format=text` });
  });
});

describe('signed cookies', () => {
  const cookie = signCookie(SECRET, 'insights:alice', NOW + HOUR);

  it('is cookie-safe: letters, digits, "-", "_" and "."', () => {
    expect(cookie).toMatch(/^[\w-]+\.\d+\.[\w-]{43}$/);
  });

  it.each<[string, () => string, number, string]>([
    ['the cookie', () => cookie, NOW, 'valid'],
    ['the cookie when it expires', () => cookie, NOW + HOUR, 'expired'],
    [
      'a changed payload',
      () => `${Buffer.from('insights:mallory').toString('base64url')}${cookie.slice(cookie.indexOf('.'))}`,
      NOW,
      'invalid',
    ],
    [
      'a later expiry',
      () => cookie.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 3600}.`),
      NOW,
      'invalid',
    ],
    ['a tampered signature', () => `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`, NOW, 'invalid'],
    ['signed with another secret', () => signCookie(`${SECRET}x`, 'insights:alice', NOW + HOUR), NOW, 'invalid'],
    [
      'a link signature as a cookie',
      () => `${Buffer.from('x').toString('base64url')}.9999999999.${signLink(SECRET, '/', NOW).split('sig=')[1]}`,
      NOW,
      'invalid',
    ],
    ['two parts', () => cookie.split('.').slice(1).join('.'), NOW, 'invalid'],
    ['four parts', () => `${cookie}.x`, NOW, 'invalid'],
    ['empty', () => '', NOW, 'invalid'],
    ['a huge value', () => 'a'.repeat(100_000), NOW, 'invalid'],
  ])('%s is %s', (_name, value, now, kind) => {
    expect(verifyCookie(SECRET, value(), now).kind).toBe(kind);
  });

  it('gives back the payload', () => {
    expect(verifyCookie(SECRET, cookie, NOW)).toEqual({ kind: 'valid', payload: 'insights:alice' });
  });
});

describe('signed webhooks', () => {
  const WEBHOOK_SECRET = 'webhook-secret-0123456789abcdefghijklmnop';
  const body = JSON.stringify({ event: 'handover', conversationId: 'c-1', text: 'Grüße' });
  const headers = signWebhook(WEBHOOK_SECRET, body, NOW);

  it('signs sha256=HMAC(timestamp + "." + body) in X-Signature-256, with X-Timestamp in seconds', () => {
    const timestamp = String(NOW / 1000);
    const mac = createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex');
    expect(headers).toEqual({ 'X-Signature-256': `sha256=${mac}`, 'X-Timestamp': timestamp });
  });

  const received = (h = headers) => ({ signature: h['X-Signature-256'], timestamp: h['X-Timestamp'] });
  const tolerance = WEBHOOK_TOLERANCE_SECONDS * 1000;

  it.each<[string, () => Parameters<typeof verifyWebhook>, string]>([
    ['the request', () => [WEBHOOK_SECRET, body, received(), NOW], 'valid'],
    ['the body as bytes', () => [WEBHOOK_SECRET, Buffer.from(body), received(), NOW], 'valid'],
    ['the request at the end of the window', () => [WEBHOOK_SECRET, body, received(), NOW + tolerance], 'valid'],
    ['the request after the window', () => [WEBHOOK_SECRET, body, received(), NOW + tolerance + 1000], 'stale'],
    ['a request from the future', () => [WEBHOOK_SECRET, body, received(), NOW - tolerance - 1000], 'stale'],
    ['a changed body', () => [WEBHOOK_SECRET, body.replace('c-1', 'c-2'), received(), NOW], 'invalid'],
    [
      'a re-serialised body',
      () => [WEBHOOK_SECRET, JSON.stringify(JSON.parse(body), null, 1), received(), NOW],
      'invalid',
    ],
    [
      'a changed timestamp',
      () => [WEBHOOK_SECRET, body, { ...received(), timestamp: String(NOW / 1000 + 1) }, NOW],
      'invalid',
    ],
    ['another secret', () => [`${WEBHOOK_SECRET}x`, body, received(), NOW], 'invalid'],
    ['no signature', () => [WEBHOOK_SECRET, body, { timestamp: received().timestamp }, NOW], 'invalid'],
    ['no timestamp', () => [WEBHOOK_SECRET, body, { signature: received().signature }, NOW], 'invalid'],
    [
      'an upper-case signature',
      () => [WEBHOOK_SECRET, body, { ...received(), signature: received().signature!.toUpperCase() }, NOW],
      'invalid',
    ],
    [
      'a signature without sha256=',
      () => [WEBHOOK_SECRET, body, { ...received(), signature: received().signature!.slice(7) }, NOW],
      'invalid',
    ],
    [
      'a timestamp that is not a number',
      () => [WEBHOOK_SECRET, body, { ...received(), timestamp: '1e9' }, NOW],
      'invalid',
    ],
  ])('%s is %s', (_name, args, kind) => {
    expect(verifyWebhook(...args()).kind).toBe(kind);
  });

  it('a stale request with a wrong signature is invalid, not stale', () => {
    expect(verifyWebhook(WEBHOOK_SECRET, 'other', received(), NOW + 10 * tolerance).kind).toBe('invalid');
  });
});
