/** Builds the bot from its parts: state, the main dialog and the knowledge. */
import { MemoryStorage, type BotTelemetryClient, type Storage } from 'botbuilder';
import { guardETags } from '../storage/etag-guard';
import type { Answerer } from '../knowledge';
import { JsonDiffConversationState } from './botbuilder-patches';
import { ActiveDialogStore, type ActiveDialog, type LegacyDialogState } from '../dialogs/engine';
import { MainDialog } from '../dialogs/main-dialog';
import type { Session } from '../dialogs/session';
import type { ConversationReferenceStore } from './references';
import { SupportBot, type CustomerSide, type SupportBotParts } from './support-bot';
import type { TurnSources } from './handover/runtime';
import { TeamsChannels } from './teams';
import type { ProfileOffers } from '../setup-files/offer';

export { SupportBot } from './support-bot';
export { InsightsTelemetryClient, embeddedTelemetry } from './telemetry';
export { typingIndicator } from './typing';
export { botMiddleware, dropTraces } from './middleware';
export type { DurableParts } from './durable-turns';
export { MemoryReferenceStore, type ConversationReferenceStore } from './references';
export { supportChannelPoster, type PostToSupportChannel, type SupportPost } from './support-channel';
export { createHandoverRuntime, type BuiltRuntime, type HandoverRuntimeOptions } from './handover/create';
export type { HandoverRuntime } from './handover/runtime';

/** What createBot needs; storage defaults to memory until durable storage is configured. */
export interface BotOptions {
  answerer: Answerer;
  config: { supportContact: string; teamsSupportTeamId?: string; teamsSupportChannelId?: string };
  storage?: Storage;
  /** Where Teams team and channel references are kept; without it the bot remembers none. */
  references?: ConversationReferenceStore;
  /** The agents' console's turns (createTeamsConsole): the support channel's activities go there first. */
  agents?: SupportBotParts['agents'];
  /** Live handover (bots/handover/create.ts); without it "a person" is the support contact only. */
  handover?: CustomerSide;
  now?: () => Date;
  /** Where insights events go (InsightsTelemetryClient, bots/telemetry.ts); none are sent without it. */
  telemetry?: BotTelemetryClient;
  /** The Apple settings file offered to iPhone, iPad and Mac Mail users (setup-files); none without it. */
  profileOffers?: ProfileOffers;
}

/** A ready SupportBot and the state it keeps. */
export function createBot(options: BotOptions): SupportBot {
  // Why guard: BotState saves with eTag '*', which would let a turn that lost a race overwrite newer state.
  const storage = guardETags(options.storage ?? new MemoryStorage());
  const conversationState = new JsonDiffConversationState(storage);
  const session = conversationState.createProperty<Session>('session');
  const activeDialog = new ActiveDialogStore(
    conversationState.createProperty<ActiveDialog | undefined>('activeDialog'),
    // Why: conversations saved by the botbuilder-dialogs version of the bot kept it here.
    conversationState.createProperty<LegacyDialogState | undefined>('dialogState'),
  );
  const dialog = new MainDialog({
    answerer: options.answerer,
    session,
    activeDialog,
    supportContact: options.config.supportContact,
    now: options.now,
    handoverOffers: options.handover !== undefined,
    telemetry: options.telemetry,
    profileOffers: options.profileOffers,
  });
  const teamsChannels = options.references && new TeamsChannels(options.references, supportIds(options.config));
  const note = conversationState.createProperty<unknown>('handover');
  const sources: TurnSources = {
    session: (context) => session.get(context),
    activeDialog: (context) => activeDialog.get(context),
    note: {
      get: (context) => note.get(context),
      set: (context, value) => (value === undefined ? note.delete(context) : note.set(context, value)),
      save: (context) => conversationState.saveChanges(context, false),
    },
  };
  const handover = options.handover && { side: options.handover, sources };
  return new SupportBot({
    conversationState,
    dialog,
    teamsChannels,
    agents: options.agents,
    ...(handover ? { handover } : {}),
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
}

function supportIds({ teamsSupportTeamId: teamId, teamsSupportChannelId: channelId }: BotOptions['config']) {
  return teamId && channelId ? { teamId, channelId } : undefined;
}
