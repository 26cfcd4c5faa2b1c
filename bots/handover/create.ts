/**
 * Builds the handover runtime from the stores and the config: how customers are reached (the
 * adapters, filled in once they exist: the bot is built before its adapters), the agents' console
 * (optional: attached once built, as it needs the runtime as its desk), and where tickets go.
 */
import type { Activity, BotTelemetryClient, TranscriptStore } from 'botbuilder';
import type { ContextLookups } from '../../handover/context';
import { AGENT_TEXT } from '../../handover/messages';
import type { CreateLock, RecordStorage, TicketRecord } from '../../handover/records';
import { createWebhookSender, httpPost, type Delivery, type Post } from '../../handover/webhook';
import { readTranscriptBounded } from '../../storage/transcript-export';
import { transcriptLink, type LinkSigner } from '../../transcripts/links';
import type { Warner } from '../durable-turns';
import type { PostToSupportChannel } from '../support-channel';
import { customerReach, type ReachAdapters } from './customer';
import type { AgentConsole } from './ports';
import { HandoverRuntime, MAX_CONTEXT_ACTIVITIES, type RuntimeConfig } from './runtime';

/** Logs the runtime writes: warnings, and the webhook's deliveries. */
export interface RuntimeLogger extends Warner {
  info(details: object, message: string): void;
}

/** What `createHandoverRuntime` needs. */
export interface HandoverRuntimeOptions {
  storage: RecordStorage;
  leases: CreateLock;
  transcripts: TranscriptStore;
  config: RuntimeConfig & { handoffWebhookUrl?: string; handoffWebhookSecret?: string };
  /** Filled in by the caller once the adapters exist; read at each proactive turn. */
  adapters: ReachAdapters;
  /** The Teams agents' console; or attach it later with `attachConsole`. */
  console?: AgentConsole;
  /** Posts a ticket to the Teams support channel; read at each ticket (set it once the adapter exists). */
  supportChannel?: { post?: PostToSupportChannel };
  /** The webhook's HTTP call (a fake in tests); the real one by default. */
  webhookPost?: Post;
  linkSigner?: LinkSigner;
  lookups?: ContextLookups;
  logger?: RuntimeLogger;
  now?: () => Date;
  /** Where the handover's insights events go. */
  telemetry?: BotTelemetryClient;
}

/** A runtime whose console can be attached once it is built. */
export interface BuiltRuntime {
  runtime: HandoverRuntime;
  /** Tickets being handed on (support channel, webhook), for a clean shutdown and for tests. */
  idle(): Promise<void>;
}

/** The handover runtime for the app (see the module's header). */
export function createHandoverRuntime(options: HandoverRuntimeOptions): BuiltRuntime {
  const pending = new Set<Promise<unknown>>();
  const deliver = ticketDelivery(options);
  const runtime = new HandoverRuntime({
    storage: options.storage,
    leases: options.leases,
    transcripts: options.transcripts,
    config: options.config,
    reach: customerReach(options.adapters),
    deliverTicket: async (ticket) => {
      // Why not awaited: the webhook may retry for minutes; the customer is told at once.
      const delivery = deliver(ticket).catch((err: unknown) =>
        options.logger?.warn({ err }, 'handover: a ticket could not be handed on'),
      );
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    },
    ...(options.console ? { console: options.console } : {}),
    ...(options.linkSigner ? { linkSigner: options.linkSigner } : {}),
    ...(options.lookups ? { lookups: options.lookups } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
  return { runtime, idle: async () => void (await Promise.all([...pending])) };
}

/** Posts a stored ticket to the support channel (when there is one) and the webhook (when set). */
function ticketDelivery(options: HandoverRuntimeOptions): (ticket: TicketRecord) => Promise<void> {
  const { handoffWebhookUrl: url, handoffWebhookSecret: secret } = options.config;
  const send =
    url && secret
      ? createWebhookSender({
          url,
          secret,
          post: options.webhookPost ?? httpPost(),
          ...(options.logger ? { logger: options.logger } : {}),
        })
      : undefined;
  return async (ticket) => {
    const signer = options.linkSigner;
    const now = (options.now ?? (() => new Date()))().getTime();
    const link = signer ? { transcriptUrl: transcriptLink(signer, ticket.transcript, now) } : {};
    const post = options.supportChannel?.post;
    const text = AGENT_TEXT.ticket(ticket.id, ticket.message, ticket.contact);
    const posting = post?.(link.transcriptUrl ? `${text}\n\n${link.transcriptUrl}` : text).catch((err: unknown) => {
      options.logger?.warn({ err }, 'handover: a ticket could not be posted to the support channel');
    });
    const sending: Promise<Delivery | undefined> = send
      ? send({ kind: 'ticket', ...ticket, ...link, activities: await transcriptOf(options.transcripts, ticket) })
      : Promise.resolve(undefined);
    await Promise.all([posting, sending]);
  };
}

/** The ticket's conversation as stored (redacted), its latest activities, for a ticketing system that cannot open links. */
async function transcriptOf(store: TranscriptStore, ticket: TicketRecord): Promise<Activity[]> {
  const { channelId, conversationId } = ticket.transcript;
  return (await readTranscriptBounded(store, channelId, conversationId)).items.slice(-MAX_CONTEXT_ACTIVITIES);
}
