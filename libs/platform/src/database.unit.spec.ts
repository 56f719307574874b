import { availableParallelism } from 'node:os';
import { databasePoolSize } from './database';

describe('databasePoolSize', () => {
  it('is twice the cores plus one unless DATABASE_POOL_SIZE says otherwise', () => {
    expect(databasePoolSize({})).toBe(2 * availableParallelism() + 1);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: '12' })).toBe(12);
  });

  it.each(['0', '1', '501', '4.5', 'ten', ''])('stops the service at start on DATABASE_POOL_SIZE=%p, naming the variable', (value) => {
    expect(() => databasePoolSize({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE must be a whole number from 2 to 500/);
  });
});
