/** restify's own log lines (a response it cannot format, a value an async handler returned) never hold a token. */
import type * as restify from 'restify';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown, type Bot } from '../server';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiYyJ9.c2lnbmF0dXJlLXNlY3JldA';
const bot: Bot = { run: async () => undefined };

describe("restify's warnings", () => {
  let server: restify.Server;
  let url: string;
  const logs: string[] = [];
  beforeAll(async () => {
    const config = parseConfig({});
    const logger = createLogger('info', { write: (line: string) => logs.push(line) });
    server = createServer({ adapter: createAdapter(config, logger), bot, logger });
    // A body JSON cannot hold: restify's formatter fails and restify logs the request with a warning.
    server.get('/unformattable', async (_req: restify.Request, res: restify.Response) => {
      res.send(200, { big: BigInt(1) });
    });
    url = await listen(server, 0, '127.0.0.1');
  });
  afterAll(() => shutdown(server));

  it('log the request by method and path only: no header, no query, no token', async () => {
    const res = await fetch(`${url}/unformattable?t=${TOKEN}`, {
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}`, 'x-ms-token': TOKEN },
    });
    expect(res.status).toBe(500);
    const restifyLines = logs.filter((line) => line.includes('"component":"restify"'));
    expect(restifyLines.join('')).toContain('error in formatter');
    expect(restifyLines.join('')).toContain('/unformattable');
    expect(logs.join('')).not.toContain(TOKEN);
    expect(logs.join('')).not.toContain('c2lnbmF0dXJl');
  });
});
