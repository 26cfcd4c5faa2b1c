/** The insights page's routes on the real server: who gets in (key, cookie, neither), the query, the CSV. */
import fc from 'fast-check';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { signCookie } from '../security/signing';
import { listen } from '../server';
import { createApp } from '../server/app';
import {
  INSIGHTS_CSP,
  INSIGHTS_TEXT,
  MAX_SIGN_IN_BYTES,
  SIGN_IN_LIMIT,
  type InsightsPageData,
} from '../server/insights-routes';
import { SESSION_COOKIE } from '../server/insights-session';
import { QUERY_TEXT } from '../insights/page-query';
import {
  FIXTURE_NOW,
  HOSTILE,
  INSIGHTS_KEY,
  INSIGHTS_SECRET,
  fixtureSource,
  startInsightsServer,
  type InsightsServer,
} from './helpers/insights-fixtures';

const BEARER = { Authorization: `Bearer ${INSIGHTS_KEY}` };
/** Words that are only in the fixture's data: none may be in an answer to a caller without the key. */
const DATA_WORDS = ['forward email outlook', 'smtp settings', '2026-03-0'];

let app: InsightsServer;
let source: ReturnType<typeof fixtureSource>;

beforeAll(async () => {
  source = fixtureSource();
  // Why a high limit here: these tests sign in many times from one address; the limit has its own test below.
  app = await startInsightsServer({ source, signInLimit: { burst: 1000, perSecond: 1 } });
});
afterAll(() => app.close());
beforeEach(() => source.asked.splice(0));

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, { headers, redirect: 'manual' });
}

function signIn(
  key: string,
  headers: Record<string, string> = {},
  url = app.url,
  fields: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/insights/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url, ...headers },
    body: new URLSearchParams({ key, ...fields }).toString(),
    redirect: 'manual',
  });
}

/** The `name=value` of the session cookie a sign-in set. */
async function sessionCookie(): Promise<string> {
  const res = await signIn(INSIGHTS_KEY);
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('without the key or a session', () => {
  it('GET /insights is 401 whose body is the sign-in form, with no data and no question to the source', async () => {
    const res = await get('/insights');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="insights"');
    expect(res.headers.get('content-security-policy')).toBe(INSIGHTS_CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/insights/sign-in">');
    expect(html).toContain('name="key" type="password"');
    expect(html).not.toContain('<script');
    for (const word of DATA_WORDS) expect(html).not.toContain(word);
    expect(source.asked).toEqual([]);
  });

  it.each(['/insights/data', '/insights/csv/top-questions', '/insights/insights.js', '/insights/chart.umd.js'])(
    '%s is 401 with how to get in, and the source is not asked',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: INSIGHTS_TEXT.unauthorized });
      expect(source.asked).toEqual([]);
    },
  );

  it.each([
    ['a wrong key', `Bearer ${INSIGHTS_KEY}x`],
    ['the key as Basic', `Basic ${INSIGHTS_KEY}`],
    ['an empty bearer', 'Bearer '],
  ])('%s is refused', async (_name, authorization) => {
    expect((await get('/insights/data', { Authorization: authorization })).status).toBe(401);
    expect(source.asked).toEqual([]);
  });

  it('the style sheet is public: the sign-in form needs it, and it holds no data', async () => {
    const res = await get('/insights/insights.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
});

describe('Authorization: Bearer INSIGHTS_API_KEY (scripts)', () => {
  it('gets the data: the report for the last 30 days by default, no `where` locally, a YAML skeleton per group', async () => {
    const res = await get('/insights/data', BEARER);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as InsightsPageData;
    expect(source.asked).toEqual([{ from: '2026-02-13', to: '2026-03-14' }]);
    expect(body.report.filter).toEqual({ from: '2026-02-13', to: '2026-03-14' });
    expect(body.report.unanswered).toHaveLength(2);
    expect(body.where).toBeNull();
    expect(body.skeletons).toHaveLength(2);
    expect(body.skeletons[0]).toContain('- id: todo-forward-email-outlook');
  });

  it('gets the page itself, with the strict policy', async () => {
    const res = await get('/insights', BEARER);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(INSIGHTS_CSP);
    expect(await res.text()).toContain('<script src="/insights/chart.umd.js" defer></script>');
  });

  it("serves chart.js's UMD build from node_modules", async () => {
    const res = await get('/insights/chart.umd.js', BEARER);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toMatch(/^\/\*!\n \* Chart\.js v4\./);
  });

  it('passes the query on as the filter', async () => {
    const res = await get('/insights/data?from=2026-03-01&to=2026-03-07&channel=msteams', BEARER);
    expect(res.status).toBe(200);
    expect(source.asked).toEqual([{ from: '2026-03-01', to: '2026-03-07', channel: 'msteams' }]);
  });
});

describe('the query', () => {
  it.each([
    ['an impossible date', 'from=2026-02-30', QUERY_TEXT.badDate('from')],
    ['a date in another format', 'to=14/03/2026', QUERY_TEXT.badDate('to')],
    ['from after to', 'from=2026-03-10&to=2026-03-01', QUERY_TEXT.reversed],
    ['more than 366 days', 'from=2025-01-01&to=2026-03-01', QUERY_TEXT.tooWide],
    ['an unknown parameter', 'days=7', QUERY_TEXT.unknown('days')],
    ['a repeated parameter', 'channel=a&channel=b', QUERY_TEXT.repeated('channel')],
    ['a channel with other characters', 'channel=a%20b', QUERY_TEXT.badChannel],
    ['a long query', `channel=${'a'.repeat(600)}`, QUERY_TEXT.tooLong],
  ])('%s is 400 and never reaches the source', async (_name, query, error) => {
    for (const path of ['/insights/data', '/insights/csv/top-questions']) {
      const res = await get(`${path}?${query}`, BEARER);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error });
    }
    expect(source.asked).toEqual([]);
  });

  it('an empty channel means every channel', async () => {
    expect((await get('/insights/data?from=2026-03-01&to=2026-03-01&channel=', BEARER)).status).toBe(200);
    expect(source.asked).toEqual([{ from: '2026-03-01', to: '2026-03-01' }]);
  });
});

describe('signing in with the form', () => {
  it('sets an HttpOnly, SameSite=Strict cookie (not Secure on http://127.0.0.1) that opens the page and its data', async () => {
    const res = await signIn(INSIGHTS_KEY);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/insights');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]+\\.\\d+\\.[\\w-]+; `));
    expect(cookie.split('; ').slice(1)).toEqual(['Path=/insights', 'HttpOnly', 'SameSite=Strict', 'Max-Age=28800']);
    const session = { Cookie: cookie.split(';')[0]! };
    expect((await get('/insights', session)).status).toBe(200);
    const data = await get('/insights/data?from=2026-03-01&to=2026-03-14', session);
    expect(data.status).toBe(200);
    expect(((await data.json()) as InsightsPageData).report.topQuestions[0]).toEqual({
      about: 'smtp settings',
      count: 412,
    });
  });

  it('marks the cookie Secure when the page came over HTTPS (a trusted proxy says so)', async () => {
    const proxied = await startInsightsServer({ trustProxy: true });
    try {
      const res = await signIn(INSIGHTS_KEY, { 'X-Forwarded-Proto': 'https' }, proxied.url);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong key: 401 with the form and its message, no cookie, and neither key in the logs', async () => {
    const res = await signIn('not-the-key-0123456789');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain(INSIGHTS_TEXT.wrongKey);
    await sessionCookie();
    expect(app.logs.join('\n')).toContain('insights refused');
    expect(app.logs.join('\n')).not.toMatch(/not-the-key|insights-key-/);
  });

  it("keeps the page's filter through the sign-in: only a valid one, rewritten, goes back into Location", async () => {
    const form = await (await get('/insights?channel=msteams&from=2026-03-01&to=2026-03-07')).text();
    expect(form).toContain(
      '<input type="hidden" name="then" value="from=2026-03-01&#38;to=2026-03-07&#38;channel=msteams" />',
    );
    const kept = await signIn(INSIGHTS_KEY, {}, app.url, { then: 'channel=msteams&from=2026-03-01&to=2026-03-07' });
    expect(kept.headers.get('location')).toBe('/insights?from=2026-03-01&to=2026-03-07&channel=msteams');
    for (const then of ['//evil.example', 'https://evil.example/', 'from=2026-02-30', 'next=/admin'])
      expect((await signIn(INSIGHTS_KEY, {}, app.url, { then })).headers.get('location')).toBe('/insights');
    expect(await (await get('/insights?from=nonsense')).text()).not.toContain('name="then"');
  });

  it.each([
    ['another Origin', { Origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a malformed Origin', { Origin: 'null' }],
  ])('refuses a post from %s (403), even with the right key', async (_name, headers) => {
    const res = await signIn(INSIGHTS_KEY, headers);
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain(INSIGHTS_TEXT.foreign);
  });

  it('takes only a form body, and a bounded one', async () => {
    const json = await fetch(`${app.url}/insights/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: INSIGHTS_KEY }),
    });
    expect(json.status).toBe(415);
    const big = await signIn('x'.repeat(MAX_SIGN_IN_BYTES + 1));
    expect(big.status).toBe(413);
    expect(big.headers.get('set-cookie')).toBeNull();
  });

  it(`limits attempts per client: ${SIGN_IN_LIMIT.burst}, then 429 with Retry-After, even with the right key`, async () => {
    const limited = await startInsightsServer();
    try {
      for (let i = 0; i < SIGN_IN_LIMIT.burst; i++) expect((await signIn('wrong', {}, limited.url)).status).toBe(401);
      const res = await signIn(INSIGHTS_KEY, {}, limited.url);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('set-cookie')).toBeNull();
    } finally {
      await limited.close();
    }
  });

  it('signs out: the cookie is deleted; a sign-out from another site is refused', async () => {
    const session = await sessionCookie();
    const foreign = await fetch(`${app.url}/insights/sign-out`, {
      method: 'POST',
      headers: { Cookie: session, Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const res = await fetch(`${app.url}/insights/sign-out`, {
      method: 'POST',
      headers: { Cookie: session, Origin: app.url },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toBe(
      `${SESSION_COOKIE}=; Path=/insights; HttpOnly; SameSite=Strict; Max-Age=0`,
    );
  });
});

describe('a session cookie that is not valid', () => {
  const HOUR = 3_600_000;
  it.each([
    ['changed payload', (c: string) => `${Buffer.from('admin').toString('base64url')}${c.slice(c.indexOf('.'))}`],
    ['changed expiry', (c: string) => c.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 3600}.`)],
    ['changed signature', (c: string) => `${c.slice(0, -2)}${c.endsWith('AA') ? 'BB' : 'AA'}`],
    ['signed with another secret', () => signCookie(`${INSIGHTS_SECRET}x`, 'insights', FIXTURE_NOW + HOUR)],
    ['signed for another purpose', () => signCookie(INSIGHTS_SECRET, 'transcripts', FIXTURE_NOW + HOUR)],
    ['empty', () => ''],
  ])('%s: 401, the form, no data', async (_name, change) => {
    const good = (await sessionCookie()).slice(SESSION_COOKIE.length + 1);
    const cookie = { Cookie: `${SESSION_COOKIE}=${change(good)}` };
    const page = await get('/insights', cookie);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain(INSIGHTS_TEXT.signIn);
    expect((await get('/insights/data', cookie)).status).toBe(401);
    expect(source.asked).toEqual([]);
  });

  it('expired: 401 and the form says the session has ended', async () => {
    const cookie = { Cookie: `${SESSION_COOKIE}=${signCookie(INSIGHTS_SECRET, 'insights', FIXTURE_NOW - 1000)}` };
    const page = await get('/insights', cookie);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain(INSIGHTS_TEXT.expired);
    expect(await (await get('/insights/data', cookie)).json()).toEqual({ error: INSIGHTS_TEXT.expired });
  });
});

describe('CSV export', () => {
  it('sends a table as a download named by the table and the range', async () => {
    const res = await get('/insights/csv/top-questions?from=2026-03-01&to=2026-03-14', BEARER);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="insights-top-questions-2026-03-01-2026-03-14.csv"',
    );
    expect((await res.text()).split('\r\n').slice(0, 3)).toEqual([
      'asked about,times',
      'smtp settings,412',
      'imap settings,388',
    ]);
  });

  it('defuses a cell a spreadsheet would run as a formula, and quotes what needs quoting', async () => {
    const csv = await (await get('/insights/csv/unanswered?channel=msteams', BEARER)).text();
    const examples = `how do I forward my bt email to outlook.com | forward emails to my gmail | ${HOSTILE.formula}`;
    expect(csv).toContain(`forward email outlook,23,"${examples.replace(/"/g, '""')}",addresses,`);
    const defused = await (await get('/insights/csv/unanswered', BEARER)).text();
    expect(defused).not.toMatch(/(^|,)=/m);
  });

  it.each(['nothing', '__proto__', 'toString'])('an unknown table (%s) is 404', async (table) => {
    const res = await get(`/insights/csv/${table}`, BEARER);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: INSIGHTS_TEXT.unknownTable });
  });
});

describe('the source', () => {
  it('failing: 503 with a sentence, logged', async () => {
    const failing = await startInsightsServer({
      source: {
        report: () => {
          throw new Error('disk I/O error');
        },
      },
    });
    try {
      const res = await get('/insights/data', BEARER).then(() =>
        fetch(`${failing.url}/insights/data`, { headers: BEARER }),
      );
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: INSIGHTS_TEXT.unavailable });
      expect(failing.logs.join('\n')).toContain('the insights source failed');
    } finally {
      await failing.close();
    }
  });

  it('elsewhere: the data says where (Application Insights)', async () => {
    const remote = await startInsightsServer({ source: fixtureSource('Application Insights (bt-email-bot)') });
    try {
      const body = (await (await fetch(`${remote.url}/insights/data`, { headers: BEARER })).json()) as InsightsPageData;
      expect(body.where).toBe('Application Insights (bt-email-bot)');
    } finally {
      await remote.close();
    }
  });
});

describe('INSIGHTS_API_KEY unset', () => {
  it.each(['/insights', '/insights/data', '/insights/csv/top-questions', '/insights/insights.css'])(
    '%s is 404, as a path that does not exist',
    async (path) => {
      const off = await startInsightsServer({ apiKey: undefined });
      try {
        const nowhere = await (await fetch(`${off.url}/nowhere`)).text();
        const res = await fetch(`${off.url}${path}`, { headers: BEARER });
        expect(res.status).toBe(404);
        expect(await res.text()).toBe(nowhere);
      } finally {
        await off.close();
      }
    },
  );
});

describe('hostile input', () => {
  const statusOf = async (path: string, init: RequestInit = {}) => (await fetch(`${app.url}${path}`, init)).status;

  it('any query, cookie or sign-in body gets a 2xx, 3xx or 4xx, never a 5xx or a dropped connection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 700 }), fc.string({ maxLength: 300 }), async (query, cookie) => {
        const path = `/insights/data?${encodeURI(query)}`;
        expect(await statusOf(path, { headers: BEARER })).toBeLessThan(500);
        const jar = { Cookie: `${SESSION_COOKIE}=${encodeURIComponent(cookie)}` };
        expect(await statusOf(`/insights/csv/${encodeURIComponent(query.slice(0, 90))}`, { headers: jar })).toBe(401);
        const body = `key=${encodeURIComponent(cookie)}&then=${encodeURIComponent(query)}`;
        const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url };
        expect(await statusOf('/insights/sign-in', { method: 'POST', headers, body, redirect: 'manual' })).toBe(401);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

describe('createApp', () => {
  it.each([
    ['a source given: on', true, true, 200],
    ['the embedded store (memory storage): on', true, false, 200],
    ['INSIGHTS_API_KEY unset: off', false, false, 404],
  ])('%s', async (_name, withKey, withSource, status) => {
    const config = parseConfig({
      STORAGE: 'memory',
      ...(withKey ? { INSIGHTS_API_KEY: INSIGHTS_KEY } : {}),
      LINK_SIGNING_SECRET: INSIGHTS_SECRET,
    });
    const logger = createLogger('silent');
    const built = await createApp(
      config,
      logger,
      createAnswerer(),
      withSource ? { insightsSource: fixtureSource() } : {},
    );
    try {
      const url = await listen(built.server, 0, '127.0.0.1');
      const res = await fetch(`${url}/insights/data`, { headers: BEARER });
      expect(res.status).toBe(status);
      if (status === 200 && !withSource) {
        const body = (await res.json()) as { report: { conversationsPerDay: unknown[] } };
        expect(body.report.conversationsPerDay).toEqual([]);
      }
    } finally {
      await built.close();
    }
  });
});
