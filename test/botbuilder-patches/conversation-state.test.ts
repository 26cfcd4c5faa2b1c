/** JsonDiffConversationState: botbuilder's ConversationState contract, with writes only when the JSON changed. */
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type StoreItems } from 'botbuilder';
import { JsonDiffConversationState } from '../../bots/botbuilder-patches/conversation-state';

/** MemoryStorage that counts writes. */
class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)));
    return super.write(changes);
  }
}

const activity: Partial<Activity> = {
  type: 'message',
  channelId: 'test',
  conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'user', name: 'User' },
  recipient: { id: 'bot', name: 'Bot' },
};

const turn = () => new TurnContext(new TestAdapter(), activity);

/** One turn: load, apply `change` to the `count` property, save; returns the writes it made. */
async function runTurn(storage: CountingStorage, change: (count: number | undefined) => number | undefined) {
  const state = new JsonDiffConversationState(storage);
  const count = state.createProperty<number>('count');
  const context = turn();
  const before = await count.get(context);
  const after = change(before);
  if (after !== undefined && after !== before) await count.set(context, after);
  const writes = storage.writes.length;
  await state.saveChanges(context);
  return storage.writes.slice(writes);
}

describe('JsonDiffConversationState', () => {
  it('keeps state under the same key as ConversationState, so existing conversations carry on', async () => {
    const storage = new CountingStorage();
    await runTurn(storage, () => 1);
    const context = turn();
    const stock = new ConversationState(storage);
    expect(await stock.createProperty<number>('count').get(context)).toBe(1);
    expect(Object.keys(storage.writes[0] ?? {})).toEqual([stock.getStorageKey(context)]);
  });

  it.each([
    ['writes once after a new value', () => 1, 1],
    ['writes once after a changed value', (n: number | undefined) => (n ?? 0) + 1, 1],
    ['writes nothing when the value is the same', (n: number | undefined) => n, 0],
  ])('%s', async (_name, change, expected) => {
    const storage = new CountingStorage();
    await runTurn(storage, () => 5);
    expect(await runTurn(storage, change)).toHaveLength(expected);
  });

  it('does not count an eTag change as a change', async () => {
    const storage = new CountingStorage();
    const state = new JsonDiffConversationState(storage);
    const context = turn();
    await state.createProperty<number>('count').set(context, 1);
    await state.saveChanges(context);
    (state.get(context) as { eTag?: string }).eTag = 'other';
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(1);
  });

  it('writes nothing in a turn that never loaded state (never an empty state over a stored one)', async () => {
    const storage = new CountingStorage();
    await runTurn(storage, () => 1);
    const writes = storage.writes.length;
    await new JsonDiffConversationState(storage).saveChanges(turn());
    expect(storage.writes).toHaveLength(writes);
    expect(await runTurn(storage, (n) => n)).toHaveLength(0);
  });

  it('writes when forced, and after clear writes the empty state', async () => {
    const storage = new CountingStorage();
    await runTurn(storage, () => 1);
    const state = new JsonDiffConversationState(storage);
    const context = turn();
    await state.load(context);
    await state.saveChanges(context, true);
    await state.clear(context);
    await state.saveChanges(context);
    expect(storage.writes.slice(1).map((w) => Object.values(w)[0])).toEqual([{ count: 1, eTag: '*' }, { eTag: '*' }]);
    expect(state.get(context)).toEqual({ eTag: '*' });
  });

  it('deletes the stored state', async () => {
    const storage = new CountingStorage();
    await runTurn(storage, () => 1);
    const state = new JsonDiffConversationState(storage);
    const context = turn();
    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(await new ConversationState(storage).createProperty<number>('count').get(turn())).toBeUndefined();
  });
});
