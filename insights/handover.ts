/** Which insights events a handover decision makes: read from the state before and after, and its effects. Pure. */
import type { Decision } from '../handover/machine';
import type { Handover } from '../handover/state';
import type { InsightEventName } from './events';

/** One handover event, with its number when it has one. */
export interface HandoverStep {
  name: Extract<InsightEventName, `handover.${string}` | 'agent.rating'>;
  metrics?: { timeToAcceptMs: number } | { rating: number };
}

/**
 * The events of one stored decision: a person offered or requested (entering that phase), accepted
 * (with the wait), the handover over (abandoned if no one had accepted it, ended otherwise), and the
 * agent's rating.
 */
export function handoverSteps(before: Handover, decision: Decision): HandoverStep[] {
  const after = decision.state;
  const steps: HandoverStep[] = [];
  if (after.phase === 'offered' && before.phase !== 'offered') steps.push({ name: 'handover.offered' });
  if (after.phase === 'waiting' && (before.phase === 'bot' || before.phase === 'offered' || before.phase === 'ended'))
    steps.push({ name: 'handover.requested' });
  for (const effect of decision.effects)
    if (effect.kind === 'recordWait')
      steps.push({ name: 'handover.accepted', metrics: { timeToAcceptMs: effect.waitedMs } });
  // Over: ended, or straight back to the bot (the customer cancelled).
  const over = after.phase === 'ended' || after.phase === 'bot';
  if (over && (before.phase === 'waiting' || before.phase === 'connected')) {
    const abandoned = before.phase === 'waiting' && !(after.phase === 'ended' && after.outcome === 'hub-completed');
    steps.push({ name: abandoned ? 'handover.abandoned' : 'handover.ended' });
  }
  for (const effect of decision.effects)
    if (effect.kind === 'recordRating') steps.push({ name: 'agent.rating', metrics: { rating: effect.rating } });
  return steps;
}
