/** One message per turn: what joins, what does not, and what the channel receives. */
import { ActivityTypes, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { joinMessages, oneMessagePerTurn } from '../../bots/botbuilder-patches/one-message';

const say = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: 'message', text, ...extra });
const card = (title: string) => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: { title } });
const buttons = (...titles: string[]) => ({
  to: [],
  actions: titles.map((title) => ({ type: 'imBack', title, value: title })),
});

describe('joinMessages', () => {
  it.each<[string, Partial<Activity>[], Partial<Activity>[]]>([
    ['one message stays as it is', [say('a')], [say('a')]],
    ['two texts become paragraphs', [say('a'), say('b')], [say('a\n\nb')]],
    [
      'the last suggested actions win',
      [say('a', { suggestedActions: buttons('x') }), say('b', { suggestedActions: buttons('y') })],
      [say('a\n\nb', { suggestedActions: buttons('y') })],
    ],
    [
      'earlier suggested actions stay when the later message has none',
      [say('a', { suggestedActions: buttons('x') }), say('b')],
      [say('a\n\nb', { suggestedActions: buttons('x') })],
    ],
    [
      'attachments are kept in order',
      [say('a', { attachments: [card('1')] }), say('', { attachments: [card('2')] })],
      [say('a', { attachments: [card('1'), card('2')] })],
    ],
    [
      'a text then a card',
      [say('a'), { type: 'message', attachments: [card('1')] }],
      [say('a', { attachments: [card('1')] })],
    ],
    ['speech is joined too', [say('a', { speak: 'A' }), say('b', { speak: 'B' })], [say('a\n\nb', { speak: 'A B' })]],
    [
      'different text formats stay apart',
      [say('a', { textFormat: 'plain' }), say('b', { textFormat: 'markdown' })],
      [say('a', { textFormat: 'plain' }), say('b', { textFormat: 'markdown' })],
    ],
    [
      'carousel and list attachments stay apart',
      [say('a', { attachments: [card('1')], attachmentLayout: 'carousel' }), say('b', { attachments: [card('2')] })],
      [say('a', { attachments: [card('1')], attachmentLayout: 'carousel' }), say('b', { attachments: [card('2')] })],
    ],
    [
      'different channel data stays apart',
      [say('a', { channelData: { notification: { alert: true } } }), say('b')],
      [say('a', { channelData: { notification: { alert: true } } }), say('b')],
    ],
    [
      'a non-message activity is never joined',
      [say('a'), { type: ActivityTypes.Event, name: 'handover' }, say('b')],
      [say('a'), { type: ActivityTypes.Event, name: 'handover' }, say('b')],
    ],
    [
      'equal addresses do not stop a join',
      [
        say('a', { conversation: { id: 'c' } as Activity['conversation'] }),
        say('b', { conversation: { id: 'c' } as Activity['conversation'] }),
      ],
      [say('a\n\nb', { conversation: { id: 'c' } as Activity['conversation'] })],
    ],
  ])('%s', (_name, messages, expected) => {
    expect(joinMessages(messages)).toEqual(expected);
  });
});

/** Runs one turn of `logic` through the middleware and resolves with what reached the channel. */
async function turn(logic: (context: TurnContext) => Promise<void>) {
  const errors: unknown[] = [];
  const adapter = new TestAdapter(logic).use(oneMessagePerTurn());
  adapter.onTurnError = async (context, error) => {
    errors.push(error);
    await context.sendActivity('Sorry, something went wrong.');
  };
  await adapter.send('hi');
  return { sent: adapter.activeQueue.map((a) => ({ type: a.type, text: a.text })), errors };
}

describe('oneMessagePerTurn', () => {
  it('sends the turn as one message', async () => {
    const { sent } = await turn(async (context) => {
      await context.sendActivity('Error 530 means…');
      await context.sendActivity('Which mail program are you using?');
    });
    expect(sent).toEqual([{ type: 'message', text: 'Error 530 means…\n\nWhich mail program are you using?' }]);
  });

  it('keeps the order when something other than a message is sent in between', async () => {
    const { sent } = await turn(async (context) => {
      await context.sendActivity('a');
      await context.sendActivity({ type: ActivityTypes.Event, name: 'handover' });
      await context.sendActivity('b');
      await context.sendActivity('c');
    });
    expect(sent.map((a) => a.text ?? a.type)).toEqual(['a', 'event', 'b\n\nc']);
  });

  it('counts a held message as a response, as botbuilder would', async () => {
    let responded: boolean | undefined;
    await turn(async (context) => {
      await context.sendActivity('a');
      responded = context.responded;
    });
    expect(responded).toBe(true);
  });

  it('still sends what was said before the bot failed, then the apology on its own', async () => {
    const { sent, errors } = await turn(async (context) => {
      await context.sendActivity('Here is the first part.');
      throw new Error('boom');
    });
    expect(errors).toHaveLength(1);
    expect(sent.map((a) => a.text)).toEqual(['Here is the first part.', 'Sorry, something went wrong.']);
  });

  it('sends nothing for a turn that said nothing', async () => {
    expect((await turn(async () => undefined)).sent).toEqual([]);
  });
});
