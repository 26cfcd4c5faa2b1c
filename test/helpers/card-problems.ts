/** What the official Adaptive Cards parser and validator find wrong with a card (empty when none). */
// The package's `lib/` build does not load in Node; its UMD bundle does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((e: { message: string }) => e.message)];
}
