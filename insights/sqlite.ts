/**
 * The embedded insights store: events in the bot's SQLite file, beside the transcripts. Each event
 * is kept as a row, and counted as it is written into small per-day tables the report reads
 * (`insight_daily`, conversations per day, unanswered groups per day), so the page's queries read
 * thousands of rows, not millions. Unanswered questions' text is kept only as a group's latest
 * few examples, with the conversation they came from, so deleting a transcript deletes them too.
 */
import type Database from 'better-sqlite3';
import { groupCommitOf, type GroupCommit } from '../storage/group-commit';
import { conversationKey, dayOf, type InsightEvent } from './events';
import type { UnansweredPlace } from './group';
import {
  percentile,
  REPORT_LIMITS,
  type InsightsFilter,
  type InsightsReport,
  type InsightsSource,
  type UnansweredGroup,
} from './report';

/** The insights tables: new tables an older bot ignores, so the file's schema version stays. */
export const INSIGHTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS insight_event (
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, day TEXT NOT NULL, name TEXT NOT NULL,
  channel TEXT NOT NULL, conversation TEXT NOT NULL, value REAL, detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS insight_event_by_name ON insight_event (name, day, channel, value);
CREATE TABLE IF NOT EXISTS insight_daily (
  name TEXT NOT NULL, day TEXT NOT NULL, channel TEXT NOT NULL, dim TEXT NOT NULL,
  count INTEGER NOT NULL, total REAL NOT NULL, PRIMARY KEY (name, day, channel, dim)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_conversation_day (
  day TEXT NOT NULL, channel TEXT NOT NULL, conversation TEXT NOT NULL, PRIMARY KEY (day, channel, conversation)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_unanswered (
  day TEXT NOT NULL, channel TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (day, channel, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_unanswered_group (
  key TEXT PRIMARY KEY, nearest_id TEXT, nearest_question TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS insight_unanswered_example (
  seq INTEGER PRIMARY KEY, key TEXT NOT NULL, conversation TEXT NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS insight_example_by_key ON insight_unanswered_example (key, seq);
CREATE INDEX IF NOT EXISTS insight_example_by_conversation ON insight_unanswered_example (conversation);
`;

/** How many examples a group keeps: its latest distinct ones. */
export const EXAMPLES_KEPT = 5;

/** Where events are written, read back as a report, and forgotten with a transcript. */
export interface InsightsStore extends InsightsSource {
  /** Writes an event (and, for an unanswered question, its group); resolves once committed. */
  record(event: InsightEvent, place?: UnansweredPlace): Promise<void>;
  /** Deletes the text kept from a conversation (its unanswered questions' examples); resolves with how many. */
  forgetConversation(channel: string, conversationId: string): Promise<number>;
}

/** The rollup row an event adds to: its name and the one thing it is counted by, and the value summed. */
function rollupOf(event: InsightEvent): { name: string; dim: string; total: number }[] {
  switch (event.name) {
    case 'answer.given': {
      const kind = { name: event.name, dim: event.kind, total: 0 };
      return event.kind === 'answer' && event.about
        ? [kind, { name: 'answer.about', dim: event.about, total: 0 }]
        : [kind];
    }
    case 'walkthrough.step':
    case 'walkthrough.abandoned':
      return [{ name: event.name, dim: String(event.step), total: 0 }];
    case 'error.explained':
      return [{ name: event.name, dim: event.code, total: 0 }];
    case 'feedback':
      return [{ name: event.name, dim: `${event.helpful}:${event.about}`, total: 0 }];
    case 'handover.accepted':
      return [{ name: event.name, dim: '', total: event.timeToAcceptMs }];
    case 'agent.rating':
      return [{ name: event.name, dim: '', total: event.rating }];
    default:
      return [{ name: event.name, dim: '', total: 0 }];
  }
}

/** The number an event carries, kept in its row for percentiles. */
function valueOf(event: InsightEvent): number | null {
  if (event.name === 'handover.accepted') return event.timeToAcceptMs;
  if (event.name === 'agent.rating') return event.rating;
  if (event.name === 'answer.given') return event.confidence ?? null;
  return null;
}

/** What a row keeps besides its columns: the event's own fields, never its text. */
function detailOf(event: InsightEvent): string {
  const detail: Record<string, unknown> = { ...event };
  for (const key of ['name', 'at', 'channel', 'conversation', 'text']) delete detail[key];
  return JSON.stringify(detail);
}

type Row = Record<string, string | number | null>;

/** The insights store on a SQLite connection (the bot's file, or ':memory:' with memory storage). */
export class SqliteInsightsStore implements InsightsStore {
  private readonly commits: GroupCommit;
  private readonly write: (event: InsightEvent, place?: UnansweredPlace) => void;
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(INSIGHTS_SCHEMA);
    this.commits = groupCommitOf(db);
    this.statements = prepareStatements(db);
    this.write = db.transaction((event: InsightEvent, place?: UnansweredPlace) => this.writeOne(event, place));
  }

  record(event: InsightEvent, place?: UnansweredPlace): Promise<void> {
    return this.commits.run(() => this.write(event, place));
  }

  /** Writes many events in one transaction, outside the group commit: for seeding benchmarks and tests. */
  recordAll(events: Iterable<{ event: InsightEvent; place?: UnansweredPlace }>): void {
    this.db.transaction(() => {
      for (const { event, place } of events) this.writeOne(event, place);
    })();
  }

  forgetConversation(channel: string, conversationId: string): Promise<number> {
    const key = conversationKey(channel, conversationId);
    return this.commits.run(() => this.statements.forget.run(key).changes);
  }

  report(filter: InsightsFilter): InsightsReport {
    return this.db.transaction(() => readReport(this.statements, filter))();
  }

  private writeOne(event: InsightEvent, place?: UnansweredPlace): void {
    const s = this.statements;
    const day = dayOf(event.at);
    const { channel, conversation } = event;
    const at = Date.parse(event.at);
    s.insert.run({ at, day, name: event.name, channel, conversation, value: valueOf(event), detail: detailOf(event) });
    for (const r of rollupOf(event)) s.count.run({ ...r, day, channel });
    if (event.name === 'message.received') s.conversationDay.run({ day, channel, conversation });
    if (event.name === 'answer.given' && event.kind === 'none' && place) this.writeUnanswered(event, place, day);
  }

  private writeUnanswered(event: InsightEvent & { name: 'answer.given' }, place: UnansweredPlace, day: string): void {
    const s = this.statements;
    const { key, nearest } = place;
    s.unanswered.run({ day, channel: event.channel, key });
    s.group.run({ key, id: nearest?.id ?? null, question: nearest?.question ?? null });
    if (!event.text || s.hasExample.get(key, event.text)) return;
    s.example.run({ key, conversation: event.conversation, text: event.text });
    s.trimExamples.run({ key, keep: EXAMPLES_KEPT });
  }
}

function prepareStatements(db: Database.Database) {
  const range = 'day BETWEEN @from AND @to AND (@channel IS NULL OR channel = @channel)';
  const all = <T>(sql: string) => db.prepare<[Row], T>(sql);
  return {
    insert: db.prepare(
      `INSERT INTO insight_event (at, day, name, channel, conversation, value, detail)
       VALUES (@at, @day, @name, @channel, @conversation, @value, @detail)`,
    ),
    count: db.prepare(
      `INSERT INTO insight_daily (name, day, channel, dim, count, total) VALUES (@name, @day, @channel, @dim, 1, @total)
       ON CONFLICT DO UPDATE SET count = count + 1, total = total + excluded.total`,
    ),
    conversationDay: db.prepare(
      'INSERT OR IGNORE INTO insight_conversation_day (day, channel, conversation) VALUES (@day, @channel, @conversation)',
    ),
    unanswered: db.prepare(
      `INSERT INTO insight_unanswered (day, channel, key, count) VALUES (@day, @channel, @key, 1)
       ON CONFLICT DO UPDATE SET count = count + 1`,
    ),
    group: db.prepare(
      `INSERT INTO insight_unanswered_group (key, nearest_id, nearest_question) VALUES (@key, @id, @question)
       ON CONFLICT DO UPDATE SET nearest_id = excluded.nearest_id, nearest_question = excluded.nearest_question`,
    ),
    hasExample: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM insight_unanswered_example WHERE key = ? AND text = ?',
    ),
    example: db.prepare(
      'INSERT INTO insight_unanswered_example (key, conversation, text) VALUES (@key, @conversation, @text)',
    ),
    trimExamples: db.prepare(
      `DELETE FROM insight_unanswered_example WHERE key = @key AND seq NOT IN
       (SELECT seq FROM insight_unanswered_example WHERE key = @key ORDER BY seq DESC LIMIT @keep)`,
    ),
    forget: db.prepare('DELETE FROM insight_unanswered_example WHERE conversation = ?'),
    channels: db.prepare<[], { channel: string }>(
      `SELECT DISTINCT channel FROM insight_daily WHERE name = 'message.received' ORDER BY channel`,
    ),
    conversations: all<{ day: string; channel: string; count: number }>(
      `SELECT day, channel, COUNT(*) AS count FROM insight_conversation_day WHERE ${range}
       GROUP BY day, channel ORDER BY day, channel`,
    ),
    daily: all<{ day: string; name: string; dim: string; count: number; total: number }>(
      `SELECT day, name, dim, SUM(count) AS count, SUM(total) AS total FROM insight_daily
       WHERE name = @name AND ${range} GROUP BY day, dim ORDER BY day`,
    ),
    byDim: all<{ dim: string; count: number; total: number }>(
      `SELECT dim, SUM(count) AS count, SUM(total) AS total FROM insight_daily
       WHERE name = @name AND ${range} GROUP BY dim ORDER BY count DESC, dim LIMIT @limit`,
    ),
    values: all<{ value: number }>(
      `SELECT value FROM insight_event WHERE name = @name AND ${range} AND value IS NOT NULL ORDER BY value`,
    ),
    unansweredGroups: all<{ key: string; count: number; id: string | null; question: string | null }>(
      `SELECT u.key AS key, SUM(u.count) AS count, g.nearest_id AS id, g.nearest_question AS question
       FROM insight_unanswered u LEFT JOIN insight_unanswered_group g ON g.key = u.key
       WHERE u.day BETWEEN @from AND @to AND (@channel IS NULL OR u.channel = @channel)
       GROUP BY u.key ORDER BY count DESC, u.key LIMIT @limit`,
    ),
    examples: db.prepare<[string, number], { text: string }>(
      'SELECT text FROM insight_unanswered_example WHERE key = ? ORDER BY seq DESC LIMIT ?',
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

const HANDOVER_COLUMNS = {
  'handover.offered': 'offered',
  'handover.requested': 'requested',
  'handover.accepted': 'accepted',
  'handover.abandoned': 'abandoned',
  'handover.ended': 'ended',
} as const;

const KIND_COLUMNS = { answer: 'answer', clarify: 'clarify', 'did-you-mean': 'didYouMean', none: 'none' } as const;

function readReport(s: Statements, filter: InsightsFilter): InsightsReport {
  const at = { from: filter.from, to: filter.to, channel: filter.channel ?? null };
  const byDim = (name: string, limit = -1) => s.byDim.all({ ...at, name, limit });
  const sum = (name: string) => byDim(name).reduce((n, r) => n + r.count, 0);
  const accepted = s.values.all({ ...at, name: 'handover.accepted' }).map((r) => r.value);
  const rating = byDim('agent.rating')[0];
  return {
    filter,
    channels: s.channels.all().map((r) => r.channel),
    conversationsPerDay: s.conversations.all(at),
    answerKindsPerDay: answerKinds(s, at),
    topQuestions: byDim('answer.about', REPORT_LIMITS.topQuestions).map((r) => ({ about: r.dim, count: r.count })),
    helpfulness: helpfulness(byDim('feedback')),
    walkthroughFunnel: funnel(byDim('walkthrough.step'), byDim('walkthrough.abandoned')),
    walkthroughsFinished: sum('walkthrough.finished'),
    handoversPerDay: handovers(s, at),
    timeToAcceptMs: { p50: percentile(accepted, 0.5), p90: percentile(accepted, 0.9), count: accepted.length },
    agentRating: { average: rating ? rating.total / rating.count : null, count: rating?.count ?? 0 },
    unanswered: unanswered(s, at),
  };
}

function answerKinds(s: Statements, at: Row): InsightsReport['answerKindsPerDay'] {
  const days = new Map<string, InsightsReport['answerKindsPerDay'][number]>();
  for (const r of s.daily.all({ ...at, name: 'answer.given' })) {
    const day = days.get(r.day) ?? { day: r.day, answer: 0, clarify: 0, didYouMean: 0, none: 0 };
    const column = KIND_COLUMNS[r.dim as keyof typeof KIND_COLUMNS];
    if (column) day[column] += r.count;
    days.set(r.day, day);
  }
  return [...days.values()];
}

function handovers(s: Statements, at: Row): InsightsReport['handoversPerDay'] {
  const days = new Map<string, InsightsReport['handoversPerDay'][number]>();
  for (const [name, column] of Object.entries(HANDOVER_COLUMNS))
    for (const r of s.daily.all({ ...at, name })) {
      const day = days.get(r.day) ?? { day: r.day, offered: 0, requested: 0, accepted: 0, abandoned: 0, ended: 0 };
      day[column] += r.count;
      days.set(r.day, day);
    }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function helpfulness(rows: { dim: string; count: number }[]): InsightsReport['helpfulness'] {
  const byAbout = new Map<string, { about: string; helpful: number; notHelpful: number }>();
  for (const r of rows) {
    const colon = r.dim.indexOf(':');
    const about = r.dim.slice(colon + 1);
    const entry = byAbout.get(about) ?? { about, helpful: 0, notHelpful: 0 };
    if (r.dim.startsWith('yes:')) entry.helpful += r.count;
    else entry.notHelpful += r.count;
    byAbout.set(about, entry);
  }
  const total = (e: { helpful: number; notHelpful: number }) => e.helpful + e.notHelpful;
  return [...byAbout.values()].sort((a, b) => total(b) - total(a)).slice(0, REPORT_LIMITS.helpfulness);
}

function funnel(reached: { dim: string; count: number }[], abandoned: { dim: string; count: number }[]) {
  const steps = new Map<number, { step: number; reached: number; abandoned: number }>();
  const at = (dim: string) => {
    const step = Number(dim);
    return steps.get(step) ?? steps.set(step, { step, reached: 0, abandoned: 0 }).get(step)!;
  };
  for (const r of reached) at(r.dim).reached += r.count;
  for (const r of abandoned) at(r.dim).abandoned += r.count;
  return [...steps.values()].sort((a, b) => a.step - b.step);
}

function unanswered(s: Statements, at: Row): UnansweredGroup[] {
  return s.unansweredGroups.all({ ...at, limit: REPORT_LIMITS.unanswered }).map((g) => ({
    key: g.key,
    count: g.count,
    examples: s.examples.all(g.key, REPORT_LIMITS.examples).map((e) => e.text),
    nearest: g.id && g.question !== null ? { id: g.id, question: g.question } : null,
  }));
}
