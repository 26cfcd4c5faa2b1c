/**
 * Readiness, for /readyz: whether this instance can take traffic now (knowledge loaded, storage answering, not
 * shutting down). Why apart from /healthz: a load balancer should stop sending work while storage is down, but a
 * restart (what a failed liveness probe brings) would not help.
 */
import type { Storage } from 'botbuilder';
import type { Answerer } from '../knowledge';
import type { Logger } from '../logger';

/** One thing the bot needs, checked cheaply; it throws or rejects when the thing is unavailable. */
export interface ReadinessProbe {
  /** The short reason /readyz gives when this probe fails: knowledge, storage. */
  name: string;
  check(): Promise<void> | void;
}

/** Ready, or why not: a probe's name, or stopping. */
export type ReadyState = { ready: true } | { ready: false; reason: string };

/** Options; tests pass a clock and a short timeout. */
export interface ReadinessOptions {
  now?: () => number;
  /** How long a probe may take before it counts as failed. */
  timeoutMs?: number;
  /** Told of each failure, to log it (the error stays in the log, never in the answer). */
  onFailure?: (probe: string, err: unknown) => void;
}

/** How long one answer is reused: /readyz is public, and each probe may cost a storage request. */
export const READY_CACHE_MS = 1000;
export const READY_TIMEOUT_MS = 2000;

/** The probes, asked at most once per READY_CACHE_MS, and the shutdown flag. */
export class Readiness {
  private stopping = false;
  private last?: { at: number; state: Promise<ReadyState> };

  constructor(
    private readonly probes: readonly ReadinessProbe[] = [],
    private readonly options: ReadinessOptions = {},
  ) {}

  /** Not ready from now on: the server is shutting down. */
  stop(): void {
    this.stopping = true;
  }

  /** The current state; concurrent callers share one round of probes. */
  check(): Promise<ReadyState> {
    if (this.stopping) return Promise.resolve({ ready: false, reason: 'stopping' });
    const now = (this.options.now ?? Date.now)();
    if (this.last && now - this.last.at < READY_CACHE_MS) return this.last.state;
    const state = this.probeAll();
    this.last = { at: now, state };
    return state;
  }

  private async probeAll(): Promise<ReadyState> {
    const results = await Promise.all(this.probes.map((probe) => this.passes(probe)));
    const failed = this.probes.find((_, i) => !results[i]);
    return failed ? { ready: false, reason: failed.name } : { ready: true };
  }

  private async passes(probe: ReadinessProbe): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.options.timeoutMs ?? READY_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([(async () => probe.check())(), timeout]);
      return true;
    } catch (err) {
      this.options.onFailure?.(probe.name, err);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Readiness whose failures are logged by probe name and error name. Why not the message: it can quote a URL or key. */
export function createReadiness(probes: readonly ReadinessProbe[], logger: Logger, options: ReadinessOptions = {}) {
  return new Readiness(probes, {
    ...options,
    onFailure: (probe, err) => logger.warn({ probe, error: (err as Error)?.name }, 'readiness probe failed'),
  });
}

/** The knowledge is loaded: at least one provider's entries. */
export function knowledgeProbe(answerer: Pick<Answerer, 'knowledge'>): ReadinessProbe {
  return {
    name: 'knowledge',
    check: () => {
      if (answerer.knowledge.providers.length === 0) throw new Error('no knowledge loaded');
    },
  };
}

/** Storage answers a read of one key that is never written: one SELECT, or one blob GET. */
export function storageProbe(storage: Pick<Storage, 'read'>): ReadinessProbe {
  return { name: 'storage', check: async () => void (await storage.read(['readiness-probe'])) };
}
