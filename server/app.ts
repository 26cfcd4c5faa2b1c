/** The whole bot built from the config: stores, knowledge, bot, both adapters and the server, not yet listening. */
import type * as restify from 'restify';
import {
  botMiddleware,
  createBot,
  createHandoverRuntime,
  embeddedTelemetry,
  supportChannelPoster,
  type HandoverRuntime,
} from '../bots';
import type { BotTelemetryClient } from 'botbuilder';
import { startAppInsights, type AppInsightsTelemetry } from '../bots/app-insights';
import { eventsTo, fanOut } from '../bots/telemetry-clients';
import { elsewhereSource } from '../insights/report';
import { appInsightsWhere } from '../security/app-insights-config';
import type { ReachAdapters } from '../bots/handover/customer';
import type { AgentConsole, HandoverDesk } from '../bots/handover/ports';
import { createTeamsConsole } from '../bots/handover/console';
import type { PostToSupportChannel, ProactiveAdapter } from '../bots/support-channel';
import { knowledgeLookups } from '../handover/context';
import type { Config } from '../config';
import type { InsightsSource } from '../insights/report';
import { createAnswerer, loadKnowledgeDir, type Answerer } from '../knowledge';
import type { Logger } from '../logger';
import { openStores, type Stores } from '../storage';
import { createSetupParts, type SetupParts } from '../setup-files';
import { transcriptLinkSigner } from '../transcripts/links';
import { createAdapter, createServer, createWebChat, messagesPolicy, shutdown } from './index';
import { countStoreErrors, createMetrics, metricsSink, type BotMetrics } from './metrics';
import { createReadiness, knowledgeProbe, storageProbe } from './readiness';

/** A built bot: `listen(app.server, port)` starts it, `close` stops the server and closes the stores. */
export interface App {
  server: restify.Server;
  stores: Stores;
  /** Live handover: the customer's side, the timers, and the desk the agents' console calls. */
  handover: HandoverRuntime;
  /** The insights report (the embedded store's), when there is one: for the insights page. */
  insights?: InsightsSource;
  /** The operational metrics (/metrics); `metrics.recordEvent` counts answers and handovers from telemetry events. */
  metrics: BotMetrics;
  /** With APPLICATIONINSIGHTS_CONNECTION_STRING: the official client, automatic collection off (the bot's telemetry client). */
  appInsights?: AppInsightsTelemetry;
  /** Where the bot's telemetry events go: the metrics' counters and, when set, Application Insights. */
  telemetry: BotTelemetryClient;
  close(): Promise<void>;
}

/** What tests (and the agents' console, once it lands) add to the app. */
export interface AppOptions {
  /** Replaces the Teams agents' console (tests give a fake); by default the support channel's (createTeamsConsole). */
  agentConsole?: (desk: HandoverDesk) => AgentConsole;
  /** The clock of the bot and the handover (tests move it instead of waiting). */
  now?: () => Date;
  /** How often this instance looks for handover timers that are due; default 15 s. */
  handoverSweepMs?: number;
  /** Where the insights page reads its reports; without one the page is off. */
  insightsSource?: InsightsSource;
}

/** Builds everything `index.ts` starts; tests and the fuzzer build the same app. `answerer` defaults to the config's knowledge. */
export async function createApp(
  config: Readonly<Config>,
  logger: Logger,
  answerer?: Answerer,
  options: AppOptions = {},
): Promise<App> {
  answerer ??= createAnswerer(loadKnowledgeDir(config.knowledgeDir));
  const metrics = createMetrics({ processMetrics: true });
  const stores = meteredStores(await openStores(config), metrics);
  // Why after the stores: a store that fails to open stops the start before the SDK has anything to stop.
  const appInsights = config.appInsightsConnectionString
    ? await startAppInsights(config.appInsightsConnectionString)
    : undefined;
  if (appInsights) logger.info('telemetry goes to Application Insights (automatic collection off)');
  logger.info({ storage: stores.kind, location: stores.location }, 'storage open');
  if (stores.kind === 'memory') logger.warn('STORAGE=memory: conversations and transcripts are lost on restart');
  // Why the embedded store by default: insights with no cloud account (SQLite, or SQLite in memory with STORAGE=memory).
  const embedded = embeddedTelemetry(stores.insights, answerer.reader, logger, options.now);
  // Why one client for all: the bot and the handover runtime emit each event once; the counters, the embedded
  // store and (when set) Application Insights each take it.
  const telemetry = fanOut(
    eventsTo(metricsSink(metrics)),
    ...(embedded ? [embedded] : []),
    ...(appInsights ? [appInsights.client] : []),
  );
  // Why filled in below: the runtime reaches customers through adapters that are built after the bot.
  const adapters: ReachAdapters = {};
  const supportChannel: { post?: PostToSupportChannel } = {};
  const handover = createHandoverRuntime({
    ...{ storage: stores.storage, leases: stores.leases, transcripts: stores.transcripts, config, adapters },
    ...{ supportChannel, linkSigner: transcriptLinkSigner(config), lookups: knowledgeLookups(answerer.knowledge) },
    logger,
    ...(options.now ? { now: options.now } : {}),
    telemetry,
  });
  const teams = teamsConsole(config, stores, handover.runtime, adapters);
  const setup = setupParts(config, answerer);
  const bot = createBot({
    ...{ answerer, config, storage: stores.storage, references: stores.references },
    handover: handover.runtime,
    ...(teams.agents ? { agents: teams.agents } : {}),
    ...(options.now ? { now: options.now } : {}),
    telemetry,
    profileOffers: setup.offers,
  });
  // Why one list: every adapter (HTTP, web chat) must serialise turns and record transcripts the same way.
  const middleware = botMiddleware({ ...stores, logger }, metrics);
  const adapter = createAdapter(config, logger).use(...middleware);
  const webChat = createWebChat(config, { bot, logger, middleware, records: stores.directLine });
  adapters.cloud = { adapter, appId: config.microsoftAppId };
  adapters.directLine = webChat.directLine.adapter;
  metrics.countDirectLineOpen(() => webChat.directLine.store.size);
  const appId = config.microsoftAppId;
  const channelId = config.teamsSupportChannelId;
  supportChannel.post = supportChannelPoster({ adapter, appId, channelId, references: stores.references });
  handover.runtime.attachConsole(options.agentConsole?.(handover.runtime) ?? teams.console);
  handover.runtime.startSweeper(options.handoverSweepMs);
  const operators = {
    ...{ transcriptApiKey: config.transcriptApiKey, linkSigningSecret: config.linkSigningSecret },
    transcripts: stores.transcripts,
  };
  warnWithoutPublicUrl(config, logger);
  const edge = { trustProxy: config.webChatTrustProxy, maxConnectionsPerAddress: config.maxConnectionsPerAddress };
  const readiness = createReadiness([knowledgeProbe(answerer), storageProbe(stores.storage)], logger);
  // Why the embedded store by default: the page reads what this instance stored, unless a test or a deployment gives
  // another source.
  const elsewhere = config.appInsightsConnectionString
    ? elsewhereSource(appInsightsWhere(config.appInsightsConnectionString))
    : undefined;
  const insightsSource = options.insightsSource ?? stores.insights ?? elsewhere;
  const insightsPage = {
    ...{ apiKey: config.insightsApiKey, signingSecret: config.linkSigningSecret },
    source: insightsSource,
  };
  const server = createServer({
    ...{ adapter, bot, logger, webChat, operators, insights: insightsPage, edge, readiness },
    ...{ metrics, metricsApiKey: config.metricsApiKey },
    messages: messagesPolicy(config),
    setup: { files: setup.files, links: setup.links },
  });
  // Why wait for the Direct Line's writes: a trim or a save nobody waited for must reach the store before it closes.
  const close = async () => {
    await handover.runtime.close();
    await shutdown(server);
    await Promise.all([handover.idle(), webChat.directLine.store.idle()]);
    await stores.close();
    await appInsights?.close();
  };
  const parts = { server, stores, handover: handover.runtime, metrics, telemetry };
  const insights = insightsSource ? { insights: insightsSource } : {};
  return { ...parts, ...insights, ...(appInsights ? { appInsights } : {}), close };
}

/** The stores with every failed call counted (bot_store_errors_total); what they are and do is unchanged. */
function meteredStores(stores: Stores, metrics: BotMetrics): Stores {
  const count = <T extends object>(store: T, name: string) => countStoreErrors(store, name, metrics);
  return {
    ...{ kind: stores.kind, location: stores.location, close: () => stores.close() },
    ...{ storage: count(stores.storage, 'state'), transcripts: count(stores.transcripts, 'transcripts') },
    ...{ leases: count(stores.leases, 'leases'), references: count(stores.references, 'references') },
    directLine: count(stores.directLine, 'directline'),
    ...(stores.insights ? { insights: stores.insights } : {}),
  };
}

/**
 * The Teams agents' console on the support channel: cards, Accept, the agents' replies and commands.
 * Why a late adapter: the console is built before the bot, the CloudAdapter after it.
 */
function teamsConsole(config: Readonly<Config>, stores: Stores, desk: HandoverDesk, adapters: ReachAdapters) {
  const adapter: ProactiveAdapter = {
    continueConversationAsync: (appId, reference, logic) =>
      adapters.cloud!.adapter.continueConversationAsync(appId, reference, logic),
  };
  return createTeamsConsole({ adapter, appId: config.microsoftAppId, config, references: stores.references, desk });
}

/**
 * The setup files from the first provider. Why the same base URL as transcript links: the profile's
 * link is opened on the customer's device, so it must be the address the bot is reached at.
 */
function setupParts(config: Readonly<Config>, answerer: Answerer): SetupParts {
  const provider = answerer.knowledge.providers[0]!;
  const base = config.publicBaseUrl ?? (config.anonymous ? `http://localhost:${config.port}` : undefined);
  return createSetupParts({ provider, signing: config.profileSigning, baseUrl: () => base });
}

/** Why only a warning: the bot works without transcript links; the handover card then has none. */
function warnWithoutPublicUrl(config: Readonly<Config>, logger: Logger): void {
  if (config.linkSigningSecret && !config.anonymous && !transcriptLinkSigner(config))
    logger.warn('LINK_SIGNING_SECRET is set but PUBLIC_BASE_URL is not: handover cards carry no transcript link');
}
