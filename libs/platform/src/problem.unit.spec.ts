import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { Logger } from 'pino';
import { ProblemFilter } from './problem';

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
