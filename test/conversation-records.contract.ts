/** One suite for every ConversationRecords backend, and the conversation store on each across a restart. */
import { ConversationStore, type Activity, type ActivitySet } from '../directline/conversations';
import type { ConversationRecord, ConversationRecords } from '../directline/records';

const T0 = Date.parse('2025-01-01T09:00:00Z');
const MINUTE = 60_000;

/** A record of conversation `id`, last active at `lastActive`. */
function record(id: string, overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    version: 1,
    id,
    user: 'dl_user',
    client: '203.0.113.7',
    engaged: true,
    lastActive: T0,
    lastSeen: T0,
    ...overrides,
  };
}

/** An activity as the store keeps it. */
function activity(id: string, seq: number, text = `text ${seq}`): Activity {
  return {
    type: 'message',
    id: `${id}|${String(seq).padStart(7, '0')}`,
    timestamp: new Date(T0 + seq).toISOString(),
    channelId: 'directline',
    conversation: { id },
    from: { id: 'dl_user', role: 'user' },
    text,
    channelData: { clientActivityID: `client-${seq}` },
  };
}

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Runs the contract; `make` returns empty records. */
export function conversationRecordsContract(name: string, make: () => Promise<ConversationRecords>): void {
  describe(`${name} (ConversationRecords contract)`, () => {
    let records: ConversationRecords;
    beforeEach(async () => {
      records = await make();
    });

    it('has nothing for an unknown conversation, and nothing expired when empty', async () => {
      expect(await records.read('none')).toBeUndefined();
      expect(await records.load('none')).toBeUndefined();
      expect(await records.expired({ engagedBefore: T0 + 1e9, unusedBefore: T0 + 1e9 })).toEqual([]);
    });

    it('gives back the record saved, field for field, and a later save replaces it', async () => {
      await records.save(record('c1', { engaged: false }));
      expect(await records.read('c1')).toEqual(record('c1', { engaged: false }));
      await records.save(record('c1', { lastActive: T0 + 5, lastSeen: T0 + 3 }));
      expect(await records.read('c1')).toEqual(record('c1', { lastActive: T0 + 5, lastSeen: T0 + 3 }));
    });

    it('loads the activities in order of their numbers, whatever order they were written in', async () => {
      await records.save(record('c1'));
      await Promise.all([3, 1, 12, 2].map((seq) => records.append('c1', { seq, activity: activity('c1', seq) })));
      const loaded = await records.load('c1');
      expect(loaded?.record).toEqual(record('c1'));
      expect(loaded?.activities.map((a) => a.seq)).toEqual([1, 2, 3, 12]);
      expect(loaded?.activities[0]?.activity).toEqual(activity('c1', 1));
    });

    it('keeps non-ASCII text and nested fields as written, and an activity written again at its number replaces it', async () => {
      await records.save(record('c1'));
      await records.append('c1', { seq: 1, activity: activity('c1', 1, 'first') });
      await records.append('c1', { seq: 1, activity: activity('c1', 1, 'café £5 😀 – “ok”') });
      expect((await records.load('c1'))?.activities).toEqual([
        { seq: 1, activity: activity('c1', 1, 'café £5 😀 – “ok”') },
      ]);
    });

    it('stores copies: changing what was written afterwards changes nothing', async () => {
      const saved = record('c1');
      const written = activity('c1', 1);
      await records.save(saved);
      await records.append('c1', { seq: 1, activity: written });
      saved.user = 'changed';
      written.text = 'changed';
      const loaded = await records.load('c1');
      expect([loaded?.record.user, loaded?.activities[0]?.activity.text]).toEqual(['dl_user', 'text 1']);
    });

    it('trims the oldest activities up to a number, and only that conversation, even when one id starts with another', async () => {
      for (const id of ['c-1', 'c-10']) {
        await records.save(record(id));
        for (const seq of [1, 2, 3, 4]) await records.append(id, { seq, activity: activity(id, seq) });
      }
      await records.trim('c-1', 2);
      await records.trim('c-1', 2);
      expect((await records.load('c-1'))?.activities.map((a) => a.seq)).toEqual([3, 4]);
      expect((await records.load('c-10'))?.activities.map((a) => a.seq)).toEqual([1, 2, 3, 4]);
    });

    it('removes a conversation with its activities, only that one; removing a missing one is no error', async () => {
      for (const id of ['c-1', 'c-10']) {
        await records.save(record(id));
        await records.append(id, { seq: 1, activity: activity(id, 1) });
      }
      await records.remove('c-1');
      await records.remove('never-there');
      expect([await records.read('c-1'), await records.load('c-1')]).toEqual([undefined, undefined]);
      expect((await records.load('c-10'))?.activities).toHaveLength(1);
      // A conversation opened again under the same id starts empty.
      await records.save(record('c-1'));
      expect((await records.load('c-1'))?.activities).toEqual([]);
    });

    it.each<[string, Partial<ConversationRecord>, boolean]>([
      ['an engaged conversation quiet since before its cutoff', { engaged: true, lastActive: T0 - 1 }, true],
      ['an engaged conversation active at its cutoff', { engaged: true, lastActive: T0 }, false],
      [
        'an engaged conversation quiet since before the unused cutoff only',
        { engaged: true, lastActive: T0 + 5 },
        false,
      ],
      ['an unused conversation quiet since before its cutoff', { engaged: false, lastActive: T0 + 9 }, true],
      ['an unused conversation active at its cutoff', { engaged: false, lastActive: T0 + 10 }, false],
    ])('lists as expired %s: %s', async (_name, fields, expired) => {
      await records.save(record('c1', fields));
      await records.save(record('kept', { lastActive: T0 + 100 }));
      expect(await records.expired({ engagedBefore: T0, unusedBefore: T0 + 10 })).toEqual(expired ? ['c1'] : []);
    });

    describe('under a ConversationStore, across a restart (a new store on the same records)', () => {
      const user = (text: string): Activity => ({ type: 'message', from: { id: 'dl_u', role: 'user' }, text });
      const bot = (text: string): Activity => ({ type: 'message', from: { id: 'bot', role: 'bot' }, text });

      async function add(store: ConversationStore, id: string, a: Activity): Promise<Activity> {
        const appended = await store.append(id, a);
        await appended.shown;
        return appended.activity;
      }

      it('continues the conversation: same ids and watermarks, nothing doubled, numbers go on growing', async () => {
        const time = clock();
        const before = new ConversationStore({ records, now: time.now });
        expect(await before.open('c1', 'dl_u', '203.0.113.7')).toBe('created');
        const ids = [await add(before, 'c1', user('hi')), await add(before, 'c1', bot('hello'))].map((a) => a.id);
        const after = new ConversationStore({ records, now: time.now });
        expect(await after.open('c1', 'dl_u', '203.0.113.7')).toBe('exists');
        expect(after.after('c1', 0)).toMatchObject({ watermark: '2', activities: [{ id: ids[0] }, { id: ids[1] }] });
        expect(after.after('c1', 1).activities.map((a) => a.text)).toEqual(['hello']);
        const got: ActivitySet[] = [];
        after.subscribe('c1', { send: (set) => got.push(set), end: () => undefined });
        expect((await add(after, 'c1', user('and imap?'))).id).toBe('c1|0000003');
        expect(got).toMatchObject([{ watermark: '3', activities: [{ text: 'and imap?' }] }]);
        expect(await after.userOf('c1')).toBe('dl_u');
      });

      it('keeps a redacted copy: a typed password is never in the records', async () => {
        const store = new ConversationStore({ records });
        await store.open('c1', 'dl_u');
        const shown = await add(store, 'c1', user('my password is Zebra42x, what port?'));
        expect(shown.text).toContain('Zebra42x');
        const kept = await records.load('c1');
        expect(JSON.stringify(kept)).not.toContain('Zebra42x');
        expect(kept?.activities[0]?.activity).toMatchObject({
          id: shown.id,
          text: 'my password is [redacted] what port?',
        });
      });

      it('keeps the records within the per-conversation limits, and trims on loading what is over them', async () => {
        const store = new ConversationStore({ records, maxActivities: 3 });
        await store.open('c1', 'dl_u');
        for (let i = 1; i <= 6; i++) await add(store, 'c1', bot(`reply ${i}`));
        await store.idle();
        expect((await records.load('c1'))?.activities.map((a) => a.seq)).toEqual([4, 5, 6]);
        const smaller = new ConversationStore({ records, maxActivities: 2 });
        expect(await smaller.touch('c1')).toBe(true);
        await smaller.idle();
        expect(smaller.after('c1', 0).activities.map((a) => a.text)).toEqual(['reply 5', 'reply 6']);
        expect((await records.load('c1'))?.activities.map((a) => a.seq)).toEqual([5, 6]);
      });

      it.each<[string, number, boolean]>([
        ['within its idle time, and the touch slack', 60 * MINUTE + MINUTE, true],
        ['past its idle time and the slack', 60 * MINUTE + MINUTE + 1, false],
      ])('after a restart, loads an engaged conversation left %s', async (_name, away, found) => {
        const time = clock();
        const before = new ConversationStore({ records, now: time.now });
        await before.open('c1', 'dl_u');
        await add(before, 'c1', user('hi'));
        await before.idle();
        time.advance(away);
        const after = new ConversationStore({ records, now: time.now });
        expect(await after.status('c1')).toEqual(found ? { followed: false, lastSeen: T0, lastActive: T0 } : undefined);
        expect(await after.touch('c1')).toBe(found);
        await after.idle();
        expect(await records.read('c1')).toEqual(found ? expect.any(Object) : undefined);
      });

      it('sweeps expired records of conversations not in memory, and keeps followed ones alive in the records', async () => {
        const time = clock();
        const first = new ConversationStore({ records, now: time.now });
        for (const id of ['left', 'followed']) {
          await first.open(id, 'dl_u');
          await add(first, id, user('hi'));
        }
        first.subscribe('followed', { send: () => undefined, end: () => undefined });
        for (let minute = 0; minute < 90; minute++) {
          time.advance(MINUTE);
          await first.sweep();
        }
        await first.idle();
        // Another instance (or this one after a restart) judges by the records alone.
        const other = new ConversationStore({ records, now: time.now });
        expect(await other.sweep()).toBe(0);
        expect(await records.read('left')).toBeUndefined();
        expect(await other.status('followed')).toMatchObject({ followed: false });
        time.advance(62 * MINUTE);
        expect(await other.sweep()).toBe(1);
        expect(await records.read('followed')).toBeUndefined();
      });
    });
  });
}
