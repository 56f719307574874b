/** Another writer appended to the stream first: reload and decide again, or tell the caller. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'EVENT_STORE.CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    /** The caller named the version it expected (optimistic concurrency across requests): deciding again would not help. */
    readonly expectedByCaller = false,
  ) {
    super(`Stream '${streamId}' was changed by someone else: it is no longer at version ${expectedVersion}. Reload and try again.`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** An idempotency key (or the caller's own id) was used again for a different request. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED';
  constructor(readonly idempotencyKey: string) {
    super(`The key '${idempotencyKey}' was already used for a different request. Use a new key (or id) for a new request.`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
