import { joinWrites } from './write-fragment';

describe('joinWrites', () => {
  it('joins fragments into one statement, numbering each fragment\'s parameters after the ones before it', () => {
    const joined = joinWrites([
      { parts: [{ name: 'appended', sql: 'INSERT INTO events (a, b) VALUES ($1, $2)' }], params: ['a', 'b'] },
      {
        parts: [
          { name: 'vault_touched', sql: 'UPDATE child_vault SET x = $2 WHERE child_ref = $1 RETURNING child_ref' },
          { name: 'vault_stored', sql: 'INSERT INTO child_vault (child_ref) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM vault_touched)' },
        ],
        params: ['ref', 'x'],
      },
    ]);
    expect(joined.sql).toBe(
      'WITH appended AS (INSERT INTO events (a, b) VALUES ($1, $2)),\n' +
        'vault_touched AS (UPDATE child_vault SET x = $4 WHERE child_ref = $3 RETURNING child_ref),\n' +
        'vault_stored AS (INSERT INTO child_vault (child_ref) SELECT $3 WHERE NOT EXISTS (SELECT 1 FROM vault_touched)) SELECT 1',
    );
    expect(joined.params).toEqual(['a', 'b', 'ref', 'x']);
  });
});
