/**
 * `npm run insights -- unanswered [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel CHANNEL]`: the
 * questions the bot could not answer, grouped as the search reads them, each with its count, a few
 * redacted examples and the nearest knowledge entry, from the configured storage (the last 30 days
 * unless told). What an editor adds to the knowledge next.
 */
import { parseConfig } from '../config';
import { dayOf } from '../insights/events';
import { parseInsightsQuery } from '../insights/page-query';
import type { InsightsFilter, UnansweredGroup } from '../insights/report';
import { openStores } from '../storage';
import { runMain } from './run-main';

const USAGE = [
  'usage: npm run insights -- unanswered [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel CHANNEL]',
  '  the unanswered questions of the last 30 days (or the days given), grouped, most asked first',
].join('\n');

/** The filter the arguments ask for, or the problem with them. */
export function parseInsightsArgs(
  args: readonly string[],
  today: Date,
): { filter: InsightsFilter } | { problem: string } {
  const [command, ...options] = args;
  if (command !== 'unanswered') return { problem: USAGE };
  const query = new URLSearchParams();
  for (let i = 0; i < options.length; i += 2) {
    const [flag, value] = [options[i], options[i + 1]];
    if (!flag || !['--from', '--to', '--channel'].includes(flag) || value === undefined) return { problem: USAGE };
    query.append(flag.slice(2), value);
  }
  // Why the page's reading: one set of rules (and sentences) for the days and channel asked, wherever they come from.
  const read = parseInsightsQuery(query.toString(), dayOf(today.getTime()));
  return read.ok ? { filter: read.filter } : { problem: read.error };
}

/** The groups as terminal text: count and key, the nearest entry, then each example quoted on its own line. */
export function formatUnanswered(groups: readonly UnansweredGroup[], filter: InsightsFilter): string {
  const where = `${filter.from} to ${filter.to}${filter.channel ? ` on ${filter.channel}` : ''}`;
  if (groups.length === 0) return `No unanswered questions from ${where}.\n`;
  const total = groups.reduce((n, g) => n + g.count, 0);
  const lines = [`${total} unanswered question(s) in ${groups.length} group(s), ${where}:`, ''];
  for (const g of groups) {
    lines.push(`${String(g.count).padStart(5)}  ${g.key}`);
    lines.push(`       nearest: ${g.nearest ? `${g.nearest.id} ("${g.nearest.question}")` : 'none'}`);
    for (const example of g.examples) lines.push(`       - ${JSON.stringify(example)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Runs the command line against the configured storage; the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseInsightsArgs(args, new Date());
  if ('problem' in parsed) {
    console.error(parsed.problem);
    return 2;
  }
  const stores = await openStores(parseConfig(process.env));
  try {
    if (!stores.insights) {
      console.error(
        `${stores.kind} storage keeps no insights events here: with APPLICATIONINSIGHTS_CONNECTION_STRING set they ` +
          'go to Application Insights (see README, Insights).',
      );
      return 1;
    }
    const report = await stores.insights.report(parsed.filter);
    process.stdout.write(formatUnanswered(report.unanswered, parsed.filter));
    return 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module) runMain(main);
