/** The built-in Direct Line 3.0 endpoint's core: tokens, conversations, the protocol and the in-process adapter. */
import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { DirectLineAdapter } from './adapter';
import { ConversationStore, type Activity, type StoreLimitOptions } from './conversations';
import type { ConversationRecords } from './records';
import { DEFAULT_BOT_ACCOUNT, DirectLineService, type DirectLineLimits } from './service';
import { createTokenSigner } from './tokens';

export { DirectLineAdapter, IN_PROCESS_SERVICE_URL } from './adapter';
export { clientKey } from './client-key';
export {
  ConversationGoneError,
  ConversationStore,
  parseWatermark,
  STORE_DEFAULTS,
  type Activity,
  type ActivitySet,
  type ConversationStatus,
  type StoreLimitOptions,
  type StoreOptions,
} from './conversations';
export * from './records';
export { RateLimiter, type RateLimit } from './rate-limiter';
export * from './service';
export * from './token-source';
export { createTokenSigner, bearerToken, type TokenSigner, type TokenClaims } from './tokens';

/** What `createDirectLine` needs; only `logic` is required. */
export interface DirectLineOptions {
  /** Runs a turn of the bot, e.g. `(context) => bot.run(context)`. */
  logic: (context: TurnContext) => Promise<void>;
  /** Signs tokens; random per start when absent, so several instances behind one address need a shared one. */
  tokenSecret?: string;
  tokenLifetimeSeconds?: number;
  idleMs?: number;
  /** The conversation store's limits (bytes, conversations, idle times); see STORE_DEFAULTS. */
  store?: StoreLimitOptions;
  /** Where conversations are kept so that a restart does not end them; in memory (lost on restart) when absent. */
  records?: ConversationRecords;
  limits?: Partial<DirectLineLimits>;
  generateSecret?: string;
  now?: () => number;
  logger?: Pick<Logger, 'error' | 'info'>;
}

/** The service the routes call and the adapter the bot runs on; add middleware and onTurnError to the adapter. */
export interface DirectLine {
  service: DirectLineService;
  adapter: DirectLineAdapter;
  /** The conversations (in memory, and their records), for measurements (`bytes`, `size`) and `idle` on shutdown. */
  store: ConversationStore;
}

/** Builds the built-in Direct Line around one bot. */
export function createDirectLine(options: DirectLineOptions): DirectLine {
  const { now, logger } = options;
  const signer = createTokenSigner({
    secret: options.tokenSecret ?? randomBytes(32),
    lifetimeSeconds: options.tokenLifetimeSeconds,
    now,
  });
  const store = new ConversationStore({
    ...options.store,
    idleMs: options.idleMs ?? options.store?.idleMs,
    records: options.records,
    onRecordError: (err, conversationId) => logger?.error({ err, conversationId }, 'direct line record write failed'),
    now,
  });
  const adapter = new DirectLineAdapter(store, DEFAULT_BOT_ACCOUNT);
  const runTurn = (activity: Activity, redacted?: Activity, requestId?: string) =>
    adapter.processActivity(activity, options.logic, redacted, requestId);
  const service = new DirectLineService({
    signer,
    store,
    runTurn,
    limits: options.limits,
    now,
    logger,
    generateSecret: options.generateSecret,
  });
  return { service, adapter, store };
}
