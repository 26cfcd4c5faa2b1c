import {
  ALWAYS_OPEN,
  canonicalTimeZone,
  isOpen,
  MAX_HOURS_TEXT,
  nextAvailableSentence,
  nextOpening,
  parseWeek,
  type SupportHours,
  type Week,
} from '../handover/hours';
import { HANDOVER_TEXT } from '../handover/messages';

/** A week from its text, or the test fails with the problems. */
function week(text: string): Week {
  const parsed = parseWeek(text);
  if (parsed.kind !== 'week') throw new Error(parsed.problems.join('; '));
  return parsed.week;
}

function hours(text: string, closedDates: string[] = [], timeZone = 'Europe/London'): SupportHours {
  return { timeZone, week: week(text), closedDates };
}

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const OFFICE = 'Mon-Fri 08:00-20:00; Sat 09:00-17:00';
const CHRISTMAS = ['2025-12-25', '2025-12-26'];

describe('parseWeek', () => {
  const w = (start: string, end: string) => ({
    start: Number(start.slice(0, 2)) * 60 + Number(start.slice(3)),
    end: Number(end.slice(0, 2)) * 60 + Number(end.slice(3)),
  });
  // Sunday first.
  it.each<[string, string, Week]>([
    ['ranges and single days', OFFICE, [[], ...Array(5).fill([w('08:00', '20:00')]), [w('09:00', '17:00')]] as Week],
    [
      'full names, any case',
      'MONDAY-tuesday 09:00-17:00',
      [[], [w('09:00', '17:00')], [w('09:00', '17:00')], [], [], [], []],
    ],
    [
      'a range over the week end',
      'Fri-Mon 10:00-14:00',
      [[w('10:00', '14:00')], [w('10:00', '14:00')], [], [], [], [w('10:00', '14:00')], [w('10:00', '14:00')]],
    ],
    [
      'days listed with commas, two windows',
      'Mon, Wed 09:00-12:00, 13:00-17:30',
      [[], [w('09:00', '12:00'), w('13:00', '17:30')], [], [w('09:00', '12:00'), w('13:00', '17:30')], [], [], []],
    ],
    [
      '24:00 as an end, and a trailing ;',
      'Sun 22:00-24:00; Mon 00:00-06:00;',
      [[w('22:00', '24:00')], [w('00:00', '06:00')], [], [], [], [], []],
    ],
    [
      'overlapping windows merge',
      'Mon 08:00-12:00; Mon 11:00-14:00 16:00-17:00',
      [[], [w('08:00', '14:00'), w('16:00', '17:00')], [], [], [], [], []],
    ],
    ['single-digit hours', 'Tue 8:00-9:30', [[], [], [w('08:00', '09:30')], [], [], [], []]],
  ])('reads %s', (_name, text, expected) => {
    expect(parseWeek(text)).toEqual({ kind: 'week', week: expected });
  });

  it.each<[string, string, string[]]>([
    ['no time', 'Mon-Fri', ['"Mon-Fri" gives no time, such as 08:00-20:00']],
    ['no day', '08:00-20:00', ['"08:00-20:00" names no day']],
    ['an unknown day', 'Funday 09:00-17:00', ['"Funday" is not a day or a range of days, such as Mon or Mon-Fri']],
    ['a two-letter day', 'Mo 09:00-17:00', ['"Mo" is not a day or a range of days, such as Mon or Mon-Fri']],
    [
      'a range of three',
      'Mon-Tue-Wed 09:00-17:00',
      ['"Mon-Tue-Wed" is not a day or a range of days, such as Mon or Mon-Fri'],
    ],
    [
      'a night window',
      'Mon 20:00-08:00',
      ['"20:00-08:00" ends before it starts; for a night give 22:00-24:00 and 00:00-06:00 on the next day'],
    ],
    [
      'an empty window',
      'Mon 09:00-09:00',
      ['"09:00-09:00" ends before it starts; for a night give 22:00-24:00 and 00:00-06:00 on the next day'],
    ],
    ['hour 25', 'Mon 25:00-26:00', ['"25:00-26:00" is not a time range such as 08:00-20:00 (24:00 may end one)']],
    ['past 24:00', 'Mon 08:00-24:30', ['"08:00-24:30" is not a time range such as 08:00-20:00 (24:00 may end one)']],
    [
      '24:00 as a start',
      'Mon 24:00-24:00',
      ['"24:00-24:00" is not a time range such as 08:00-20:00 (24:00 may end one)'],
    ],
    ['minute 60', 'Mon 08:60-09:00', ['"08:60-09:00" is not a time range such as 08:00-20:00 (24:00 may end one)']],
    ['only separators', ' ; ; ', ['names no day and time']],
    ['too long', `Mon 08:00-09:00;${' '.repeat(MAX_HOURS_TEXT)}`, [`longer than ${MAX_HOURS_TEXT} characters`]],
    [
      'every problem at once',
      'Funday 09:00-17:00; Mon 20:00-08:00',
      [
        '"Funday" is not a day or a range of days, such as Mon or Mon-Fri',
        '"20:00-08:00" ends before it starts; for a night give 22:00-24:00 and 00:00-06:00 on the next day',
      ],
    ],
  ])('refuses %s', (_name, text, problems) => {
    expect(parseWeek(text)).toEqual({ kind: 'invalid', problems });
  });
});

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', undefined],
    ['', undefined],
  ])('%j → %j', (zone, expected) => {
    expect(canonicalTimeZone(zone)).toBe(expected);
  });
});

describe('isOpen', () => {
  it.each<[string, SupportHours, string, boolean]>([
    ['winter Monday at opening', hours(OFFICE), '2025-01-06T08:00:00Z', true],
    ['winter Monday a minute before', hours(OFFICE), '2025-01-06T07:59:00Z', false],
    ['winter Monday at closing', hours(OFFICE), '2025-01-06T20:00:00Z', false],
    ['summer Monday 08:30 local (07:30 UTC)', hours(OFFICE), '2025-06-02T07:30:00Z', true],
    ['summer Monday 20:30 local (19:30 UTC)', hours(OFFICE), '2025-06-02T19:30:00Z', false],
    ['summer Saturday 17:30 local', hours(OFFICE), '2025-06-07T16:30:00Z', false],
    ['Sunday', hours(OFFICE), '2025-06-08T12:00:00Z', false],
    [
      'Sunday 00:30 local is Saturday 23:30 UTC',
      hours('Sat 09:00-17:00; Sun 00:00-01:00'),
      '2025-06-07T23:30:00Z',
      true,
    ],
    ['Christmas Day', hours(OFFICE, CHRISTMAS), '2025-12-25T12:00:00Z', false],
    ['Christmas Eve', hours(OFFICE, CHRISTMAS), '2025-12-24T12:00:00Z', true],
    [
      'a closed date is local: 00:30 BST on the day',
      hours('Mon-Sun 00:00-24:00', ['2025-06-02']),
      '2025-06-01T23:30:00Z',
      false,
    ],
    ['the last minute of 24:00', hours('Sun 22:00-24:00'), '2025-01-05T23:59:00Z', true],
    ['midnight after a 24:00 window, next day closed', hours('Sun 22:00-24:00'), '2025-01-06T00:00:00Z', false],
    ['midnight, next day open', hours('Sun 22:00-24:00; Mon 00:00-06:00'), '2025-01-06T00:00:00Z', true],
    ['always open', { timeZone: 'Europe/London', week: ALWAYS_OPEN, closedDates: [] }, '2025-03-30T01:00:00Z', true],
    ['autumn: the second 01:35 (GMT) is in 01:30-01:45', hours('Sun 01:30-01:45'), '2025-10-26T01:35:00Z', true],
    ['autumn: the first 01:35 (BST) is too', hours('Sun 01:30-01:45'), '2025-10-26T00:35:00Z', true],
    ['another zone: 09:00 in New York', hours('Mon 09:00-10:00', [], 'America/New_York'), '2025-01-06T14:00:00Z', true],
  ])('%s', (_name, supportHours, when, expected) => {
    expect(isOpen(supportHours, at(when))).toBe(expected);
  });
});

describe('nextOpening', () => {
  it.each<[string, SupportHours, string, string | undefined]>([
    ['open now: now', hours(OFFICE), '2025-01-06T12:34:56Z', '2025-01-06T12:34:56.000Z'],
    ['before opening, winter', hours(OFFICE), '2025-01-06T06:00:00Z', '2025-01-06T08:00:00.000Z'],
    ['before opening, summer (08:00 BST)', hours(OFFICE), '2025-06-02T06:00:00Z', '2025-06-02T07:00:00.000Z'],
    ['Friday night to Saturday', hours(OFFICE), '2025-01-10T21:00:00Z', '2025-01-11T09:00:00.000Z'],
    ['Saturday evening over the week end to Monday', hours(OFFICE), '2025-01-11T18:00:00Z', '2025-01-13T08:00:00.000Z'],
    [
      'a week of one window: Tuesday to next Monday',
      hours('Mon 09:00-17:00'),
      '2025-01-07T12:00:00Z',
      '2025-01-13T09:00:00.000Z',
    ],
    [
      'a night window on Sunday',
      hours('Sun 22:00-24:00; Mon 00:00-06:00'),
      '2025-01-04T12:00:00Z',
      '2025-01-05T22:00:00.000Z',
    ],
    ['over Christmas to Saturday', hours(OFFICE, CHRISTMAS), '2025-12-24T20:30:00Z', '2025-12-27T09:00:00.000Z'],
    [
      'spring forward (30 March 2025): Friday night to Monday 08:00 BST',
      hours('Mon-Fri 08:00-20:00'),
      '2025-03-28T21:00:00Z',
      '2025-03-31T07:00:00.000Z',
    ],
    [
      'spring forward: Sunday 02:30 local is 01:30 UTC',
      hours('Sun 02:30-05:00'),
      '2025-03-29T18:00:00Z',
      '2025-03-30T01:30:00.000Z',
    ],
    [
      'spring forward: a window from the skipped 01:30 opens at 02:00 BST',
      hours('Sun 01:30-04:00'),
      '2025-03-29T12:00:00Z',
      '2025-03-30T01:00:00.000Z',
    ],
    [
      'spring forward: a window wholly skipped never opens',
      hours('Sun 01:00-02:00; Mon 09:00-17:00'),
      '2025-03-29T12:00:00Z',
      '2025-03-31T08:00:00.000Z',
    ],
    [
      'fall back (26 October 2025): Friday night to Monday 08:00 GMT',
      hours('Mon-Fri 08:00-20:00'),
      '2025-10-24T20:00:00Z',
      '2025-10-27T08:00:00.000Z',
    ],
    [
      'fall back: the repeated 01:30 opens at the first',
      hours('Sun 01:30-01:45'),
      '2025-10-25T12:00:00Z',
      '2025-10-26T00:30:00.000Z',
    ],
    [
      'fall back: after the first 01:45, the second 01:30',
      hours('Sun 01:30-01:45'),
      '2025-10-26T00:50:00Z',
      '2025-10-26T01:30:00.000Z',
    ],
    [
      'closed dates for weeks',
      hours('Mon 09:00-10:00', ['2025-01-13', '2025-01-20']),
      '2025-01-07T12:00:00Z',
      '2025-01-27T09:00:00.000Z',
    ],
    [
      'never open',
      { timeZone: 'Europe/London', week: Array(7).fill([]), closedDates: [] },
      '2025-01-07T12:00:00Z',
      undefined,
    ],
  ])('%s', (_name, supportHours, from, expected) => {
    expect(iso(nextOpening(supportHours, at(from)))).toBe(expected);
  });
});

describe('nextAvailableSentence', () => {
  it.each<[string, SupportHours, string, string]>([
    ['later today', hours(OFFICE), '2025-01-06T06:00:00Z', 'A person is next available today at 08:00.'],
    ['tomorrow', hours(OFFICE), '2025-01-06T21:00:00Z', 'A person is next available tomorrow at 08:00.'],
    [
      'Saturday from Friday night',
      hours(OFFICE),
      '2025-01-10T21:00:00Z',
      'A person is next available tomorrow at 09:00.',
    ],
    ['over the week end', hours(OFFICE), '2025-01-11T18:00:00Z', 'A person is next available on Monday at 08:00.'],
    [
      'today in local terms, tomorrow in UTC',
      hours(OFFICE),
      '2025-06-01T23:30:00Z',
      'A person is next available today at 08:00.',
    ],
    [
      'local time after spring forward',
      hours('Mon-Fri 08:00-20:00'),
      '2025-03-28T21:00:00Z',
      'A person is next available on Monday at 08:00.',
    ],
    [
      'the skipped hour opens at 02:00',
      hours('Sun 01:30-04:00'),
      '2025-03-29T12:00:00Z',
      'A person is next available tomorrow at 02:00.',
    ],
    [
      'over Christmas',
      hours(OFFICE, CHRISTMAS),
      '2025-12-24T20:30:00Z',
      'A person is next available on Saturday at 09:00.',
    ],
    [
      'a week or more away: with the date',
      hours('Mon-Fri 08:00-20:00', [
        '2025-12-22',
        '2025-12-23',
        '2025-12-24',
        '2025-12-25',
        '2025-12-26',
        '2025-12-29',
        '2025-12-30',
        '2025-12-31',
        '2026-01-01',
        '2026-01-02',
      ]),
      '2025-12-19T21:00:00Z',
      'A person is next available on Monday 5 January at 08:00.',
    ],
    [
      'never',
      { timeZone: 'Europe/London', week: Array(7).fill([]), closedDates: [] },
      '2025-01-06T06:00:00Z',
      HANDOVER_TEXT.notAvailable,
    ],
  ])('%s', (_name, supportHours, now, expected) => {
    expect(nextAvailableSentence(supportHours, at(now))).toBe(expected);
  });
});
