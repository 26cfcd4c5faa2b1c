/**
 * The fixed words of the agents' console in Teams: the handover card's labels and the console's own
 * answers to agents, in one place so tests assert on them. What the handover itself tells agents
 * (accepted by someone else, files not relayed…) is the core's (handover/messages.ts AGENT_TEXT).
 */
import type { EndOutcome, HandoverReason } from '../../handover/state';

/** The labels and sentences of the handover card. */
export const CARD_TEXT = {
  title: 'A customer would like to talk to a person',
  /** Without card support (and in notifications): nothing from the customer, only that there is a request. */
  fallback: 'A customer would like to talk to a person from BT Email support. Open Teams to see the request.',
  customer: 'Customer',
  why: 'Why',
  summary: 'Summary',
  lastMessages: "The customer's last messages",
  topic: 'Topic',
  protocol: 'Protocol',
  program: 'Mail program',
  errorCodes: 'Error codes',
  step: 'Walkthrough step',
  suggested: 'The bot suggested',
  channel: 'Channel',
  conversation: 'Conversation',
  stepOf: (step: number, of: number | undefined, walkthrough: string) =>
    `Step ${step}${of ? ` of ${of}` : ''} of "${walkthrough}"`,
  waiting: 'Waiting for an agent. Accept to take the chat; then reply in this thread.',
  accepted: 'Accepted by',
  acceptedHelp:
    'Reply in this thread to write to the customer; /note for a note only agents see; /end or End when done; /release to hand it back to the queue.',
  accept: 'Accept',
  end: 'End',
  transcript: 'Full transcript',
  /** Said when the card had to be cut to stay within Teams' message size. */
  shortened: 'Some of the context was left out to keep this card small: see the full transcript.',
} as const;

/** Why the handover was asked for, in a few words. */
export const REASON_TEXT: Record<HandoverReason, string> = {
  asked: 'Asked for a person',
  'not-understood': 'The bot did not understand twice',
  'fix-failed': 'A suggested fix did not work',
  'not-helpful': 'An answer did not help',
  'compromised-account': 'Thinks the account was hacked',
};

/** How a closed handover ended, as its card says. */
export const OUTCOME_TEXT: Record<EndOutcome, (by?: string) => string> = {
  'agent-ended': (by) => (by ? `Ended by ${by}: the customer is back with the assistant.` : 'Ended by the agent.'),
  'hub-completed': () => 'Completed by the contact centre.',
  'customer-left': () => 'Closed: the customer left.',
  'customer-cancelled': () => 'Closed: the customer left the queue.',
  'left-message': () => 'Closed: the customer chose to leave a message.',
  unreachable: () => 'Closed: no agent could be reached.',
};

/** What the console itself says to people in the support channel. */
export const CONSOLE_TEXT = {
  /** HANDOFF_AGENT_IDS is set and does not list the person. */
  notAnAgent:
    "Only support agents set up for handover (HANDOFF_AGENT_IDS) can act on a customer's chat; nothing was sent.",
  /** A click on a card that is not (or no longer) a handover's. */
  unknownCard: 'This card is not a current handover request.',
  /** An agent whose Teams account gives no name. */
  unnamedAgent: 'An agent',
} as const;
