/** docs/app-insights-workbook.json holds the README's Kusto queries, one per chart, so the two cannot drift apart. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface WorkbookItem {
  type: number;
  content: { version?: string; query?: string; title?: string; resourceType?: string };
}

/** The README's Kusto block: one `// Title` line and its query per paragraph. */
function readmeQueries(): { title: string; query: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('```kusto\n') + '```kusto\n'.length;
  const block = readme.slice(start, readme.indexOf('```', start)).trim();
  return block.split('\n\n').map((paragraph) => {
    const [heading = '', ...query] = paragraph.split('\n');
    return { title: heading.replace(/^\/\/ /, ''), query: query.join('\n') };
  });
}

const workbook = JSON.parse(readFileSync(join(ROOT, 'docs', 'app-insights-workbook.json'), 'utf8')) as {
  version: string;
  items: WorkbookItem[];
};
const queries = workbook.items.filter((item) => item.type === 3);

describe('the Application Insights workbook', () => {
  it('is a workbook whose queries run on Application Insights', () => {
    expect(workbook.version).toBe('Notebook/1.0');
    for (const item of queries)
      expect(item.content).toMatchObject({ version: 'KqlItem/1.0', resourceType: 'microsoft.insights/components' });
  });

  it("holds the README's queries, in order, with their titles", () => {
    expect(queries.map((item) => ({ title: item.content.title, query: item.content.query }))).toEqual(readmeQueries());
  });

  it.each([
    'message.received',
    'answer.given',
    'feedback',
    'walkthrough.step',
    'walkthrough.abandoned',
    'walkthrough.finished',
    'handover.',
    'handover.accepted',
    'handover.requested',
    'handover.abandoned',
    'agent.rating',
  ])('charts the %s events', (name) => {
    expect(queries.some((item) => item.content.query?.includes(`"${name}"`))).toBe(true);
  });

  it('never asks for text: the events sent to Application Insights have none', () => {
    for (const item of queries) expect(item.content.query).not.toMatch(/customDimensions\.text\b/);
  });
});
