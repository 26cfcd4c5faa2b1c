/** A held-out table of customer questions, written apart from the code: behaviour, not wording. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnswerer } from '../knowledge';

interface Row {
  q: string;
  kind: 'answer' | 'clarify' | 'none';
  expect: string[];
  forbid: string[];
}

const rows = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'utterances.json'), 'utf8')) as Row[];
const answerer = createAnswerer();

describe('held-out utterances', () => {
  it('has enough rows to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
  });

  it.each(rows.map((r) => [r.q.slice(0, 70), r] as const))('%s', (_label, row) => {
    const { result, reply } = answerer.ask(row.q);
    const problems = [
      ...(result.kind === row.kind || (row.kind === 'answer' && result.kind === 'clarify')
        ? []
        : [`kind ${result.kind}, wanted ${row.kind}`]),
      ...row.expect.filter((e) => !new RegExp(e, 'i').test(reply.text)).map((e) => `missing /${e}/`),
      ...row.forbid.filter((f) => new RegExp(f, 'i').test(reply.text)).map((f) => `has /${f}/`),
    ];
    expect({ q: row.q, problems, reply: problems.length ? reply.text : '' }).toEqual({
      q: row.q,
      problems: [],
      reply: '',
    });
  });
});
