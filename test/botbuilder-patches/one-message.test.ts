/** One message per turn: what joins, what does not, and what the channel receives. */
import { ActivityTypes, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { joinMessages, oneMessagePerTurn } from '../../bots/botbuilder-patches/one-message';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botMiddleware, createBot } from '../../bots';
import { parseConfig } from '../../config';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import { openMemoryStores } from '../../storage/memory';
import { createAnswerer } from '../../knowledge';

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
      'a text after a card stays apart (it would show above the card)',
      [say('a', { attachments: [card('1')] }), say('b')],
      [say('a', { attachments: [card('1')] }), say('b')],
    ],
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

/** What a customer sees of a turn: paragraphs and attachments top to bottom, other activities in place, and the buttons left to press. */
function seen(activities: Partial<Activity>[]) {
  const items: string[] = [];
  let buttons: unknown;
  for (const a of activities) {
    if (a.type !== ActivityTypes.Message) {
      items.push(`(${a.type})`);
      continue;
    }
    items.push(...(a.text ? a.text.split('\n\n') : []));
    items.push(...(a.attachments ?? []).map((attachment) => JSON.stringify(attachment)));
    buttons = a.suggestedActions?.actions;
  }
  return { items, buttons };
}

const answerer = createAnswerer();

/** The support bot on a test adapter, with or without the patch; each turn's activities as the channel got them. */
function supportBot(joined: boolean) {
  const bot = createBot({
    answerer,
    config: { supportContact: 'Call us.' },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  if (joined) adapter.use(oneMessagePerTurn());
  return async (text: string) => {
    await adapter.send(text).startTest();
    return adapter.activeQueue.splice(0);
  };
}

describe('oneMessagePerTurn against sending each message (the support bot, same conversations)', () => {
  // [conversation, what the customer types, how many of its turns say more than one message]
  it.each<[string, string[], number]>([
    ['the error explainer', ['error 530', 'outlook', 'no', 'yes'], 3],
    ['the walkthrough', ['switch pop to imap', 'thunderbird', 'next', 'what port?', 'next', 'back', 'cancel'], 2],
    ['answers and feedback', ['imap settings', 'how do imap and pop differ', 'yes', 'what port for smtp'], 0],
    ['a person, help, an error', ['talk to a person', 'help', 'can you check my account', 'error 550', 'bye'], 1],
  ])('%s: the customer sees the same, in one activity a turn', async (_name, script, severalMessages) => {
    const [stock, joined] = [supportBot(false), supportBot(true)];
    const messages = (activities: Partial<Activity>[]) => activities.filter((a) => a.type === ActivityTypes.Message);
    let joinedTurns = 0;
    for (const text of script) {
      const [separate, one] = [await stock(text), await joined(text)];
      expect({ text, ...seen(one) }).toEqual({ text, ...seen(separate) });
      expect(messages(one)).toHaveLength(1);
      if (messages(separate).length > 1) joinedTurns++;
    }
    expect(joinedTurns).toBe(severalMessages);
  });
});

/** One turn of a bot that sends `sends` one by one, with or without the patch; what reached the channel. */
async function channelGets(sends: Partial<Activity>[], joined: boolean): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter(async (context) => {
    for (const activity of sends) await context.sendActivity({ ...activity });
  });
  if (joined) adapter.use(oneMessagePerTurn());
  await adapter.send('hi');
  return adapter.activeQueue.splice(0);
}

describe('oneMessagePerTurn against sending each message (shapes of turns)', () => {
  const card1 = { attachments: [card('1')] };
  // [turn, what the bot sends, how many activities the channel gets with the patch]
  it.each<[string, Partial<Activity>[], number]>([
    ['two texts', [say('a'), say('b')], 1],
    ['a text, then a card', [say('a'), { type: 'message', ...card1 }], 1],
    ['a card, then a text (kept apart: the text would move above the card)', [say('a', card1), say('b')], 2],
    ['a card, then a card', [say('a', card1), say('', { attachments: [card('2')] })], 1],
    ['texts, buttons on the last', [say('a'), say('b', { suggestedActions: buttons('x') })], 1],
    ['a text, an event, a text', [say('a'), { type: ActivityTypes.Event, name: 'handover' }, say('b')], 3],
    ['different text formats', [say('a', { textFormat: 'plain' }), say('b', { textFormat: 'markdown' })], 2],
  ])('%s: the customer sees the same', async (_name, sends, count) => {
    const [separate, one] = [await channelGets(sends, false), await channelGets(sends, true)];
    expect(seen(one)).toEqual(seen(separate));
    expect(one).toHaveLength(count);
  });

  it('keeps earlier buttons pressable when a later message has none (the one difference: separately, they vanish)', async () => {
    const sends = [say('Which program?', { suggestedActions: buttons('Outlook') }), say('Or type its name.')];
    const [separate, one] = [await channelGets(sends, false), await channelGets(sends, true)];
    expect(seen(one).items).toEqual(seen(separate).items);
    expect([seen(separate).buttons, seen(one).buttons]).toEqual([undefined, buttons('Outlook').actions]);
  });
});

describe("oneMessagePerTurn: the ids of held sends are the connector's", () => {
  it.each<[string, Partial<Activity>[], number[]]>([
    ['two messages joined into one', [say('a'), say('b')], [0, 0]],
    ['split by an event', [say('a'), say('b'), { type: ActivityTypes.Event, name: 'e' }, say('c')], [0, 0, 1, 2]],
    ['a message that cannot join', [say('a', { textFormat: 'plain' }), say('b'), say('c')], [0, 1, 1]],
  ])('%s: each send gets the id of the activity that carried it', async (_name, sends, carriers) => {
    const responses: (ResourceResponse | undefined)[] = [];
    const adapter = new TestAdapter(async (context) => {
      for (const activity of sends) responses.push(await context.sendActivity({ ...activity }));
    }).use(oneMessagePerTurn());
    await adapter.send('hi');
    const ids = adapter.activeQueue.map((a) => a.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(responses.map((r) => r?.id)).toEqual(carriers.map((i) => ids[i]));
  });

  it('sends an update after the messages said before it', async () => {
    const log: string[] = [];
    class RecordingAdapter extends TestAdapter {
      override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
        log.push(...activities.map((a) => `send ${a.text}`));
        return super.sendActivities(context, activities);
      }
      override async updateActivity(_context: TurnContext, activity: Partial<Activity>) {
        log.push(`update ${activity.text}`);
      }
    }
    const adapter = new RecordingAdapter(async (context) => {
      await context.sendActivity('a');
      await context.updateActivity({ type: 'message', id: 'earlier', text: 'a changed' });
      await context.sendActivity('b');
    }).use(oneMessagePerTurn());
    await adapter.send('hi');
    expect(log).toEqual(['send a', 'update a changed', 'send b']);
  });
});

describe('oneMessagePerTurn on the real adapter, lean replies and transcript', () => {
  it('hands the held sends the id the connector returned, and the transcript keeps the joined message under it', async () => {
    let next = 0;
    const connector = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(JSON.stringify({ id: `connector-${++next}` })));
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    const stores = openMemoryStores();
    const logger = createLogger('silent');
    const responses: (ResourceResponse | undefined)[] = [];
    const bot = {
      run: async (context: TurnContext) => {
        responses.push(await context.sendActivity('Error 530 means…'), await context.sendActivity('Which program?'));
      },
    };
    const adapter = createAdapter(parseConfig({}), logger).use(...botMiddleware({ ...stores, logger }));
    const server = createServer({ adapter, bot, logger });
    try {
      const url = await listen(server, 0, '127.0.0.1');
      const message = {
        type: 'message',
        id: 'm-1',
        text: 'error 530',
        channelId: 'webchat',
        serviceUrl,
        conversation: { id: 'c-1' },
        from: { id: 'u-1', role: 'user' },
        recipient: { id: 'bot', role: 'bot' },
      };
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
      expect(res.status).toBe(200);
      expect(responses.map((r) => r?.id)).toEqual(['connector-1', 'connector-1']);
      const { items } = await stores.transcripts.getTranscriptActivities('webchat', 'c-1');
      const said = items.filter((a) => a.from.role === 'bot').map((a) => [a.id, a.text]);
      expect(said).toEqual([['connector-1', 'Error 530 means…\n\nWhich program?']]);
    } finally {
      await shutdown(server);
      await new Promise((resolve) => connector.close(resolve));
    }
  });
});
