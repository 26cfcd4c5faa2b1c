/** What the bot remembers about a conversation between turns. */
import type { Attribute } from '../knowledge/lexicon';
import type { NoneReason } from '../knowledge/routes';
import type { Proposed, YesOrNo } from '../knowledge/slots';
import type { Protocol } from '../knowledge/schema';

/** One "Was this helpful?" answer, kept for later analytics. */
export interface FeedbackRecord {
  about: string;
  helpful: boolean;
  at: string;
}

/** Conversation memory; persisted, so it carries a version. */
export interface Session {
  version: 1;
  /** The protocol the last answer was about, for follow-ups such as "and the port?". */
  lastProtocol?: Protocol;
  /** Every protocol the last settings answer covered, when it was more than one. */
  lastProtocols?: Protocol[];
  /** The settings the last answer gave, for "and for POP?". */
  lastAttributes?: Attribute[];
  /** The text of the last answer, for "say that again" (the bot's own words, never the customer's). */
  lastReplyText?: string;
  /** What the last answer was, so feedback can name it. */
  lastAnswer?: string;
  /** The knowledge entry last answered, for "it's Thunderbird" after an error. */
  lastEntryId?: string;
  /** The last reply said the question was out of scope (and why), for "where is that in webmail then?". */
  lastNone?: NoneReason;
  /** The last settings question asked yes or no: what it proposed, for "and outgoing" to be answered yes or no too. */
  lastYesNo?: Proposed;
  /** Issue 13 (talk): the yes or no opening the last answer about a box, for "and for outgoing?" to keep it. */
  lastVerdict?: YesOrNo;
  /** Issue 13 (verdicts across messages): values the last message described, for a next "is that right?". */
  lastDescribed?: Proposed;
  /** The last message typed a password (the reply warned), for "ok its X then" to be read as the password again. */
  lastTypedSecret?: boolean;
  /** The last answer asked "Was this helpful?", so a typed "yes" or "no" answers that (for one message only). */
  feedbackAsked?: boolean;
  /** The last reply offered the POP to IMAP walkthrough, so "yes", "ok" or "next" starts it (for one message only). */
  walkthroughOffered?: boolean;
  /**
   * The last reply showed the walkthrough's button beside another answer (a comparison): an explicit
   * "let's do it" starts it, while a plain "yes" still answers "Was this helpful?" (one message only).
   */
  walkthroughSuggested?: boolean;
  /** Issue 13 (walk): the mail program the customer last named, carried into a walkthrough started later. */
  program?: string;
  /** Issue 13 (walk): the customer said the account is POP ("my outlook is on pop"): the walkthrough's step 1 only asks to be sure. */
  saidPop?: boolean;
  /**
   * Issue 15 (steps): the first set-up walkthrough just finished or was stopped, so a "next" or
   * "step 2" is about it, not the switch from POP (for one message only).
   */
  setupEnded?: { how: 'finished' | 'stopped'; label: string; program?: string };
  /**
   * Issue 15 (setup help): the switch from POP to IMAP just finished or was stopped, so a "next" or "step 2"
   * says it has ended and offers it again, rather than starting it again unasked (for one message only).
   */
  switchEnded?: { how: 'finished' | 'stopped'; program?: string };
  /** The last reply offered a person (out of scope, not understood, not helpful): a "yes" asks for one (one message only). */
  personOffered?: boolean;
  /** Issue 13 (vague failures): the last reply asked whether sending or receiving fails, so "both" or "no idea" answers it (one message only). */
  sideAsked?: boolean;
  feedback: FeedbackRecord[];
}

/** A fresh session. */
export function newSession(): Session {
  return { version: 1, feedback: [] };
}
