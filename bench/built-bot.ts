/** The built bot (`node dist/index.js`, as `npm start` runs it) on a free port, with a throw-away data folder. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botNodeFlags } from './bot-flags';

/** A running bot process; `stop` sends SIGTERM, waits for it to exit and removes its data. */
export interface BuiltBot {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** What to start: another build (a dist folder) and more environment; by default this build with no configuration. */
export interface BuiltBotOptions {
  build?: string;
  env?: Record<string, string>;
}

/** Starts dist/index.js (run from dist/bench) with no configuration but a port and a data folder. */
export async function startBuiltBot(options: BuiltBotOptions = {}): Promise<BuiltBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'built-bot-'));
  const child = spawn(process.execPath, [...botNodeFlags(), join(options.build ?? join(__dirname, '..'), 'index.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"msg":"listening"/.test(output) && /"url":"http:\/\/[^"]*:(\d+)"/.exec(output)?.[1];
      if (!port) return;
      // Why stop reading once started: under load the bot logs a lot, and the output is only needed until then.
      child.stdout?.off('data', read);
      resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${output}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
