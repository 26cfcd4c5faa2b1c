/**
 * Every fixed sentence the handover says to a customer, in one place so tests can assert on them and an
 * editor finds them. Pure: no imports.
 */

/** English day names, Sunday first (the index of `Date#getUTCDay`). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** When support hours open next, and how long the queue is. */
export const HANDOVER_TEXT = {
  /** "A person is next available on Monday at 08:00." */
  nextAvailable: (when: string) => `A person is next available ${when}.`,
  /** Support never opens again (every day closed): said instead of a time. */
  notAvailable: 'No one from BT Email support is available at the moment.',
  today: (time: string) => `today at ${time}`,
  tomorrow: (time: string) => `tomorrow at ${time}`,
  /** Within the coming week: the day's name is enough. */
  onDay: (day: string, time: string) => `on ${day} at ${time}`,
  /** A week or more away (a run of bank holidays): the date too. */
  onDate: (day: string, date: number, month: string, time: string) => `on ${day} ${date} ${month} at ${time}`,
  /** First in the queue. */
  queueNext: "You're next in the queue.",
  /** Behind others in the queue. */
  queuePosition: (position: number) => `You're number ${position} in the queue.`,
  /** The expected wait, e.g. "about 5 minutes"; "a few minutes" with no recent handovers to go by. */
  expectedWait: (wait: string) => `The expected wait is ${wait}.`,
  waitUnknown: 'a few minutes',
  waitAboutAMinute: 'about a minute',
  waitMinutes: (minutes: number) => `about ${minutes} minutes`,
  waitOverAnHour: 'more than an hour',
} as const;
