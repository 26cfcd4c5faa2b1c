/**
 * What the handover core needs besides its state, for one conversation at one moment: the target
 * (HANDOFF_EVENT_CHANNELS applied), the limits, whether support is open, and the customer's place
 * in the queue as a sentence. Why computed per decision: hours and the queue change by the minute,
 * and the core reads no clock and no store.
 */
import { handoverTargetFor, type HandoverConfig } from '../../handover/config';
import { isOpen, nextAvailableSentence } from '../../handover/hours';
import type { HandoverSettings } from '../../handover/machine';
import { estimateQueue, queueSentence, type AcceptedWait, type WaitingHandover } from '../../handover/queue';
import {
  QUEUE_KEY,
  readQueue,
  readWaits,
  WAITS_KEY,
  type QueueEntry,
  type RecordStorage,
} from '../../handover/records';
import type { Handover } from '../../handover/state';
import type { CustomerAddress } from './ports';

/** How often a waiting customer hears their place in the queue, in minutes. */
export const QUEUE_UPDATE_MINUTES = 3;

/** The parts of the config the settings come from. */
export type SettingsConfig = Pick<
  HandoverConfig,
  | 'handoffTarget'
  | 'handoffFallbackTarget'
  | 'handoffEventChannels'
  | 'handoffWaitMinutes'
  | 'handoffIdleMinutes'
  | 'handoffAgentName'
  | 'supportHours'
> & { supportContact: string };

/** The conversation as the target rule reads it. */
export interface ConversationFacts extends CustomerAddress {
  serviceUrl?: string;
  userId?: string;
}

/** The settings for a conversation now, without the queue sentence (which needs the store). */
export function baseSettings(config: SettingsConfig, conversation: ConversationFacts, now: Date): HandoverSettings {
  const open = isOpen(config.supportHours, now.getTime());
  return {
    target: handoverTargetFor(config, conversation),
    waitMinutes: config.handoffWaitMinutes,
    idleMinutes: config.handoffIdleMinutes,
    queueUpdateMinutes: QUEUE_UPDATE_MINUTES,
    agentName: config.handoffAgentName,
    supportContact: config.supportContact,
    open,
    ...(open ? {} : { nextOpening: nextAvailableSentence(config.supportHours, now.getTime()) }),
  };
}

/**
 * The queue sentence for a conversation whose handover is waiting (its place) or about to be
 * (last in the queue); undefined otherwise, so the store is read only when it is said.
 */
export async function queueText(
  storage: RecordStorage,
  address: CustomerAddress,
  state: Handover,
  now: Date,
): Promise<string | undefined> {
  if (state.phase !== 'waiting' && state.phase !== 'offered' && state.phase !== 'bot') return undefined;
  const read = await storage.read([QUEUE_KEY, WAITS_KEY]);
  const queue = readQueue(read[QUEUE_KEY]).waiting.map(waitingOf);
  // Why "now" for every wait: the waits record keeps no times, only the most recent waits.
  const history: AcceptedWait[] = readWaits(read[WAITS_KEY]).waitsMs.map((waitedMs) => ({
    acceptedAt: now.getTime(),
    waitedMs,
  }));
  const mine = state.phase === 'waiting' ? queueId({ ...address, handoverId: state.handoverId }) : '\uffff';
  const entries = state.phase === 'waiting' ? queue : [...queue, { id: mine, since: now.getTime() }];
  const estimate = estimateQueue(entries, mine, history, now.getTime());
  return estimate && queueSentence(estimate);
}

function waitingOf(entry: QueueEntry): WaitingHandover {
  return { id: queueId(entry), since: Date.parse(entry.since) };
}

function queueId(entry: CustomerAddress & { handoverId: string }): string {
  return JSON.stringify([entry.channelId, entry.conversationId, entry.handoverId]);
}
