import {
  describeWait,
  estimateQueue,
  HISTORY_MAX_AGE_MS,
  HISTORY_SIZE,
  medianWait,
  queueSentence,
  recordAcceptance,
  type AcceptedWait,
  type QueueEstimate,
  type WaitingHandover,
} from '../handover/queue';

const MIN = 60_000;
const NOW = Date.parse('2025-01-06T12:00:00Z');

/** Accepted waits of these many minutes, accepted one minute apart up to NOW. */
function accepted(...minutes: number[]): AcceptedWait[] {
  return minutes.map((m, i) => ({ acceptedAt: NOW - (minutes.length - i) * MIN, waitedMs: m * MIN }));
}

const QUEUE: WaitingHandover[] = [
  { id: 'c', since: NOW - 2 * MIN },
  { id: 'a', since: NOW - 9 * MIN },
  { id: 'b', since: NOW - 5 * MIN },
  { id: 'e', since: NOW - 2 * MIN },
];

describe('recordAcceptance', () => {
  it('keeps the last HISTORY_SIZE waits, oldest dropped first', () => {
    let history: AcceptedWait[] = [];
    for (let i = 1; i <= HISTORY_SIZE + 5; i++) history = recordAcceptance(history, { acceptedAt: i, waitedMs: i });
    expect(history).toHaveLength(HISTORY_SIZE);
    expect(history[0]).toEqual({ acceptedAt: 6, waitedMs: 6 });
    expect(history.at(-1)).toEqual({ acceptedAt: HISTORY_SIZE + 5, waitedMs: HISTORY_SIZE + 5 });
  });

  it('takes a smaller size, and does not change the history it was given', () => {
    const before = accepted(1, 2, 3);
    expect(recordAcceptance(before, { acceptedAt: NOW, waitedMs: 4 * MIN }, 2).map((h) => h.waitedMs)).toEqual([
      3 * MIN,
      4 * MIN,
    ]);
    expect(before).toHaveLength(3);
  });

  it.each([
    ['a negative wait', { acceptedAt: NOW, waitedMs: -1 }],
    ['NaN', { acceptedAt: NOW, waitedMs: NaN }],
    ['an infinite time', { acceptedAt: Infinity, waitedMs: 1 }],
  ])('ignores %s', (_name, wait) => {
    expect(recordAcceptance(accepted(3), wait)).toEqual(accepted(3));
  });

  it('keeps only the fields it knows (the history is persisted)', () => {
    const extra = { acceptedAt: NOW, waitedMs: MIN, agent: 'Jane' } as AcceptedWait;
    expect(recordAcceptance([], extra)).toEqual([{ acceptedAt: NOW, waitedMs: MIN }]);
  });
});

describe('medianWait', () => {
  it.each<[string, AcceptedWait[], number | undefined]>([
    ['none', [], undefined],
    ['one', accepted(4), 4 * MIN],
    ['odd count', accepted(9, 1, 4), 4 * MIN],
    ['even count: the mean of the middle two', accepted(2, 8, 4, 6), 5 * MIN],
    ['an outlier does not move it', accepted(3, 3, 90), 3 * MIN],
    [
      'waits older than the age limit left out',
      [{ acceptedAt: NOW - HISTORY_MAX_AGE_MS - 1, waitedMs: 60 * MIN }, ...accepted(2)],
      2 * MIN,
    ],
    ['only old waits: none', [{ acceptedAt: NOW - HISTORY_MAX_AGE_MS - 1, waitedMs: 60 * MIN }], undefined],
    ['a wait from the future (another clock) left out', [{ acceptedAt: NOW + MIN, waitedMs: 30 * MIN }], undefined],
  ])('%s', (_name, history, expected) => {
    expect(medianWait(history, NOW)).toBe(expected);
  });
});

describe('estimateQueue', () => {
  it.each<[string, WaitingHandover[], string, AcceptedWait[], QueueEstimate | undefined]>([
    ['the longest waiting is next', QUEUE, 'a', accepted(3), { position: 1, waiting: 4, expectedWaitMs: 3 * MIN }],
    ['second, wait scaled by position', QUEUE, 'b', accepted(3), { position: 2, waiting: 4, expectedWaitMs: 6 * MIN }],
    ['a tie is broken by id', QUEUE, 'c', accepted(3), { position: 3, waiting: 4, expectedWaitMs: 9 * MIN }],
    ['the other side of the tie', QUEUE, 'e', accepted(3), { position: 4, waiting: 4, expectedWaitMs: 12 * MIN }],
    ['no history: no estimate', QUEUE, 'b', [], { position: 2, waiting: 4 }],
    ['not waiting', QUEUE, 'z', accepted(3), undefined],
    ['alone', [{ id: 'x', since: NOW }], 'x', accepted(2, 4), { position: 1, waiting: 1, expectedWaitMs: 3 * MIN }],
    [
      'its own second listing is not ahead of it',
      [
        { id: 'x', since: NOW },
        { id: 'x', since: NOW - MIN },
      ],
      'x',
      [],
      { position: 1, waiting: 1 },
    ],
    [
      'a handover listed twice counts once',
      [...QUEUE, { id: 'a', since: NOW - 9 * MIN }],
      'b',
      accepted(3),
      { position: 2, waiting: 4, expectedWaitMs: 6 * MIN },
    ],
  ])('%s', (_name, waiting, id, history, expected) => {
    expect(estimateQueue(waiting, id, history, NOW)).toEqual(expected);
  });
});

describe('describeWait', () => {
  it.each<[number | undefined, string]>([
    [undefined, 'a few minutes'],
    [0, 'about a minute'],
    [80_000, 'about a minute'],
    [2 * MIN, 'about 2 minutes'],
    [9.4 * MIN, 'about 9 minutes'],
    [12 * MIN, 'about 10 minutes'],
    [13 * MIN, 'about 15 minutes'],
    [58 * MIN, 'about 55 minutes'],
    [60 * MIN, 'more than an hour'],
    [5 * 60 * MIN, 'more than an hour'],
  ])('%j ms → %s', (ms, expected) => {
    expect(describeWait(ms)).toBe(expected);
  });
});

describe('queueSentence', () => {
  it.each<[QueueEstimate, string]>([
    [
      { position: 1, waiting: 3, expectedWaitMs: 4 * MIN },
      "You're next in the queue. The expected wait is about 4 minutes.",
    ],
    [
      { position: 3, waiting: 3, expectedWaitMs: 12 * MIN },
      "You're number 3 in the queue. The expected wait is about 10 minutes.",
    ],
    [{ position: 2, waiting: 2 }, "You're number 2 in the queue. The expected wait is a few minutes."],
  ])('%j', (estimate, expected) => {
    expect(queueSentence(estimate)).toBe(expected);
  });
});
