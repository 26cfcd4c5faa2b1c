/** Turn benchmarks: the whole bot in-process, and over HTTP with 32 concurrent conversations. */
import { ConsoleAdapter } from '../cli/console-adapter';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import { customerMessage, startConnector } from './connector-stand-in';
import { BENCH_CONVERSATION } from './conversation';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** p50/p99 of one turn through the bot and its dialogs, with no network. */
export async function inProcessTurns(rounds = 30): Promise<{ p50: number; p99: number }> {
  const bot = createBot({ answerer: createAnswerer(), config: { supportContact: 'x' } });
  const run = (c: Parameters<typeof bot.run>[0]) => bot.run(c);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const adapter = new ConsoleAdapter(() => undefined);
    for (const line of BENCH_CONVERSATION) {
      const start = process.hrtime.bigint();
      await adapter.send(line, run);
      if (r > 2) times.push(ms(start));
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Turns per second over POST /api/messages, replies going to a connector stand-in on loopback. */
export async function httpTurns(
  conversations = 32,
  turnsEach = 20,
): Promise<{ perSecond: number; p50: number; p99: number }> {
  const config = parseConfig({});
  const logger = createLogger('error');
  const adapter = createAdapter(config, logger).use(...botMiddleware());
  const server = createServer({ adapter, bot: createBot({ answerer: createAnswerer(), config }), logger });
  const url = await listen(server, 0, '127.0.0.1');
  const connector = await startConnector();
  const times: number[] = [];
  const post = async (conversationId: string, text: string) => {
    const body = customerMessage(connector, conversationId, text);
    const start = process.hrtime.bigint();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    times.push(ms(start));
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
  };
  const talk = async (c: number) => {
    for (let t = 0; t < turnsEach; t++) await post(`bench-${c}`, BENCH_CONVERSATION[t % BENCH_CONVERSATION.length]!);
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: conversations }, (_, c) => talk(c)));
  const elapsed = ms(start);
  await shutdown(server);
  await connector.close();
  times.sort((a, b) => a - b);
  return {
    perSecond: (conversations * turnsEach * 1000) / elapsed,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
  };
}
