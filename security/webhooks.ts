/**
 * Signatures on outgoing webhooks, so a receiver knows the request came from this bot and is fresh:
 * `X-Signature-256: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))` and `X-Timestamp` (Unix seconds).
 * Pure; the secret is HANDOFF_WEBHOOK_SECRET.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from './operator-keys';

/** How far a request's timestamp may be from the receiver's clock, either way; older ones may be replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The headers a signed webhook carries. */
export interface WebhookHeaders {
  'X-Signature-256': string;
  'X-Timestamp': string;
}

/** What a receiver read from those headers (either may be missing). */
export interface ReceivedSignature {
  signature?: string;
  timestamp?: string;
}

/** What verifying finds; `stale` only for an authentic request outside the window. */
export type WebhookCheck = { kind: 'valid' } | { kind: 'stale' } | { kind: 'invalid' };

/** The headers for `body`, sent exactly as signed (the bytes, not a re-serialisation). */
export function signWebhook(secret: string, body: string | Buffer, nowMs: number): WebhookHeaders {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { 'X-Signature-256': `sha256=${hmac(secret, timestamp, body)}`, 'X-Timestamp': timestamp };
}

/** Checks a received webhook: signature first, then freshness. */
export function verifyWebhook(
  secret: string,
  body: string | Buffer,
  received: ReceivedSignature,
  nowMs: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): WebhookCheck {
  const { signature, timestamp } = received;
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { kind: 'invalid' };
  if (signature === undefined || !sameSecret(signature, `sha256=${hmac(secret, timestamp, body)}`))
    return { kind: 'invalid' };
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  return skew <= toleranceSeconds ? { kind: 'valid' } : { kind: 'stale' };
}

function hmac(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}
