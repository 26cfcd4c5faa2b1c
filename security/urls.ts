/** Reading URLs given in settings: parsed or undefined, and whether a host is this machine. */

/** The URL, or undefined when it is not one. */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** Whether a URL's hostname (as WHATWG URL gives it) names this machine: http is allowed there. */
export function isLoopbackHost(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}
