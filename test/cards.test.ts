/** Every Adaptive Card the bot can send, checked with the official `adaptivecards` parser. */
import { createAnswerer } from '../knowledge';
import { actionCard, buttonCard, profileCard, replyActivity, type AdaptiveCardJson } from '../dialogs/cards';
import { createSetupParts } from '../setup-files';
import { BUTTONS, PROGRAM_BUTTONS } from '../dialogs/texts';
import { cardProblems } from './helpers/card-problems';

const answerer = createAnswerer();

function cardOf(question: string): AdaptiveCardJson {
  const activity = replyActivity(answerer.ask(question).reply);
  const content = activity.attachments?.[0]?.content as AdaptiveCardJson | undefined;
  if (!content) throw new Error(`no card for ${question}`);
  return content;
}

/** The settings-file offer as the bot makes it for an iPhone. */
function settingsFileOffer() {
  const provider = answerer.knowledge.providers[0]!;
  const { offers } = createSetupParts({ provider, baseUrl: () => 'https://bot.example.com' });
  return offers.offer('iPhone or iPad', 'imap settings for my iphone')!;
}

const CARDS: [string, () => AdaptiveCardJson][] = [
  ['welcome menu', () => buttonCard('Popular questions:', BUTTONS.menu)],
  ['program choice', () => buttonCard('Which mail program?', PROGRAM_BUTTONS)],
  ['Teams buttons for suggested actions', () => actionCard([...PROGRAM_BUTTONS, BUTTONS.cancel])],
  ['the Apple settings-file offer', () => profileCard(settingsFileOffer())],
  ...[
    'imap settings',
    'pop3 settings',
    'smtp settings',
    'incoming settings',
    'what settings do I need for bt email',
    'all settings for imap and pop and smtp',
  ].map((q) => [`settings: ${q}`, () => cardOf(q)] as [string, () => AdaptiveCardJson]),
];

describe('Adaptive Cards', () => {
  it.each(CARDS)('%s is a valid 1.5 card with a text fallback', (_name, make) => {
    const card = make();
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(String(card.fallbackText).length).toBeGreaterThan(10);
  });

  it('the validator does catch a broken card', () => {
    expect(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Bogus' }],
        actions: [{ type: 'Action.OpenUrl', title: 'x' }],
      }),
    ).toHaveLength(2);
  });

  it('card buttons carry Teams imBack data that reads back as text', () => {
    const card = buttonCard('Pick', [{ title: 'SMTP settings', value: 'SMTP settings' }]);
    expect(card.body).toContainEqual({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Submit',
          title: 'SMTP settings',
          data: { msteams: { type: 'imBack', value: 'SMTP settings' }, text: 'SMTP settings' },
        },
      ],
    });
  });
});
