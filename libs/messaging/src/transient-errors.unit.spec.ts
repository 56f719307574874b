import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isTransientInfrastructureError } from './consumer';

// A consumer retries infrastructure errors without limit and dead-letters only bad messages: a
// transaction whose connection PostgreSQL dropped must count as infrastructure, or a valid message
// would be dead-lettered during a PostgreSQL restart (docs/reliability.md).
describe('isTransientInfrastructureError', () => {
  it.each([
    ['the transaction lost its connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['57P01', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
  ])('%s: transient', (_what, error) => expect(isTransientInfrastructureError(error)).toBe(true));

  it('a bad message or a bug is not', () => {
    expect(isTransientInfrastructureError(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientInfrastructureError(Object.assign(new Error('violates check constraint'), { code: '23514' }))).toBe(false);
  });
});
