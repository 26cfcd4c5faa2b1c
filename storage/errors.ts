/** Typed storage errors with messages that say what happened and what to do. */

/** A write carried an eTag that no longer matches: someone changed or deleted the item since it was read. */
export class StaleWriteError extends Error {
  override name = 'StaleWriteError';
  constructor(readonly key: string) {
    super(
      `Refused a stale write to "${key}": it was changed or deleted since it was read (eTag mismatch). ` +
        'Read it again, reapply the change and write with the new eTag.',
    );
  }
}

/** A conversation stayed busy in another turn (here or in another instance) for longer than a lease lasts. */
export class LeaseTimeoutError extends Error {
  override name = 'LeaseTimeoutError';
  constructor(
    readonly key: string,
    waitedMs: number,
  ) {
    super(
      `Gave up waiting ${waitedMs} ms for the turn lease on "${key}": another turn of this conversation still ` +
        'holds it. If no instance is running that turn, the lease expires on its own; try again.',
    );
  }
}
