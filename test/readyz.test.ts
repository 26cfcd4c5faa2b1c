/** /readyz: 200 while the bot can take traffic, 503 with a short reason otherwise; /healthz stays liveness only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger, type Logger } from '../logger';
import { createAdapter, createServer, listen, shutdown, type Bot } from '../server';
import { createReadiness, knowledgeProbe, Readiness, storageProbe, type ReadinessProbe } from '../server/readiness';
import { openMemoryStores } from '../storage/memory';
import { openSqliteStores } from '../storage/sqlite';

const bot: Bot = { run: async () => undefined };
const SECRET_DETAIL = 'connect ECONNREFUSED AccountKey=abc123';

/** A Storage whose every call fails, as a store does while its backend is down. */
const failingStorage: Storage = {
  read: () => Promise.reject(new Error(SECRET_DETAIL)),
  write: () => Promise.reject(new Error(SECRET_DETAIL)),
  delete: () => Promise.reject(new Error(SECRET_DETAIL)),
};

interface Running {
  server: Server;
  url: string;
  logs: string[];
}

async function start(probes: (logger: Logger) => Readiness): Promise<Running> {
  const config = parseConfig({});
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const readiness = probes(logger);
  const server = createServer({ adapter: createAdapter(config, logger), bot, logger, readiness });
  return { server, url: await listen(server, 0, '127.0.0.1'), logs };
}

async function get(url: string): Promise<{ status: number; body: unknown; cache: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json(), cache: res.headers.get('cache-control') };
}

describe('/readyz on the real server', () => {
  const answerer = createAnswerer();

  it('is 200 when knowledge is loaded and storage answers', async () => {
    const app = await start(() => new Readiness([knowledgeProbe(answerer), storageProbe(openMemoryStores().storage)]));
    try {
      expect(await get(`${app.url}/readyz`)).toEqual({ status: 200, body: { status: 'ready' }, cache: 'no-store' });
    } finally {
      await shutdown(app.server);
    }
  });

  it('is 503 naming storage when its probe fails; /healthz stays 200; the log names the probe, not the error', async () => {
    const app = await start((logger) =>
      createReadiness([knowledgeProbe(answerer), storageProbe(failingStorage)], logger),
    );
    try {
      expect(await get(`${app.url}/readyz`)).toEqual({
        status: 503,
        body: { status: 'not ready', reason: 'storage' },
        cache: 'no-store',
      });
      expect((await get(`${app.url}/healthz`)).status).toBe(200);
      expect(app.logs.join('')).toContain('readiness probe failed');
      expect(app.logs.join('')).not.toContain('AccountKey');
    } finally {
      await shutdown(app.server);
    }
  });

  it('is 503 with SQLite closed under it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyz-'));
    const stores = openSqliteStores(dir);
    let now = 0;
    const app = await start(() => new Readiness([storageProbe(stores.storage)], { now: () => now }));
    try {
      expect((await get(`${app.url}/readyz`)).status).toBe(200);
      await stores.close();
      now += 60_000;
      expect(await get(`${app.url}/readyz`)).toMatchObject({ status: 503, body: { reason: 'storage' } });
    } finally {
      await shutdown(app.server);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is 503 "stopping" once shutdown begins', async () => {
    const readiness = new Readiness([]);
    const app = await start(() => readiness);
    expect((await get(`${app.url}/readyz`)).status).toBe(200);
    await shutdown(app.server);
    expect(await readiness.check()).toEqual({ ready: false, reason: 'stopping' });
  });

  it('answers 503 "stopping" over HTTP while the server is still up', async () => {
    const readiness = new Readiness([]);
    const app = await start(() => readiness);
    try {
      readiness.stop();
      expect(await get(`${app.url}/readyz`)).toMatchObject({ status: 503, body: { reason: 'stopping' } });
      expect((await get(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await shutdown(app.server);
    }
  });
});

describe('Readiness', () => {
  const ok: ReadinessProbe = { name: 'ok', check: async () => undefined };
  const broken = (name: string): ReadinessProbe => ({ name, check: async () => Promise.reject(new Error('down')) });

  it.each<[string, ReadinessProbe[], object]>([
    ['no probes', [], { ready: true }],
    ['passing probes', [ok, ok], { ready: true }],
    ['one failing', [ok, broken('storage')], { ready: false, reason: 'storage' }],
    ['the first of two failing', [broken('knowledge'), broken('storage')], { ready: false, reason: 'knowledge' }],
    [
      'a probe that throws at once',
      [
        {
          name: 'sync',
          check: () => {
            throw new Error('x');
          },
        },
      ],
      { ready: false, reason: 'sync' },
    ],
    [
      'a probe that never answers',
      [{ name: 'slow', check: () => new Promise<void>(() => undefined) }],
      { ready: false, reason: 'slow' },
    ],
  ])('%s', async (_name, probes, expected) => {
    expect(await new Readiness(probes, { timeoutMs: 20 }).check()).toEqual(expected);
  });

  it('asks the probes at most once a second, however often it is asked', async () => {
    let now = 0;
    let calls = 0;
    let failing = true;
    const probe: ReadinessProbe = {
      name: 'storage',
      check: async () => {
        calls++;
        if (failing) throw new Error('down');
      },
    };
    const readiness = new Readiness([probe], { now: () => now });
    const first = await Promise.all(Array.from({ length: 20 }, () => readiness.check()));
    expect(first.every((r) => !r.ready)).toBe(true);
    failing = false;
    now += 999;
    expect(await readiness.check()).toEqual({ ready: false, reason: 'storage' });
    now += 1;
    expect(await readiness.check()).toEqual({ ready: true });
    expect(calls).toBe(2);
  });

  it('reports each failure to onFailure with the probe and the error', async () => {
    const failures: string[] = [];
    await new Readiness([broken('storage')], {
      onFailure: (name, err) => failures.push(`${name}: ${(err as Error).message}`),
    }).check();
    expect(failures).toEqual(['storage: down']);
  });

  it('knowledgeProbe fails without any provider', async () => {
    const empty = { ...createAnswerer(), knowledge: { providers: [] } };
    expect(await new Readiness([knowledgeProbe(empty)]).check()).toEqual({ ready: false, reason: 'knowledge' });
  });
});
