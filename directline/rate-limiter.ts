/** Token-bucket rate limits keyed by client or conversation; pure, with an injectable clock. */

/** How many requests a key may make at once, and how fast that allowance comes back. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

/** The outcome of asking for one request's worth of allowance. */
export type RateCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** A set of buckets sharing one limit; full buckets are forgotten by `sweep`. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request's allowance for `key`, or says how long to wait. */
  take(key: string): RateCheck {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond)) };
  }

  /** Drops buckets that have refilled completely, so memory follows active clients only. */
  sweep(): void {
    for (const key of [...this.buckets.keys()])
      if (this.refilled(key).tokens >= this.limit.burst) this.buckets.delete(key);
  }

  /** How many keys are being tracked. */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
