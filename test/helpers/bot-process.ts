/** The built bot (`node dist/index.js`) as a child process, as it runs in production. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../knowledge/load';
import { stopChild } from './azurite';

const root = projectRoot(__dirname);

/** Compiles the project to dist/ (as `npm run build` does), so the child runs the code under test. */
export function buildOnce(): void {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch {
    // Why carry on: tsc still emits when another file has a type error; the checks below find a missing build.
  }
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('npm run build did not produce dist/index.js');
}

/** A running bot process. */
export interface BotProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no flushing, as in a crash. */
  kill(): Promise<void>;
}

/** Starts `node dist/index.js` on a free port with `env` (and nothing else from this process's environment). */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bot did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /"url":"http:\/\/[^"]*:(\d+)"/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(Number(match[1]));
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: () => stopChild(child),
    kill: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
