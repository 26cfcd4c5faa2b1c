/** Starts Azurite's blob service on a free loopback port with in-memory persistence, for tests of the blob stores. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../knowledge/load';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite and the connection string for it. */
export interface Azurite {
  connectionString: string;
  stop(): Promise<void>;
}

const AZURITE_BLOB = join(projectRoot(__dirname), 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');

/** Starts Azurite and resolves once it listens; rejects with its output if it does not within `timeoutMs`. */
export async function startAzurite(timeoutMs = 20_000): Promise<Azurite> {
  // Why a scratch cwd: Azurite may still write small files (its debug log) to the working directory.
  const workspace = mkdtempSync(join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB,
      ...['--blobHost', '127.0.0.1', '--blobPort', '0'],
      ...['--inMemoryPersistence', '--extentMemoryLimit', '256', '--skipApiVersionCheck', '--silent'],
    ],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await listeningPort(child, timeoutMs);
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    stop: () => stopChild(child).then(() => rmSync(workspace, { recursive: true, force: true })),
  };
}

function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  let output = '';
  let listening = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Azurite did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    // Why keep reading after it listens: a full pipe would stall Azurite.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (listening) return;
      output += chunk.toString();
      const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) return;
      listening = true;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`Azurite exited with ${code}:\n${output}`)));
  });
}

/** Sends SIGTERM, then SIGKILL if it has not exited within a second. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 1000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
