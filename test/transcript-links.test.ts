/** Signed transcript links: what the handover card carries, and what the export accepts. */
import { parseConfig } from '../config';
import {
  checkTranscriptLink,
  isSignedRequest,
  transcriptLink,
  transcriptLinkSigner,
  transcriptPath,
  type LinkSigner,
} from '../transcripts/links';

const SECRET = 'link-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const NOW = Date.UTC(2025, 0, 31, 10, 0, 0);
const HOUR = 3600_000;
const A = { channelId: 'msteams', conversationId: '19:abc@thread.tacv2;messageid=17' };
const B = { channelId: 'msteams', conversationId: '19:abd@thread.tacv2;messageid=17' };
const SIGNER: LinkSigner = { secret: SECRET, baseUrl: 'https://bot.example.com/support', ttlHours: 24 };

/** The query of a link, as the server reads it. */
const queryOf = (link: string) => new URL(link).searchParams;

describe('transcriptLink', () => {
  const link = transcriptLink(SIGNER, A, NOW);

  it('is the absolute https URL of the conversation, HTML by default, with its expiry and signature', () => {
    expect(link).toMatch(
      /^https:\/\/bot\.example\.com\/support\/api\/transcripts\/msteams\/19%3Aabc%40thread\.tacv2%3Bmessageid%3D17\?format=html&exp=\d+&sig=[\w-]{43}$/,
    );
    expect(Number(queryOf(link).get('exp'))).toBe((NOW + 24 * HOUR) / 1000);
  });

  it('names the format asked for', () => {
    expect(queryOf(transcriptLink(SIGNER, A, NOW, 'transcript')).get('format')).toBe('transcript');
  });

  it('encodes each id as one path segment', () => {
    expect(transcriptPath({ channelId: 'webchat', conversationId: 'a/b?c#d e' })).toBe(
      '/api/transcripts/webchat/a%2Fb%3Fc%23d%20e',
    );
  });
});

describe('checkTranscriptLink', () => {
  const link = transcriptLink(SIGNER, A, NOW);
  const edited = (change: (query: URLSearchParams) => void) => {
    const query = queryOf(link);
    change(query);
    return query;
  };

  it.each<[string, URLSearchParams, typeof A, number, string]>([
    ['the link', queryOf(link), A, NOW, 'valid'],
    ['the link an hour before it expires', queryOf(link), A, NOW + 23 * HOUR, 'valid'],
    ['the link in another format', edited((q) => q.set('format', 'transcript')), A, NOW, 'valid'],
    ['the link without its format', edited((q) => q.delete('format')), A, NOW, 'valid'],
    ['the link when it expires', queryOf(link), A, NOW + 24 * HOUR, 'expired'],
    ['the link a week later', queryOf(link), A, NOW + 7 * 24 * HOUR, 'expired'],
    ["A's link for conversation B", queryOf(link), B, NOW, 'invalid'],
    ["A's link for A on another channel", queryOf(link), { ...A, channelId: 'webchat' }, NOW, 'invalid'],
    ['a later expiry', edited((q) => q.set('exp', String(Number(q.get('exp')) + 3600))), A, NOW, 'invalid'],
    ['a changed signature', edited((q) => q.set('sig', `${q.get('sig')!.slice(0, -1)}x`)), A, NOW, 'invalid'],
    ['no signature', edited((q) => q.delete('sig')), A, NOW, 'invalid'],
    ['no expiry', edited((q) => q.delete('exp')), A, NOW, 'invalid'],
    ['two signatures', edited((q) => q.append('sig', q.get('sig')!)), A, NOW, 'invalid'],
    ['two expiries', edited((q) => q.append('exp', q.get('exp')!)), A, NOW, 'invalid'],
    ['an expiry that is not digits', edited((q) => q.set('exp', `${q.get('exp')}&sig=x`)), A, NOW, 'invalid'],
    ['a huge signature', edited((q) => q.set('sig', 'A'.repeat(10_000))), A, NOW, 'invalid'],
  ])('finds %s %s', (_name, query, where, now, verdict) => {
    expect(checkTranscriptLink(SECRET, where, query, now)).toBe(verdict);
  });

  it('refuses a link signed with another secret', () => {
    const other = transcriptLink({ ...SIGNER, secret: `${SECRET}x` }, A, NOW);
    expect(checkTranscriptLink(SECRET, A, queryOf(other), NOW)).toBe('invalid');
  });

  it.each<[string, string, boolean]>([
    ['a signature', 'sig=x', true],
    ['an expiry', 'exp=1', true],
    ['a format only', 'format=html', false],
    ['nothing', '', false],
  ])('counts a query with %s as a signed request: %s', (_name, query, signed) => {
    expect(isSignedRequest(new URLSearchParams(query))).toBe(signed);
  });
});

describe('transcriptLinkSigner', () => {
  const APP = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-id' };

  it.each<[string, NodeJS.ProcessEnv, LinkSigner | undefined]>([
    ['no LINK_SIGNING_SECRET', { PUBLIC_BASE_URL: 'https://bot.example.com' }, undefined],
    [
      'the secret and PUBLIC_BASE_URL',
      {
        ...APP,
        LINK_SIGNING_SECRET: SECRET,
        PUBLIC_BASE_URL: 'https://bot.example.com',
        TRANSCRIPT_LINK_TTL_HOURS: '2',
      },
      { secret: SECRET, baseUrl: 'https://bot.example.com', ttlHours: 2 },
    ],
    [
      'anonymous local mode: the listening URL',
      { LINK_SIGNING_SECRET: SECRET, PORT: '4000' },
      { secret: SECRET, baseUrl: 'http://localhost:4000', ttlHours: 24 },
    ],
    [
      'an app id but no PUBLIC_BASE_URL: no link rather than one agents cannot open',
      { ...APP, LINK_SIGNING_SECRET: SECRET },
      undefined,
    ],
  ])('with %s', (_name, env, expected) => {
    expect(transcriptLinkSigner(parseConfig(env))).toEqual(expected);
  });
});
