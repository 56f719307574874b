import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@sagsspor/event-store';
import type { Request } from 'express';

/** Correlation and trace context of an HTTP request, carried into the events it causes. */
export function eventMetadataFrom(request: Request): EventMetadata {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    correlationId: header('x-correlation-id') ?? randomUUID(),
    traceparent: header('traceparent'),
  };
}

/** The caller's idempotency key (header) or a key derived from the caller's own id in the body. */
export function idempotencyKeyFrom(request: Request, scope: string, callerId?: string): string | undefined {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key) return `${scope}:key:${key}`;
  return callerId ? `${scope}:id:${callerId}` : undefined;
}
