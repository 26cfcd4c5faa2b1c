/**
 * botbuilder's CloudAdapter, whose HTTP entry does what CloudAdapter.process does without
 * building zod schemas on every request. Why: process() creates a fresh `z.record(z.unknown())`
 * and `z.string()` (and, through its Activity check, another record schema) for each POST; in
 * bench:load that was 3% of the bot's CPU time and 6% of everything it allocated. The checks
 * themselves are kept: POST only, a JSON object body with a `type`, botbuilder's own
 * validateAndFixActivity, the Authorization header, and 401 for an authentication error.
 */
import { CloudAdapter, type Request, type Response, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { AuthenticationError } from 'botframework-connector';
import type { Activity } from 'botbuilder';

type Logic = (context: TurnContext) => Promise<void>;

export class LeanCloudAdapter extends CloudAdapter {
  /**
   * One activity over HTTP; a WebSocket upgrade (four arguments) goes to CloudAdapter as it is.
   * Unlike CloudAdapter, an error other than authentication is thrown to the caller, which logs
   * it and answers 500, rather than printed with console.error and its message sent back.
   */
  // Why `unknown` parameters: one signature that covers both of CloudAdapter's overloads.
  override async process(
    req: Request,
    resOrSocket: unknown,
    logicOrHead: unknown,
    maybeLogic?: unknown,
  ): Promise<void> {
    if (maybeLogic !== undefined || typeof logicOrHead !== 'function') {
      const upgrade = super.process.bind(this) as (...args: unknown[]) => Promise<void>;
      return upgrade(req, resOrSocket, logicOrHead, maybeLogic);
    }
    const res = resOrSocket as Response;
    const result = await this.processRequest(req, logicOrHead as Logic);
    res.status(result.status);
    if (result.body !== undefined) res.send(result.body);
    res.end();
  }

  /** The status and body CloudAdapter.process would answer with. */
  private async processRequest(req: Request, logic: Logic): Promise<{ status: number; body?: unknown }> {
    if (req.method !== 'POST') return { status: 405 };
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return {
        status: 400,
        body: '`req.body` not an object, make sure you are using middleware to parse incoming requests.',
      };
    if (typeof body.type !== 'string' || !body.type) return { status: 400 };
    const activity = validateAndFixActivity(body as Partial<Activity> as Activity);
    const authHeader = req.headers.authorization ?? req.headers.Authorization;
    try {
      const invokeResponse = await this.processActivity(
        typeof authHeader === 'string' ? authHeader : '',
        activity,
        logic,
      );
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (err) {
      if (err instanceof AuthenticationError) return { status: 401, body: err.message };
      throw err;
    }
  }
}
