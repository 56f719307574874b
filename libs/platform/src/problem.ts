import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ConcurrencyConflictError, failureOf, IdempotencyKeyReusedError } from '@sagsspor/event-store';
import { containsCpr, DomainError } from '@sagsspor/domain';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';

/** One bad field of a request: `field` is a path into the body (`participants[0].mode`); in an uploaded file, also its line and column. */
export interface FieldProblem {
  field: string;
  message: string;
  line?: number;
  column?: string;
}

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldProblem[];
}

/**
 * The longest each part of a problem may be (the OpenAPI documents state these): an answer never
 * grows with what the caller sent (a long path, a body with thousands of bad fields).
 */
export const PROBLEM_LIMITS = { title: 200, detail: 2000, code: 100, instance: 2048, errors: 100, field: 200, message: 500 } as const;

const cut = (text: string, maxLength: number) => (text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`);

const fieldProblemWithinLimits = ({ field, message, line, column }: FieldProblem): FieldProblem => ({
  field: cut(field, PROBLEM_LIMITS.field),
  message: cut(message, PROBLEM_LIMITS.message),
  ...(Number.isInteger(line) ? { line } : {}),
  ...(column === undefined ? {} : { column: cut(column, PROBLEM_LIMITS.field) }),
});

/** The problem within PROBLEM_LIMITS. */
export function boundedProblem(problem: Problem): Problem {
  const { title, detail, code, instance, errors } = problem;
  return {
    ...problem,
    title: cut(title, PROBLEM_LIMITS.title),
    detail: cut(detail, PROBLEM_LIMITS.detail),
    code: cut(code, PROBLEM_LIMITS.code),
    ...(instance === undefined ? {} : { instance: cut(instance, PROBLEM_LIMITS.instance) }),
    ...(errors ? { errors: errors.slice(0, PROBLEM_LIMITS.errors).map(fieldProblemWithinLimits) } : {}),
  };
}

export class ProblemException extends HttpException {
  constructor(readonly problem: Omit<Problem, 'instance'>) {
    super(problem, problem.status);
  }
}

const problemType = (code: string) => `urn:sagsspor:problem:${code.toLowerCase().replace(/[._]/g, '-')}`;

export function problem(status: number, code: string, title: string, detail: string, errors?: FieldProblem[]): ProblemException {
  return new ProblemException({ type: problemType(code), title, status, detail, code, ...(errors ? { errors } : {}) });
}

export function validationProblem(errors: FieldProblem[]): ProblemException {
  const fields = [...new Set(errors.map((e) => e.field))];
  return problem(HttpStatus.BAD_REQUEST, 'REQUEST.INVALID', 'The request is invalid', `Check these fields: ${fields.join(', ')}`, errors);
}

/** Flattens class-validator's tree into one entry per failed constraint, with a path per field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Maps every error to problem+json in one place; internals never reach the caller. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /** Also used as the Express error handler, for errors raised before Nest's routing (body parsing). */
  send(exception: unknown, request: Request, response: Response): void {
    const path = request.originalUrl?.split('?')[0];
    // An answer never shows a CPR: not even back to whoever sent it in the path (refused at the door).
    const body = boundedProblem({ ...problemOf(exception), instance: path !== undefined && containsCpr(path) ? undefined : path });
    if (body.status >= 500) {
      this.logger.error({ err: { message: (exception as Error)?.message, stack: (exception as Error)?.stack }, path: body.instance }, 'request failed');
    }
    if (body.status === 503) response.setHeader('Retry-After', '5');
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}

/** The problem details for any error: the one mapping the HTTP answers and a batch's item results share. */
export function problemOf(exception: unknown): Omit<Problem, 'instance'> {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof DomainError) {
    const status = exception.kind === 'not-found' ? 404 : exception.kind === 'invalid' ? 422 : 409;
    return { type: problemType(exception.code), title: status === 404 ? 'Not found' : 'The request cannot be carried out', status, detail: exception.message, code: exception.code };
  }
  if (exception instanceof ConcurrencyConflictError) {
    return { type: problemType(exception.code), title: 'Conflicting change', status: 409, detail: exception.message, code: exception.code };
  }
  if (exception instanceof IdempotencyKeyReusedError) {
    return { type: problemType(exception.code), title: 'Idempotency key reused', status: 422, detail: exception.message, code: exception.code };
  }
  const bodyParserError = exception as { type?: string; status?: number; limit?: number };
  if (bodyParserError?.type === 'entity.too.large') {
    return problem(413, 'REQUEST.TOO_LARGE', 'The request body is too large', `The body may be at most ${bodyParserError.limit} bytes`).problem;
  }
  if (bodyParserError?.type === 'charset.unsupported' || bodyParserError?.type === 'encoding.unsupported') {
    return problem(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'The body\'s charset or encoding is not supported', 'Send the body as UTF-8, uncompressed or with Content-Encoding gzip, deflate or br').problem;
  }
  if (bodyParserError?.type === 'entity.parse.failed') {
    return problem(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', 'Send a JSON object with Content-Type: application/json').problem;
  }
  if (exception instanceof BadRequestException) {
    return problem(400, 'REQUEST.INVALID', 'The request is invalid', exception.message).problem;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return problem(status, `HTTP.${status}`, exception.message, exception.message).problem;
  }
  // The retry policy's own classes (libs/event-store): the database away, or a race still lost
  // after the unit of work's retries, is a 503 to retry, not a 500 (docs/reliability.md).
  if (failureOf(exception) !== 'other') {
    return problem(503, 'SERVICE.UNAVAILABLE', 'Temporarily unavailable', 'A backing service is unavailable. Retry after a few seconds; nothing was written.').problem;
  }
  return problem(500, 'SERVICE.INTERNAL_ERROR', 'Internal error', 'Something went wrong on our side. It has been logged.').problem;
}
