/**
 * Request ids: every response carries `X-Request-Id`, and the lines logged about the request (and the turn its
 * activity starts) carry `requestId`. A caller's own id (a proxy's, a load balancer's) is kept when it is short and plain, so one id
 * follows a request through every hop; anything else is replaced, so a log line never holds what a stranger chose.
 */
import type { IncomingMessage } from 'node:http';
import type * as restify from 'restify';
import { newLogId } from '../logger';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest incoming id kept; a UUID is 36, AWS's and Azure's trace ids are under 64. */
export const MAX_REQUEST_ID_LENGTH = 64;

/** Letters, digits and `-_.:`; nothing that could break a log line, a header or a query. */
const SAFE_ID = /^[A-Za-z0-9._:-]+$/;

/** The incoming id when it is short and safe, else a new one. */
export function chooseRequestId(incoming: string | string[] | undefined): string {
  const given = typeof incoming === 'string' ? incoming : undefined;
  if (given !== undefined && given.length <= MAX_REQUEST_ID_LENGTH && SAFE_ID.test(given)) return given;
  return newLogId();
}

/** Each request's id, set by `assignRequestIds` before routing. */
const ids = new WeakMap<IncomingMessage, string>();

/** The request's id (one is made if `assignRequestIds` did not run, as for a request that never reached it). */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (id === undefined) {
    id = chooseRequestId(req.headers[REQUEST_ID_HEADER]);
    ids.set(req, id);
  }
  return id;
}

/** A `pre` handler: picks the request's id and echoes it in the response. */
export function assignRequestIds(): restify.RequestHandler {
  return (req, res, next) => {
    res.header('X-Request-Id', requestIdOf(req));
    return next();
  };
}
