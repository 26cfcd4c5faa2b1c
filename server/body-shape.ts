/** The one check both /api/messages and the Direct Line routes run on a parsed body: nesting and size bounds. */
import type * as restify from 'restify';
import { checkJsonShape, JSON_LIMITS } from '../security/json-shape';
import type { Logger } from '../logger';

/** What a client is told when its body is refused. */
export const BODY_SHAPE_TEXT = {
  'too-deep': `The request body nests objects or arrays more than ${JSON_LIMITS.maxDepth} levels deep.`,
  'too-many-values': `The request body holds more than ${JSON_LIMITS.maxValues.toLocaleString('en-GB')} values.`,
} as const;

/** How a route words a refusal: each API keeps its own error shape. */
export type RefuseBody = (res: restify.Response, message: string) => void;

/**
 * Middleware after the JSON body parser: a body past JSON_LIMITS gets 400 and goes no further, so it is never
 * stored, run or echoed. Why three parameters and not async: it must stop the chain, which `next(false)` does.
 */
export function boundedBody(logger: Logger, refuse: RefuseBody): restify.RequestHandler {
  return (req, res, next) => {
    const shape = checkJsonShape(req.body);
    if (shape.kind === 'ok') return next();
    logger.info({ status: 400, reason: shape.kind, method: req.method, path: req.path() }, 'request rejected');
    refuse(res, BODY_SHAPE_TEXT[shape.kind]);
    return next(false);
  };
}
