/** The Teams edge on its own: what is left of a message once mentions are removed, and where buttons go. */
import type { Activity, CardAction } from 'botbuilder';
import { fitSuggestedActions, removeMentions, TEAMS_MAX_SUGGESTED_ACTIONS } from '../bots/teams-middleware';
import type { TeamsConversationType } from '../bots/teams';

const BOT = { id: '28:bot', name: 'BT Email help' };
const mention = (who: { id: string; name: string }) => ({
  type: 'mention',
  text: `<at>${who.name}</at>`,
  mentioned: who,
});

describe('removeMentions', () => {
  it.each<[string, string, { id: string; name: string }[], string]>([
    ['the bot first', '<at>BT Email help</at> smtp settings', [BOT], 'smtp settings'],
    ['the bot last', 'smtp settings <at>BT Email help</at>', [BOT], 'smtp settings'],
    ['the bot twice', '<at>BT Email help</at> smtp <at>BT Email help</at>', [BOT], 'smtp'],
    ['only the bot', '<at>BT Email help</at>', [BOT], ''],
    [
      'someone else too, kept as a name',
      '<at>BT Email help</at> tell <at>Alex Jones</at> the port',
      [BOT, { id: '29:alex', name: 'Alex Jones' }],
      'tell Alex Jones the port',
    ],
    ['markup without an entity', '<at>BT Email help</at> error 530', [], 'BT Email help error 530'],
    ['no mention at all', 'what port for smtp', [], 'what port for smtp'],
  ])('%s', (_name, text, mentioned, expected) => {
    const activity: Partial<Activity> = { type: 'message', text, recipient: BOT, entities: mentioned.map(mention) };
    removeMentions(activity);
    expect(activity.text).toBe(expected);
  });

  it('leaves a card click without text alone', () => {
    const activity: Partial<Activity> = { type: 'message', value: { text: 'Next' }, recipient: BOT };
    removeMentions(activity);
    expect(activity).toEqual({ type: 'message', value: { text: 'Next' }, recipient: BOT });
  });
});

describe('fitSuggestedActions', () => {
  const actions = (n: number): CardAction[] =>
    Array.from({ length: n }, (_, i) => ({ type: 'imBack', title: `Choice ${i + 1}`, value: `choice ${i + 1}` }));

  it.each<[TeamsConversationType, number, number, number]>([
    ['personal', 1, 1, 0],
    ['personal', TEAMS_MAX_SUGGESTED_ACTIONS, TEAMS_MAX_SUGGESTED_ACTIONS, 0],
    ['personal', TEAMS_MAX_SUGGESTED_ACTIONS + 1, 0, TEAMS_MAX_SUGGESTED_ACTIONS + 1],
    ['groupChat', 1, 0, 1],
    ['channel', 2, 0, 2],
    ['channel', 8, 0, 8],
  ])('%s with %i actions: %i stay suggested, %i become card buttons', (type, given, suggested, buttons) => {
    const activity: Partial<Activity> = {
      type: 'message',
      text: 'Pick one',
      suggestedActions: { to: [], actions: actions(given) },
    };
    fitSuggestedActions(activity, type);
    expect(activity.text).toBe('Pick one');
    expect(activity.suggestedActions?.actions ?? []).toHaveLength(suggested);
    const card = activity.attachments?.[0]?.content as { body?: { actions: { data: unknown }[] }[] } | undefined;
    const submits = (card?.body ?? []).flatMap((row) => row.actions);
    expect(submits).toHaveLength(buttons);
    if (buttons) expect(submits[0]?.data).toEqual({ msteams: { type: 'imBack', value: 'choice 1' }, text: 'choice 1' });
  });

  it('keeps a settings card and adds the buttons after it', () => {
    const settings = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } };
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [settings],
      suggestedActions: { to: [], actions: actions(2) },
    };
    fitSuggestedActions(activity, 'channel');
    expect(activity.attachments).toHaveLength(2);
    expect(activity.attachments?.[0]).toBe(settings);
  });
});
