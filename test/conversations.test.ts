/** Whole conversations over the Bot Framework protocol, judged by the project's own checker. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { projectRoot } from '../knowledge/load';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import { runCases, type ConversationCase } from './helpers/conversation-checker';

const fixtures = join(projectRoot(__dirname), 'test', 'fixtures');
let server: Server;
let endpoint: string;
let connector: ConnectorStandIn;

beforeAll(async () => {
  const config = parseConfig({});
  const logger = createLogger('error');
  const adapter = createAdapter(config, logger).use(...botMiddleware());
  server = createServer({ adapter, bot: createBot({ answerer: createAnswerer(), config }), logger });
  endpoint = `${await listen(server, 0, '127.0.0.1')}/api/messages`;
  connector = await startConnector();
});

afterAll(async () => {
  await shutdown(server);
  await connector.close();
});

describe('conversation checks', () => {
  it.each([
    ['our held-out cases', 'heldout-cases.json'],
    ['our second held-out cases', 'heldout-cases-2.json'],
    ['our third held-out cases', 'heldout-cases-3.json'],
    ['our fourth held-out cases', 'heldout-cases-4.json'],
  ])(
    '%s all pass',
    async (_name, file) => {
      const cases = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as ConversationCase[];
      const results = await runCases(endpoint, connector, cases);
      expect(results.filter((r) => r.failures.length > 0)).toEqual([]);
      expect(results).toHaveLength(cases.length);
    },
    120_000,
  );

  it('fails a case whose reply does not match, and one that clicks a button that is not there', async () => {
    const cases: ConversationCase[] = [
      { id: 'wrong-port', turns: [{ user: 'what port for smtp', expect: ['\\b25\\b'] }] },
      { id: 'no-button', turns: [{ user: 'hello' }, { user: '$choose:^Launch the rocket$' }] },
      { id: 'forbidden-anywhere', turns: [{ user: 'what port for smtp' }], forbidAnywhere: ['465'] },
    ];
    const results = await runCases(endpoint, connector, cases);
    expect(results.map((r) => r.failures.length > 0)).toEqual([true, true, true]);
  });
});
