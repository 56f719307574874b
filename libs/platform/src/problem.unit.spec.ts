import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { Logger } from 'pino';
import { boundedProblem, PROBLEM_LIMITS, ProblemFilter, validationProblem } from './problem';

// What a caller gets when PostgreSQL goes away mid-request (found by the fault suite,
// docs/reliability.md): a 503 with Retry-After, never a 500.

function answerTo(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: { code: string; status: number } } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => void (sent.body = JSON.parse(body)),
  };
  const logger = { error: () => undefined } as unknown as Logger;
  new ProblemFilter(logger).send(exception, { originalUrl: '/v1/things' } as never, response as never);
  return sent;
}

describe('ProblemFilter: a backing service away is a 503 to retry', () => {
  it.each([
    ['a transaction whose connection PostgreSQL dropped (TypeORM released it)', new QueryRunnerProviderAlreadyReleasedError()],
    ['PostgreSQL terminating the connection (57P01)', Object.assign(new QueryFailedError('INSERT', [], new Error('terminating connection due to administrator command')), { driverError: { code: '57P01' } })],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a client whose connection broke', new Error('Client has encountered a connection error and is not queryable')],
    ['a connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s: 503 SERVICE.UNAVAILABLE with Retry-After', (_what, exception) => {
    const answer = answerTo(exception);
    expect(answer.status).toBe(503);
    expect(answer.headers['Retry-After']).toBe('5');
    expect(answer.body).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
  });

  it('a bug is still a 500', () => {
    expect(answerTo(new TypeError('cannot read properties of undefined')).status).toBe(500);
  });
});

describe('ProblemFilter: answers stay within what the OpenAPI documents say (PROBLEM_LIMITS)', () => {
  it.each([
    ['an unsupported charset', { type: 'charset.unsupported', status: 415, charset: 'latin1' }],
    ['an unsupported Content-Encoding', { type: 'encoding.unsupported', status: 415 }],
  ])('%s in a body is a 415 REQUEST.UNSUPPORTED_MEDIA_TYPE, not a 500', (_what, bodyParserError) => {
    expect(answerTo(Object.assign(new Error('unsupported'), bodyParserError))).toMatchObject({ status: 415, body: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('cuts a long detail, title and path and caps the list of bad fields', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ field: `f${i}`.repeat(100), message: 'm'.repeat(5000) }));
    const bounded = boundedProblem({ ...validationProblem(errors).problem, title: 't'.repeat(1000), instance: `/${'p'.repeat(10_000)}` });
    expect(bounded.detail.length).toBe(PROBLEM_LIMITS.detail);
    expect(bounded.title.length).toBe(PROBLEM_LIMITS.title);
    expect(bounded.instance!.length).toBe(PROBLEM_LIMITS.instance);
    expect(bounded.errors).toHaveLength(PROBLEM_LIMITS.errors);
    expect(Math.max(...bounded.errors!.map((e) => e.field.length))).toBe(PROBLEM_LIMITS.field);
    expect(Math.max(...bounded.errors!.map((e) => e.message.length))).toBe(PROBLEM_LIMITS.message);
  });
});
