import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { ConcurrencyConflictError } from './errors';
import { failureOf, sqlStateOf } from './unit-of-work';

const pgError = (code: string, message = 'pg', constraint?: string) => Object.assign(new Error(message), { code, ...(constraint ? { constraint } : {}) });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

// One policy for every writer (docs/adr/0091): a lost race runs the unit of work again, an absent
// database is waited for (consumers, scheduler) or answered 503 (HTTP), anything else is not retried.
describe('failureOf', () => {
  it.each([
    ['a concurrent append to the same stream', new ConcurrencyConflictError('s', 1)],
    ['the same idempotency key committed first', pgError('23505', 'duplicate key', 'command_idempotency_pkey')],
    ['the same unique id committed first (TypeORM-wrapped)', wrapped(pgError('23505', 'duplicate key', 'conference_ids_pkey'))],
    ['a serialization failure', pgError('40001')],
    ['a deadlock PostgreSQL broke', wrapped(pgError('40P01'))],
  ])('%s: conflict', (_what, error) => expect(failureOf(error)).toBe('conflict'));

  it.each([
    ['the transaction lost its connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['57P01', pgError('57P01', 'terminating connection due to administrator command')],
    ['08006 inside TypeORM', wrapped(pgError('08006'))],
    ['too many connections', pgError('53300')],
    ['refused', pgError('ECONNREFUSED', 'connect ECONNREFUSED')],
  ])('%s: unavailable', (_what, error) => expect(failureOf(error)).toBe('unavailable'));

  it('a version the caller named, a bad message or a bug is neither', () => {
    expect(failureOf(new ConcurrencyConflictError('s', 1, true))).toBe('other');
    expect(failureOf(new TypeError('x is undefined'))).toBe('other');
    expect(failureOf(pgError('23514', 'violates check constraint'))).toBe('other');
    expect(failureOf(undefined)).toBe('other');
  });

  it('reads the SQLSTATE from pg and from TypeORM', () => {
    expect(sqlStateOf(pgError('40001'))).toBe('40001');
    expect(sqlStateOf(wrapped(pgError('40P01')))).toBe('40P01');
    expect(sqlStateOf(new Error('no code'))).toBeUndefined();
  });
});
