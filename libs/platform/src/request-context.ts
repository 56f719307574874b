import { randomUUID } from 'node:crypto';
import { containsCpr } from '@sagsspor/domain';
import type { EventMetadata } from '@sagsspor/event-store';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import { validationProblem } from './problem';

/** Correlation and W3C trace context of one HTTP request. */
export interface RequestContext {
  correlationId: string;
  traceId: string;
  /** This request's own traceparent: the caller's trace id, a new span id. */
  traceparent: string;
}

export const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** A caller's X-Correlation-Id that is kept (else a new one is made); the OpenAPI documents state it. */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const header = (request: Request, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A traceparent that continues `incoming` (when valid) with a new span, or starts a new trace. The
 * ids are random hex from a random UUID's (Node draws those from a cached pool of entropy; a
 * `randomBytes` call per id was 3 % of a busy service's CPU): 122 random bits for a trace, 62 for a span.
 */
export function continueTrace(incoming: string | undefined): { traceId: string; traceparent: string } {
  const match = incoming ? TRACEPARENT.exec(incoming) : null;
  const traceId = match && !/^0+$/.test(match[1]) ? match[1] : randomUUID().replace(/-/g, '');
  return { traceId, traceparent: `00-${traceId}-${randomUUID().slice(19).replace('-', '')}-01` };
}

/**
 * The client's address, as the rate limit and the audit log know it: Express's `request.ip`, which
 * takes X-Forwarded-For only from the proxies `trust proxy` counts (TRUST_PROXY_HOPS, 0 by default:
 * the header is ignored), IPv6 narrowed to its /56 network (one subscriber's share).
 */
export function clientAddressOf(request: Request): string {
  return ipKeyGenerator(request.ip ?? request.socket?.remoteAddress ?? 'unknown');
}

export function requestContextOf(request: Request): RequestContext {
  const existing = (request as Request & { sagssporContext?: RequestContext }).sagssporContext;
  if (existing) return existing;
  const offered = header(request, 'x-correlation-id');
  // One that could be a CPR is not taken even for the request's log line (the request itself is refused: request-hygiene).
  const usable = offered && CORRELATION_ID.test(offered) && !containsCpr(offered);
  const context = { correlationId: usable ? offered : randomUUID(), ...continueTrace(header(request, 'traceparent')) };
  (request as Request & { sagssporContext?: RequestContext }).sagssporContext = context;
  return context;
}

/**
 * Gives every request a correlation id and trace context (echoed in the response headers) and logs
 * one line when it ends: route pattern (never the raw URL), status, duration, who called. Never the
 * body or the query string.
 */
export function requestContextMiddleware(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const context = requestContextOf(request);
    response.setHeader('x-correlation-id', context.correlationId);
    response.setHeader('traceparent', context.traceparent);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const principal = (request as Request & { principal?: { subject: string; role: string } }).principal;
      const fields = {
        correlationId: context.correlationId,
        traceId: context.traceId,
        method: request.method,
        route: request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched',
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(principal ? { subject: principal.subject, role: principal.role } : {}),
      };
      if (response.statusCode >= 500) logger.error(fields, 'request failed');
      else logger.info(fields, 'request');
    });
    next();
  };
}

/** Correlation and trace context of an HTTP request, carried into the events it causes. */
export function eventMetadataFrom(request: Request): EventMetadata {
  const context = requestContextOf(request);
  const principal = (request as Request & { principal?: { subject: string; role: string } }).principal;
  return { correlationId: context.correlationId, traceparent: context.traceparent, ...(principal ? { actor: `${principal.role}:${principal.subject}` } : {}) };
}

/** What an Idempotency-Key may be (the OpenAPI documents say so): 1 to 200 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;

/** The caller's idempotency key (header) or a key derived from the caller's own id in the body; 400 for a key that is not IDEMPOTENCY_KEY. */
export function idempotencyKeyFrom(request: Request, scope: string, callerId?: string): string | undefined {
  const key = header(request, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw validationProblem([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-200 visible ASCII characters' }]);
  if (key) return `${scope}:key:${key}`;
  return callerId ? callerIdKey(scope, callerId) : undefined;
}

/** The idempotency key a caller's own id gives (the same for the request alone and as an item of a batch). */
export function callerIdKey(scope: string, callerId: string): string {
  return `${scope}:id:${callerId}`;
}

/**
 * A key within the stream a tenant-scoped id resolved to (ADR 0095): the same key (or caller id)
 * from two tenants is two keys, so one tenant's retry never meets another tenant's answer.
 */
export function idempotencyKeyWithin(streamId: string, key: string | undefined): string | undefined {
  return key === undefined ? undefined : `${streamId}|${key}`;
}
