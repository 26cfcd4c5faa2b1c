/** Headless Debian Chromium through playwright-core, with a fresh profile and no background traffic. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's chromium package puts the browser (`.ci/run` installs it when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why these flags: no GPU or sandbox in containers, and nothing that phones home (updates, sync, QUIC probes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with its own profile; `requests` lists every URL any page asked for, WebSockets included. */
export interface Browser {
  context: BrowserContext;
  requests: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh --user-data-dir; `viewport` defaults to a laptop screen. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => page.on('websocket', (ws) => requests.push(ws.url())));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Whether a URL stays on this machine: loopback hosts, or data:/blob: URLs the page made itself. */
export function staysLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}
