/** Adaptive Cards 1.5 and message activities built from the core's channel-free replies. */
import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { CardData, Reply, Suggestion } from '../knowledge';

/** An Adaptive Card as plain JSON. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: '1.5' };

/** Data of a card button: Teams reads `msteams.imBack`, and the bot reads it back as typed text. */
export function submitData(value: string): Record<string, unknown> {
  return { msteams: { type: 'imBack', value }, text: value };
}

/** A settings card: one fact set per section, the notes, and links to the sources. */
export function settingsCard(card: CardData, reply: Reply): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: reply.text,
    speak: reply.text,
    body: [
      { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
      ...card.sections.flatMap((s) => [
        { type: 'TextBlock', text: s.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        { type: 'FactSet', facts: s.facts.map((f) => ({ title: f.label, value: f.value })) },
      ]),
      ...card.notes.map((n) => ({ type: 'TextBlock', text: n, wrap: true, isSubtle: true, spacing: 'Small' })),
    ],
    actions: reply.sources.map((s) => ({ type: 'Action.OpenUrl', title: `Source: ${s.label}`, url: s.url })),
  };
}

/** A card of buttons under a short text, for when more buttons are needed than suggested actions allow. */
export function buttonCard(text: string, buttons: readonly Suggestion[]): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: `${text}\n${buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n')}`,
    body: [{ type: 'TextBlock', text, wrap: true }, ...actionRows(buttons)],
  };
}

/** Buttons alone, to go under a message's own text (Teams turns suggested actions into these). */
export function actionCard(buttons: readonly Suggestion[]): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: buttons.map((b, i) => `${i + 1}. ${b.title}`).join('\n'),
    body: actionRows(buttons),
  };
}

/** Hosts show at most 5 actions in a row, so buttons go into rows of up to 4. */
function actionRows(buttons: readonly Suggestion[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < buttons.length; i += 4) {
    const actions = buttons
      .slice(i, i + 4)
      .map((b) => ({ type: 'Action.Submit', title: b.title, data: submitData(b.value) }));
    rows.push({ type: 'ActionSet', actions });
  }
  return rows;
}

/** A small card offering the Apple settings file: a title, the offer's sentences and one download button. */
export function profileCard(offer: { title: string; text: string; button: string; url: string }): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: `${offer.title}: ${offer.text} ${offer.url}`,
    body: [
      { type: 'TextBlock', text: offer.title, weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: offer.text, wrap: true, spacing: 'Small' },
    ],
    actions: [{ type: 'Action.OpenUrl', title: offer.button, url: offer.url }],
  };
}

/** The attachment for an Adaptive Card. */
export function cardAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}

function actions(suggestions: readonly Suggestion[]): CardAction[] {
  return suggestions.map((s) => ({ type: ActionTypes.ImBack, title: s.title, value: s.value }));
}

/** A message: text always, with an optional card and suggested-action buttons. */
export function message(
  text: string,
  suggestions: readonly Suggestion[] = [],
  card?: AdaptiveCardJson,
): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, inputHint: 'acceptingInput' };
  if (card) activity.attachments = [cardAttachment(card)];
  if (suggestions.length > 0) activity.suggestedActions = { actions: actions(suggestions), to: [] };
  return activity;
}

/** The activity for a core reply: a settings card when there is card data, else text. */
export function replyActivity(reply: Reply, extra: readonly Suggestion[] = []): Partial<Activity> {
  const suggestions = [...reply.suggestions, ...extra];
  if (!reply.card) return message(reply.text, suggestions);
  const activity = message(reply.card.title, suggestions, settingsCard(reply.card, reply));
  return { ...activity, speak: reply.text };
}
