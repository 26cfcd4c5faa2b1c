/** Whole conversations over the Bot Framework protocol, judged by the shared black-box checker. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Server } from 'restify';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { projectRoot } from '../knowledge/load';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';

const root = projectRoot(__dirname);
const checker = join(root, '..', 'shared', 'eval', 'botchat.mjs');
let server: Server;
let endpoint: string;

beforeAll(async () => {
  const config = parseConfig({});
  const logger = createLogger('error');
  const adapter = createAdapter(config, logger).use(...botMiddleware());
  server = createServer({ adapter, bot: createBot({ answerer: createAnswerer(), config }), logger });
  endpoint = `${await listen(server, 0, '127.0.0.1')}/api/messages`;
});

afterAll(() => shutdown(server));

function runChecker(cases: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [checker, '--cases', cases, '--endpoint', endpoint],
      { timeout: 60_000 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
}

describe('conversation checks', () => {
  it.each([
    ['the shared dev cases', join(root, '..', 'shared', 'eval', 'dev-cases.json')],
    ['our held-out cases', join(root, 'test', 'fixtures', 'heldout-cases.json')],
    ['our second held-out cases', join(root, 'test', 'fixtures', 'heldout-cases-2.json')],
    ['our third held-out cases', join(root, 'test', 'fixtures', 'heldout-cases-3.json')],
    ['our fourth held-out cases', join(root, 'test', 'fixtures', 'heldout-cases-4.json')],
  ])(
    '%s all pass',
    async (_name, cases) => {
      const out = await runChecker(cases);
      const score = /eval: (\d+)\/(\d+) passed/.exec(out);
      expect(out.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(score?.[1]).toBe(score?.[2]);
    },
    60_000,
  );
});
