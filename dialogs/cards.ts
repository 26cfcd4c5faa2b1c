/** Adaptive Cards 1.5 and message activities built from the core's channel-free replies. */
import { ActionTypes, ActivityTypes, CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { CardData, Reply, Suggestion } from '../knowledge';
import type { SettingsCheck, Verdict } from '../knowledge/checker';
import { CHECK_TEXT, whyWrong } from '../knowledge/checker-reply';
import { FORM_CHOICES } from '../knowledge/checker';

/**
 * Issue 15 (checker): the channels that draw Adaptive Cards (Teams, Web Chat over Direct Line, the
 * Emulator); any other (SMS, email, a test adapter) gets the plain-text table instead.
 */
const CARD_CHANNELS: ReadonlySet<string> = new Set(['msteams', 'webchat', 'directline', 'emulator']);

/** Whether a channel shows Adaptive Cards. */
export function showsCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has(channelId ?? '');
}

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

/** The activity for a core reply: a settings card when there is card data, else text; a check as a card where cards show. */
export function replyActivity(reply: Reply, extra: readonly Suggestion[] = [], channelId?: string): Partial<Activity> {
  const suggestions = [...reply.suggestions, ...extra];
  if (reply.check && showsCards(channelId)) return checkActivity(reply, reply.check, suggestions);
  if (reply.checkForm && showsCards(channelId)) return message(reply.text, suggestions, checkFormCard());
  if (!reply.card) return message(reply.text, suggestions);
  const activity = message(reply.card.title, suggestions, settingsCard(reply.card, reply));
  return { ...activity, speak: reply.text };
}

// ---- issue 15: the settings checker ----

const MARK: Record<Verdict['status'], string> = { right: '✓', wrong: '✗', unseen: '?' };

/** A check as a card, under its headline (and the password warning, when one was typed: the text before the table). */
function checkActivity(reply: Reply, check: SettingsCheck, suggestions: readonly Suggestion[]): Partial<Activity> {
  const table = reply.text.indexOf(`  ${CHECK_TEXT.header[0]}`);
  const text = table > 0 ? reply.text.slice(0, table).trim() : reply.text;
  return { ...message(text, suggestions, checkCard(check, reply)), speak: reply.text };
}

/** The check as a small card: one fact per field (the customer's value and the right one), why for each wrong one. */
export function checkCard(check: SettingsCheck, reply: Reply): AdaptiveCardJson {
  const wrong = check.verdicts.filter((v) => v.status === 'wrong');
  const value = (v: Verdict) =>
    v.status === 'right' ? (v.shown ?? v.right) : `${v.shown ?? CHECK_TEXT.notShown} → ${v.right}`;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: reply.text,
    body: [
      // Why not the headline: the message's text above the card says it (and the warning, when a password was typed).
      { type: 'TextBlock', text: CHECK_TEXT.cardTitle, wrap: true, weight: 'Bolder', style: 'heading' },
      {
        type: 'FactSet',
        facts: check.verdicts.map((v) => ({ title: `${MARK[v.status]} ${v.label}`, value: value(v) })),
      },
      ...wrong.map((v) => ({
        type: 'TextBlock',
        text: `${v.label}: ${whyWrong(v, check.provider)}`,
        wrap: true,
        isSubtle: true,
        size: 'Small',
        spacing: 'Small',
      })),
    ],
    actions: reply.sources.map((s) => ({ type: 'Action.OpenUrl', title: `Source: ${s.label}`, url: s.url })),
  };
}

/** The fields of the check form: what a mail program's account settings show, never a password. */
export function checkFormCard(): AdaptiveCardJson {
  const choices = (set: Record<string, string>) => Object.entries(set).map(([value, title]) => ({ title, value }));
  const side = (prefix: 'in' | 'out', heading: string, authentication: Record<string, string>) => [
    { type: 'TextBlock', text: heading, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'Input.Text', id: `${prefix}Server`, label: 'Server', maxLength: 200 },
    { type: 'Input.Number', id: `${prefix}Port`, label: 'Port', min: 1, max: 65535 },
    {
      type: 'Input.ChoiceSet',
      id: `${prefix}Encryption`,
      label: 'Encryption (SSL)',
      choices: choices(FORM_CHOICES.encryption),
    },
    {
      type: 'Input.ChoiceSet',
      id: `${prefix}Authentication`,
      label: 'Authentication',
      choices: choices(authentication),
    },
  ];
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    fallbackText: CHECK_TEXT.formOffer,
    body: [
      { type: 'TextBlock', text: CHECK_TEXT.formTitle, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
      ...side('in', 'Incoming mail server', FORM_CHOICES.incomingAuthentication),
      ...side('out', 'Outgoing mail server (SMTP)', FORM_CHOICES.outgoingAuthentication),
      { type: 'Input.Text', id: 'username', label: 'Username', maxLength: 200, spacing: 'Medium' },
    ],
    actions: [{ type: 'Action.Submit', title: CHECK_TEXT.formSubmit, data: { checkSettingsForm: 1 } }],
  };
}
