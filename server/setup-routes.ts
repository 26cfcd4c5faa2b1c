/**
 * The one-tap setup files over HTTP: the Apple profile behind a short-lived token, and Mozilla's
 * autoconfig file where Thunderbird looks for it. Nothing here logs an address or a token.
 */
import type * as restify from 'restify';
import type { Logger } from '../logger';
import {
  AUTOCONFIG_CONTENT_TYPE,
  MAX_ADDRESS_LENGTH,
  parseAddress,
  PROFILE_CONTENT_TYPE,
  PROFILE_PATH,
  type ProfileLinks,
  type SetupFiles,
} from '../setup-files';

/** Where the autoconfig file is served: the path Thunderbird asks an autoconfig.<domain> host, and the domain's well-known path. */
export const AUTOCONFIG_PATHS = ['/mail/config-v1.1.xml', '/.well-known/autoconfig/mail/config-v1.1.xml'] as const;

/** What the pages say; one place, so tests assert on it. */
export const SETUP_TEXT = {
  expired: 'This settings-file link has expired. Links work for a short time only: ask the chat for a new one.',
  unknown: 'This settings-file link is not known here. Ask the chat for a new one.',
  badAddress: `emailaddress must be one email address of at most ${MAX_ADDRESS_LENGTH} characters, such as name@btinternet.com.`,
  otherDomain: 'This server has settings only for the addresses of its own mail domains.',
} as const;

/** What the setup routes need. */
export interface SetupRouteDeps {
  files: SetupFiles;
  links: ProfileLinks;
  logger: Logger;
}

/** Registers GET /setup/profile/:token and both autoconfig paths. */
export function registerSetupRoutes(server: restify.Server, deps: SetupRouteDeps): void {
  server.get(`${PROFILE_PATH}/:token`, profileHandler(deps));
  for (const path of AUTOCONFIG_PATHS) server.get(path, autoconfigHandler(deps));
}

/** The file name the profile is saved as: the provider's name, letters and digits only. */
function profileFileName(files: SetupFiles): string {
  return `${files.setup.name.replace(/[^A-Za-z0-9]+/g, '-')}.mobileconfig`;
}

function profileHandler(deps: SetupRouteDeps) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const token = String(req.params?.token ?? '');
    const link = deps.links.lookup(token);
    if (link.kind !== 'ok') {
      deps.logger.info({ route: 'setup-profile', status: link.kind === 'expired' ? 410 : 404 }, 'profile link refused');
      return page(
        res,
        link.kind === 'expired' ? 410 : 404,
        link.kind === 'expired' ? SETUP_TEXT.expired : SETUP_TEXT.unknown,
      );
    }
    const profile = deps.files.profile(link.address);
    res.header('Content-Type', PROFILE_CONTENT_TYPE);
    res.header('Content-Disposition', `attachment; filename="${profileFileName(deps.files)}"`);
    noStore(res);
    deps.logger.info({ route: 'setup-profile', status: 200, signed: profile.signed }, 'profile served');
    res.writeHead(200);
    res.end(profile.body);
  };
}

function autoconfigHandler(deps: SetupRouteDeps) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const status = autoconfigStatus(req, deps.files.setup.domains);
    if (status !== 200) {
      deps.logger.info({ route: 'autoconfig', status }, 'autoconfig refused');
      return page(res, status, status === 400 ? SETUP_TEXT.badAddress : SETUP_TEXT.otherDomain);
    }
    res.header('Content-Type', AUTOCONFIG_CONTENT_TYPE);
    res.header('Cache-Control', 'public, max-age=3600');
    res.header('X-Content-Type-Options', 'nosniff');
    res.writeHead(200);
    res.end(deps.files.autoconfig());
  };
}

/** 200 without an address or with one at a served domain; 400 for a bad or repeated one; 404 for another domain. */
function autoconfigStatus(req: restify.Request, domains: readonly string[]): 200 | 400 | 404 {
  const all = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('emailaddress');
  if (all.length === 0) return 200;
  const parsed = all.length === 1 ? parseAddress(all[0] ?? '') : undefined;
  if (!parsed) return 400;
  return domains.includes(parsed.domain) ? 200 : 404;
}

function noStore(res: restify.Response): void {
  res.header('Cache-Control', 'no-store');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('X-Content-Type-Options', 'nosniff');
}

/** A short HTML page for a refusal: the reason in words, nothing the request sent. */
function page(res: restify.Response, status: number, text: string): void {
  res.header('Content-Type', 'text/html; charset=utf-8');
  noStore(res);
  res.writeHead(status);
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settings file</title></head><body><p>${text}</p></body></html>`,
  );
}
