/**
 * An HTTP fuzzer for the whole public surface: /api/messages, the built-in Direct Line, the web chat's
 * token endpoint, the transcript export, health and readiness, and paths that do not exist. Requests
 * are generated with fast-check (junk bodies, wrong types, every activity type, huge and deeply nested
 * bodies, good and bad tokens and keys) and each must get an answer that is not a server error: no 5xx
 * but 501 for an invoke the bot does not handle and 503 while a dependency is down, and never a dropped
 * connection. `npm run fuzz` runs it long; test/fuzz.test.ts runs it briefly on every `npm test`.
 */
import fc from 'fast-check';

/** One generated request. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** What a request may be sent with: the server, and credentials that are valid on it. */
export interface FuzzTarget {
  url: string;
  /** A Direct Line token for `conversationId` (posting to it exercises the bot). */
  directLineToken: string;
  conversationId: string;
  transcriptApiKey: string;
  metricsApiKey: string;
  /** A loopback serviceUrl that accepts replies (a connector stand-in). */
  serviceUrl: string;
}

/** A request that got a server error, or no answer at all. */
export interface FuzzFailure {
  request: { method: string; path: string; headers: Record<string, string>; body: string };
  outcome: string;
}

/** Activity types channels send, and a few that no channel sends. */
export const ACTIVITY_TYPES = [
  ...['message', 'conversationUpdate', 'contactRelationUpdate', 'typing', 'endOfConversation', 'event', 'invoke'],
  ...['deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction', 'suggestion'],
  ...['trace', 'handoff', 'command', 'commandResult', 'delay', 'invokeResponse', 'Message', '', 'x'.repeat(300)],
];

/** Status codes that are not server errors for the request: 501 only for an unhandled invoke, 503 only when a dependency is down. */
export function acceptable(status: number, request: FuzzRequest): boolean {
  if (status < 500) return true;
  if (status === 501) return request.path.startsWith('/api/messages') && bodyText(request).includes('invoke');
  return status === 503 && request.path.startsWith('/v3/directline/conversations') && request.method === 'POST';
}

/** Sends one request; a server error or a dropped connection is a failure. `seen` counts the statuses. */
export async function probe(
  target: FuzzTarget,
  request: FuzzRequest,
  seen?: Map<number, number>,
): Promise<FuzzFailure | undefined> {
  let outcome: string;
  try {
    const res = await fetch(`${target.url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    seen?.set(res.status, (seen.get(res.status) ?? 0) + 1);
    if (acceptable(res.status, request)) return undefined;
    outcome = `HTTP ${res.status}`;
  } catch (err) {
    outcome = `no answer: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
  return { request: { ...request, body: bodyText(request).slice(0, 500) }, outcome };
}

function bodyText(request: FuzzRequest): string {
  if (request.body === undefined) return '';
  return typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('latin1');
}

/** The requests: a mix of plausible calls with broken parts and pure junk. */
export function requestArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: messagesRequest(target) },
    { weight: 4, arbitrary: directLineRequest(target) },
    { weight: 1, arbitrary: operatorRequest(target) },
    { weight: 1, arbitrary: junkRequest() },
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** A value of any JSON type, sometimes huge or deeply nested. */
function anyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map(nested) },
    { weight: 1, arbitrary: fc.constantFrom(1_000, 40_000, 300_000).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

/** `depth` levels of objects and arrays around a string. */
function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { v: value };
  return value;
}

/** Text a customer (or an attacker) might type: questions, adversarial shapes, control characters. */
function messageText(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom('what port for smtp', 'error 530', 'my password is Hunter2!', 'help me switch from POP to IMAP'),
    fc.constantFrom('a-', 'a@', 'a.', 'a ', 'eyJ', 'a:', 'user:pw@').map((s) => s.repeat(20_000)),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    anyValue(),
  );
}

/** Field values: the right type most of the time, anything else otherwise. */
function sometimes<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: anyValue() });
}

function activity(serviceUrl: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      type: sometimes(fc.constantFrom(...ACTIVITY_TYPES)),
      id: sometimes(fc.uuid()),
      text: messageText(),
      name: sometimes(fc.constantFrom('handoff.status', 'webchat/join', 'adaptiveCard/action', 'x')),
      value: anyValue(),
      channelId: sometimes(fc.constantFrom('webchat', 'msteams', 'directline', 'emulator', 'test')),
      serviceUrl: sometimes(serviceUrl),
      conversation: sometimes(fc.record({ id: sometimes(fc.uuid()), isGroup: fc.boolean() })),
      from: sometimes(fc.record({ id: sometimes(fc.string()), role: sometimes(fc.constantFrom('user', 'bot')) })),
      recipient: sometimes(fc.record({ id: fc.string() })),
      membersAdded: sometimes(fc.array(fc.record({ id: fc.string() }), { maxLength: 3 })),
      attachments: sometimes(fc.array(fc.record({ contentType: fc.string(), content: anyValue() }), { maxLength: 3 })),
      channelData: anyValue(),
      entities: sometimes(fc.array(anyValue(), { maxLength: 3 })),
    },
    { requiredKeys: [] },
  );
}

/** A body: the activity as JSON most of the time, else broken JSON, binary or nothing. */
function body(value: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: value.map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 1, arbitrary: value.map((v) => (JSON.stringify(v) ?? '').slice(0, -1)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** One of the given header sets. */
function headerChoice(...choices: Record<string, string>[]): fc.Arbitrary<Record<string, string>> {
  return fc.constantFrom(...choices);
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data'];

function contentType(): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ 'content-type': 'application/json' }) },
    { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((t) => ({ 'content-type': t })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

function messagesRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const serviceUrl = fc.constantFrom(target.serviceUrl, 'http://127.0.0.2:9/', 'http://2130706433/', 'urn:x', '');
  const auth = headerChoice({}, { authorization: 'Bearer junk' }, { authorization: 'Basic dTpw' });
  return fc
    .record({ method: sometimesPost(), body: body(activity(serviceUrl)), type: contentType(), auth })
    .map(({ method, body, type, auth }) => ({ method, path: '/api/messages', headers: { ...type, ...auth }, body }));
}

function sometimesPost(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
}

function directLineRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const conv = fc.constantFrom(target.conversationId, 'unknown-conversation', '..', '%00', 'x'.repeat(500));
  const path = fc.oneof(
    conv.map((c) => `/v3/directline/conversations/${c}/activities`),
    fc.tuple(conv, fc.string({ maxLength: 20 })).map(([c, w]) => `/v3/directline/conversations/${c}?watermark=${w}`),
    fc.constantFrom('/v3/directline/conversations', '/v3/directline/tokens/refresh', '/v3/directline/tokens/generate'),
    fc.constant('/api/webchat/token'),
  );
  const auth = headerChoice(
    { authorization: `Bearer ${target.directLineToken}` },
    { authorization: `Bearer ${target.directLineToken.slice(0, -2)}xx` },
    { authorization: 'Bearer ' },
    {},
  );
  const origin = headerChoice({}, { origin: 'https://evil.example' }, { origin: target.url });
  const forwarded = fc.ipV4().map((ip) => ({ 'x-forwarded-for': ip }));
  return fc
    .record({
      method: sometimesPost(),
      path,
      auth,
      origin,
      forwarded,
      type: contentType(),
      body: body(activity(fc.string())),
    })
    .map(({ method, path, auth, origin, forwarded, type, body }) => ({
      method,
      path,
      headers: { ...type, ...auth, ...origin, ...forwarded },
      body,
    }));
}

function operatorRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const path = fc.oneof(
    fc.constantFrom(
      '/api/transcripts/directline',
      '/api/transcripts/webchat/x',
      '/api/transcripts/',
      '/healthz',
      '/readyz',
      '/metrics',
      '/metrics?name[]=bot_turns_total',
      '/mail/config-v1.1.xml',
      '/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%40btinternet.com',
    ),
    fc.string({ maxLength: 300 }).map((s) => `/api/transcripts/${encodeURIComponent(s)}`),
    // The setup files: an address of any shape, and any token.
    fc.string({ maxLength: 400 }).map((s) => `/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(s)}`),
    fc.string({ maxLength: 100 }).map((s) => `/setup/profile/${encodeURIComponent(s)}`),
    fc
      .tuple(fc.string(), fc.string())
      .map(([a, b]) => `/api/transcripts/${encodeURIComponent(a)}/${encodeURIComponent(b)}`),
  );
  const auth = headerChoice(
    { authorization: `Bearer ${target.transcriptApiKey}` },
    { authorization: `Bearer ${target.transcriptApiKey}x` },
    { authorization: `Bearer ${target.metricsApiKey}` },
    { authorization: 'bearer' },
    {},
  );
  const accept = headerChoice({}, { accept: 'application/json' }, { accept: '*/*' });
  // Why fuzz X-Request-Id: it is the one header whose value the server may write to its logs and echo back.
  const requestId = fc.oneof(
    fc.constant({}),
    fc.string({ maxLength: 100 }).map((id) => ({ 'x-request-id': id })),
  );
  return fc
    .record({ method: fc.constantFrom('GET', 'GET', 'POST', 'HEAD'), path, auth, accept, requestId })
    .map(({ method, path, auth, accept, requestId }) => ({
      method,
      path,
      headers: { ...auth, ...accept, ...requestId },
    }));
}

function junkRequest(): fc.Arbitrary<FuzzRequest> {
  const path = fc.oneof(
    fc.webPath().map((p) => p || '/'),
    fc.constantFrom('/', '/webchat/webchat.js', '/%', '/..%2f..%2fetc/passwd', `/${'a'.repeat(5000)}`),
  );
  return fc
    .record({ method: fc.constantFrom(...METHODS), path, body: body(anyValue()), type: contentType() })
    .map(({ method, path, body, type }) => ({ method, path, headers: type, body }));
}
