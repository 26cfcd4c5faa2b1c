/** Transcript retention: the days an operator gives, the cutoff, and which conversations go. */
import {
  deleteQuietBefore,
  MAX_RETENTION_DAYS,
  parseRetentionDays,
  retentionCutoff,
  type ListedTranscript,
  type RetentionStore,
} from '../transcripts/retention';

describe('parseRetentionDays', () => {
  it.each<[string | undefined, number | undefined]>([
    ['30', 30],
    ['1', 1],
    [String(MAX_RETENTION_DAYS), MAX_RETENTION_DAYS],
    ['0', undefined],
    [String(MAX_RETENTION_DAYS + 1), undefined],
    ['-5', undefined],
    ['7.5', undefined],
    ['1e3', undefined],
    ['thirty', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (text, days) => {
    expect(parseRetentionDays(text)).toBe(days);
  });
});

describe('retentionCutoff', () => {
  it('is whole days before now', () => {
    expect(retentionCutoff(new Date('2026-03-31T12:00:00Z'), 30)).toEqual(new Date('2026-03-01T12:00:00Z'));
  });
});

/** A hand-written store: each conversation's activity times; deletions recorded. */
function fakeStore(times: Record<string, string[]>): RetentionStore & { deleted: string[] } {
  const deleted: string[] = [];
  return {
    deleted,
    activeSince: async (id, since) => (times[id] ?? []).some((t) => new Date(t) >= since),
    delete: async (id) => void deleted.push(id),
  };
}

describe('deleteQuietBefore', () => {
  const cutoff = new Date('2026-06-01T00:00:00Z');
  const listed: ListedTranscript[] = [
    { id: 'old-quiet', created: new Date('2026-04-01T00:00:00Z') },
    { id: 'old-still-talking', created: '2026-04-01T00:00:00Z' },
    { id: 'new', created: new Date('2026-06-02T00:00:00Z') },
    { id: 'exactly-at-cutoff', created: new Date('2026-06-01T00:00:00Z') },
  ];
  const store = fakeStore({
    'old-quiet': ['2026-04-01T00:00:00Z', '2026-05-31T23:59:59Z'],
    'old-still-talking': ['2026-04-01T00:00:00Z', '2026-06-01T00:00:00Z'],
    new: ['2026-06-02T00:00:00Z'],
    'exactly-at-cutoff': ['2026-06-01T00:00:00Z'],
  });

  it('deletes only conversations started before the cutoff with nothing since', async () => {
    expect(await deleteQuietBefore(listed, cutoff, store)).toEqual(['old-quiet']);
    expect(store.deleted).toEqual(['old-quiet']);
  });
});
