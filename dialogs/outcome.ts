/**
 * What the dialogs did with a customer's message, for the handover (which offers a person after two
 * misunderstood turns, two failed fixes, or an unhelpful answer). Kept in the turn state: the dialog
 * that knows the outcome is often not the one the bot called.
 */
import type { TurnContext } from 'botbuilder';
import type { BotOutcome } from '../handover/machine';

const OUTCOME = Symbol('botOutcome');

/** Records the turn's outcome (the last one reported counts). */
export function reportOutcome(context: TurnContext, outcome: BotOutcome): void {
  context.turnState.set(OUTCOME, outcome);
}

/** The turn's outcome: 'answered' unless a dialog reported another. */
export function outcomeOf(context: TurnContext): BotOutcome {
  return (context.turnState.get(OUTCOME) as BotOutcome | undefined) ?? 'answered';
}
