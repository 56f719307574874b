import type { NextFunction, Request, Response } from 'express';
import type { ProblemFilter } from './problem';
import { validationProblem } from './problem';

/**
 * A CPR number written anywhere in a text (DDMMYY-SSSS or DDMMYYSSSS, a real day and month),
 * not part of a longer run of letters or digits: what must never reach an id, a note, a query
 * string or a path, from where it would travel on to Kafka, the audit log or the reports.
 */
export const CPR_IN_TEXT = /(?<![0-9A-Za-z])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?![0-9A-Za-z])/;

/** Body fields that carry a CPR number on purpose (`childCpr`, `childCprEncrypted`): the only ones a CPR may be in. */
const CPR_FIELD = /cpr/i;

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
  if (!cprAllowed && CPR_IN_TEXT.test(text)) return { field, kind: 'cpr-outside-cpr-field', message: `${field} must not contain a CPR number` };
  return undefined;
}

const childField = (parent: string, key: string, isIndex: boolean) => (isIndex ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * The first problem with the text of a request, or undefined: control characters (NUL bytes)
 * and lone surrogates anywhere (PostgreSQL cannot store them, and no field needs them), a body
 * nested deeper than MAX_BODY_DEPTH, `__proto__`/`constructor`/`prototype` as a field name, and a
 * CPR number anywhere but a CPR field. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function requestTextProblem(request: { path: string; query?: unknown; body?: unknown }): TextProblem | undefined {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    path = request.path;
  }
  const inPath = checkText('(path)', path, false);
  if (inPath) return inPath;
  const stack: { field: string; value: unknown; depth: number; cprAllowed: boolean }[] = [
    { field: '', value: request.query, depth: 0, cprAllowed: false },
    { field: '', value: request.body, depth: 0, cprAllowed: false },
  ];
  while (stack.length > 0) {
    const { field, value, depth, cprAllowed } = stack.pop()!;
    if (typeof value === 'string') {
      const found = checkText(field || '(body)', value, cprAllowed);
      if (found) return found;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_BODY_DEPTH) return { field: field || '(body)', kind: 'too-deep', message: `${field || '(body)'} is nested more than ${MAX_BODY_DEPTH} levels deep` };
      const isIndex = Array.isArray(value);
      for (const [key, child] of Object.entries(value)) {
        const name = childField(field, key, isIndex);
        const keyProblem = checkText(name, key, false);
        if (keyProblem) return keyProblem;
        if (PROTOTYPE_KEYS.has(key)) return { field: name, kind: 'forbidden-field-name', message: `${name} is not a field of any request` };
        stack.push({ field: name, value: child, depth: depth + 1, cprAllowed: isIndex ? cprAllowed : CPR_FIELD.test(key) });
      }
    }
  }
  return undefined;
}

/**
 * Refuses, with 400 problem+json (`REQUEST.INVALID`, naming the field as validation does), a
 * request whose path, query or body holds text no field may hold (see requestTextProblem). Runs after body parsing and before routing, guards and handlers,
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
