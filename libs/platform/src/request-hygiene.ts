import { containsCpr, CPR_FIELDS } from '@sagsspor/domain';
import type { NextFunction, Request, Response } from 'express';
import type { ProblemFilter } from './problem';
import { validationProblem } from './problem';


/**
 * The request headers that are stored or published, so are held to the same rules as the body:
 * `idempotency-key` (command_idempotency), `x-correlation-id` (event metadata, Kafka, the audit log,
 * the request log), `traceparent` (event metadata, Kafka).
 */
export const STORED_HEADERS = ['idempotency-key', 'x-correlation-id', 'traceparent'] as const;

/** How deep a request body may nest: the API's deepest DTO is three levels. */
export const MAX_BODY_DEPTH = 16;

/** Field names that reach an object's prototype in JavaScript (prototype pollution). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Control characters on purpose: what the check is for.
// eslint-disable-next-line no-control-regex
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextProblem {
  /** The field, as validation names fields: `note`, `participants[0].organisation`; `(path)` for the URL path. */
  field: string;
  /** The kind of problem (the answer is 400 REQUEST.INVALID naming the field, like any invalid field). */
  kind: 'control-character' | 'invalid-unicode' | 'cpr-outside-cpr-field' | 'too-deep' | 'forbidden-field-name';
  message: string;
}

function checkText(field: string, text: string, cprAllowed: boolean): TextProblem | undefined {
  if (C0_CONTROL.test(text)) return { field, kind: 'control-character', message: `${field} must not contain control characters (such as a NUL byte)` };
  if (LONE_SURROGATE.test(text)) return { field, kind: 'invalid-unicode', message: `${field} must be valid Unicode (it has a lone surrogate)` };
  if (!cprAllowed && containsCpr(text)) return { field, kind: 'cpr-outside-cpr-field', message: `${field} must not contain a CPR number` };
  return undefined;
}

const childField = (parent: string, key: string, isIndex: boolean) => (isIndex ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * The first problem with the text of a request, or undefined: control characters (NUL bytes)
 * and lone surrogates anywhere (PostgreSQL cannot store them, and no field needs them), a body
 * nested deeper than MAX_BODY_DEPTH, `__proto__`/`constructor`/`prototype` as a field name, and a
 * CPR number (any form containsCpr knows) anywhere but a CPR field: path, query string, body, and
 * the headers that are stored. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function requestTextProblem(request: { path: string; url?: string; query?: unknown; body?: unknown; headers?: Record<string, string | string[] | undefined> }): TextProblem | undefined {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    path = request.path;
  }
  // containsCpr reads the path as sent too: it decodes percent escapes itself, also twice-encoded ones.
  const inPath = checkText('(path)', path, false) ?? checkText('(path)', request.path, false);
  if (inPath) return inPath;
  for (const name of STORED_HEADERS) {
    const value = request.headers?.[name];
    for (const text of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      const found = checkText(`(header ${name})`, text, false);
      if (found) return found;
    }
  }
  const stack: { field: string; value: unknown; depth: number; cprAllowed: boolean }[] = [
    { field: '', value: request.query, depth: 0, cprAllowed: false },
    { field: '', value: request.body, depth: 0, cprAllowed: false },
  ];
  while (stack.length > 0) {
    const { field, value, depth, cprAllowed } = stack.pop()!;
    if (typeof value === 'string') {
      const found = checkText(field || '(body)', value, cprAllowed);
      if (found) return found;
    } else if (typeof value === 'number' && !cprAllowed && containsCpr(String(value))) {
      return { field: field || '(body)', kind: 'cpr-outside-cpr-field', message: `${field || '(body)'} must not contain a CPR number` };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_BODY_DEPTH) return { field: field || '(body)', kind: 'too-deep', message: `${field || '(body)'} is nested more than ${MAX_BODY_DEPTH} levels deep` };
      const isIndex = Array.isArray(value);
      for (const [key, child] of Object.entries(value)) {
        const name = childField(field, key, isIndex);
        const keyProblem = checkText(name, key, false);
        if (keyProblem) return keyProblem;
        if (PROTOTYPE_KEYS.has(key)) return { field: name, kind: 'forbidden-field-name', message: `${name} is not a field of any request` };
        stack.push({ field: name, value: child, depth: depth + 1, cprAllowed: isIndex ? cprAllowed : CPR_FIELDS.has(key) });
      }
    }
  }
  // What the query parser may have left out (beyond its limits of depth and count) is still in the URL.
  const query = request.url?.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  if (query && containsCpr(query)) return { field: '(query)', kind: 'cpr-outside-cpr-field', message: '(query) must not contain a CPR number' };
  return undefined;
}

/**
 * Refuses, with 400 problem+json (`REQUEST.INVALID`, naming the field as validation does), a
 * request whose path, query, body or stored headers hold text no field may hold (see requestTextProblem). Runs after body parsing and before routing, guards and handlers,
 * so such text never reaches a handler, the database, an event or the audit log.
 */
export function requestHygieneMiddleware(problems: ProblemFilter) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (/^\/(health|metrics)(\/|$)/.test(request.path)) return next();
    const found = requestTextProblem(request);
    if (!found) return next();
    problems.send(validationProblem([{ field: found.field, message: found.message }]), request, response);
  };
}
