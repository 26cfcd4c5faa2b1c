/** The built bot (`node index.js`, compiled as `npm run build` does) as a child process, as it runs in production. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../knowledge/load';
import { stopChild } from './azurite';

const root = projectRoot(__dirname);

/**
 * Where the tests build the bot: a fresh folder of their own, so a stale file in dist/ cannot
 * shadow a moved module and a concurrent `npm run build` (which clears dist/) cannot pull the
 * files from under a running test. Inside the repository, so the bot finds its knowledge and packages.
 */
export const BUILD_DIR = join(root, 'node_modules', '.cache', 'bot-process-tests');

/** Compiles the project (as `npm run build` does, into BUILD_DIR), so the child runs the code under test. */
export function buildOnce(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', BUILD_DIR], { cwd: root, stdio: 'pipe' });
  } catch {
    // Why carry on: tsc still emits when another file has a type error; the check below finds a missing build.
  }
  if (!existsSync(join(BUILD_DIR, 'index.js'))) throw new Error(`the build did not produce ${BUILD_DIR}/index.js`);
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

/** Starts the built index.js on a free port with `env` (and nothing else from this process's environment). */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const child = spawn(process.execPath, [join(BUILD_DIR, 'index.js')], {
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
