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

/** One step of a turn, run on either class; what it returns (a value read) goes into the trace. */
type Step = (state: ConversationState, context: TurnContext) => Promise<unknown>;

const count = (state: ConversationState) => state.createProperty<number>('count');
const profile = (state: ConversationState) => state.createProperty<{ program?: string; tries: number }>('profile');

const steps = {
  readCount: (async (s, c) => count(s).get(c)) as Step,
  readCountOr7: (async (s, c) => count(s).get(c, 7)) as Step,
  setCount:
    (n: number): Step =>
    (s, c) =>
      count(s).set(c, n),
  deleteCount: ((s, c) => count(s).delete(c)) as Step,
  readProfile: (async (s, c) => profile(s).get(c, { tries: 0 })) as Step,
  bumpProfileInPlace: (async (s, c) => {
    const p = await profile(s).get(c, { tries: 0 });
    p.tries += 1;
  }) as Step,
  setProfileProgram:
    (program: string): Step =>
    async (s, c) => {
      const p = await profile(s).get(c, { tries: 0 });
      await profile(s).set(c, { ...p, program });
    },
  changeETagOnly: (async (s, c) => {
    ((await s.load(c)) as { eTag?: string }).eTag = 'other';
  }) as Step,
  save: ((s, c) => s.saveChanges(c)) as Step,
  forceSave: ((s, c) => s.saveChanges(c, true)) as Step,
  reload: (async (s, c) => s.load(c, true)) as Step,
  clear: ((s, c) => s.clear(c)) as Step,
  deleteState: ((s, c) => s.delete(c)) as Step,
  cached: (async (s, c) => s.get(c)) as Step,
};

/** Runs `turns` (a fresh TurnContext each) on a fresh storage; what each step returned, and each write, in order. */
async function trace(make: (storage: CountingStorage) => ConversationState, turns: Step[][]) {
  const storage = new CountingStorage();
  const state = make(storage);
  const events: unknown[] = [];
  for (const turnSteps of turns) {
    const context = turn();
    for (const step of turnSteps) {
      const writes = storage.writes.length;
      const value = await step(state, context);
      events.push(JSON.parse(JSON.stringify({ value: value ?? null })), ...storage.writes.slice(writes));
    }
  }
  return { events, stored: JSON.parse(JSON.stringify(await storage.read([state.getStorageKey(turn()) as string]))) };
}

describe('JsonDiffConversationState against ConversationState (same turns, same storage)', () => {
  const { readCount, readCountOr7, setCount, deleteCount, readProfile, bumpProfileInPlace, setProfileProgram } = steps;
  const { changeETagOnly, save, forceSave, reload, clear, deleteState, cached } = steps;
  it.each<[string, Step[][]]>([
    ['a first value', [[readCount, setCount(1), save]]],
    [
      'a default value is saved',
      [
        [readCountOr7, save],
        [readCount, save],
      ],
    ],
    [
      'the same value again: no write',
      [
        [setCount(1), save],
        [readCount, setCount(1), save],
      ],
    ],
    [
      'a changed value',
      [
        [setCount(1), save],
        [readCount, setCount(2), save],
      ],
    ],
    [
      'an object changed in place',
      [
        [readProfile, save],
        [bumpProfileInPlace, save],
        [readProfile, save],
      ],
    ],
    [
      'an object replaced',
      [
        [setProfileProgram('Outlook'), save],
        [setProfileProgram('Mail'), save, readProfile],
      ],
    ],
    [
      'a property deleted',
      [
        [setCount(1), save],
        [deleteCount, save, readCount],
      ],
    ],
    [
      'only the eTag changed: no write',
      [
        [setCount(1), save],
        [changeETagOnly, save],
      ],
    ],
    ['saved twice in a turn', [[setCount(1), save, save, setCount(2), save]]],
    [
      'forced without a change',
      [
        [setCount(1), save],
        [readCount, forceSave],
      ],
    ],
    ['forced in a turn that never loaded (writes an empty state)', [[setCount(1), save], [forceSave], [readCount]]],
    ['saved in a turn that never loaded: no write', [[setCount(1), save], [save], [readCount]]],
    [
      'a reload drops unsaved changes',
      [
        [setCount(1), save],
        [setCount(2), reload, readCount, save],
      ],
    ],
    [
      'cleared, then saved',
      [
        [setCount(1), save],
        [readCount, clear, cached, save, readCount],
      ],
    ],
    [
      'cleared, then set',
      [
        [setCount(1), save],
        [clear, setCount(5), save],
      ],
    ],
    [
      'deleted, then read and set',
      [
        [setCount(1), save],
        [deleteState, cached, readCount, setCount(3), save],
      ],
    ],
    ['what the turn holds', [[cached, readCount, cached, setCount(4), cached, save, cached]]],
  ])('%s', async (_name, turns) => {
    const stock = await trace((storage) => new ConversationState(storage), turns);
    const ours = await trace((storage) => new JsonDiffConversationState(storage), turns);
    expect(ours).toEqual(stock);
  });
});
