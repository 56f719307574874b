import { bulkUpsertStatements, type RowUpsert, upsertStatement } from './row-change';

const closure = (caseId: string, revision: number, closedAt: string): RowUpsert => ({
  table: 'case_closures',
  key: { case_id: caseId },
  set: { closed_at: closedAt, revision },
  guard: { column: 'version', version: `${String(revision).padStart(10, '0')}|e` },
});
const seen = (metric: string, itemId: string): RowUpsert => ({ table: 'activity_facts', key: { metric, item_id: itemId, dimension: 'total' }, set: {} });

describe('bulkUpsertStatements', () => {
  it('puts changes of one shape to different rows into one statement, with each row once', () => {
    const statements = bulkUpsertStatements('rm_facts_g2', [closure('a', 1, '2025-01-10'), closure('b', 1, '2025-01-11'), closure('c', 2, '2025-01-12')]);
    expect(statements).toHaveLength(1);
    const single = upsertStatement('rm_facts_g2', closure('a', 1, '2025-01-10'));
    expect(statements[0].sql).toBe(single.sql.replace('VALUES ($1, $2, $3, $4)', 'VALUES ($1, $2, $3, $4), ($5, $6, $7, $8), ($9, $10, $11, $12)'));
    expect(statements[0].params).toEqual(['a', '2025-01-10', 1, '0000000001|e', 'b', '2025-01-11', 1, '0000000001|e', 'c', '2025-01-12', 2, '0000000002|e']);
  });

  it('gives the n-th change to the same row the n-th round, in the order the changes came', () => {
    const statements = bulkUpsertStatements('s', [closure('a', 2, '2025-02-01'), closure('b', 1, '2025-01-11'), closure('a', 1, '2025-01-10'), seen('m', 'x'), seen('m', 'x')]);
    expect(statements.map((s) => [s.sql.match(/"s"\."(\w+)"/)![1], s.params[0]])).toEqual([
      ['case_closures', 'a'], // round 1: a (revision 2) and b
      ['activity_facts', 'm'],
      ['case_closures', 'a'], // round 2: a again (revision 1; the database keeps revision 2)
      ['activity_facts', 'm'],
    ]);
    expect(statements[0].params).toEqual(['a', '2025-02-01', 2, '0000000002|e', 'b', '2025-01-11', 1, '0000000001|e']);
    expect(statements[2].params).toEqual(['a', '2025-01-10', 1, '0000000001|e']);
  });

  it('splits a large shape so that no statement passes PostgreSQL\'s parameter limit', () => {
    const changes = Array.from({ length: 20_000 }, (_, i) => closure(`case-${i}`, 1, '2025-01-10'));
    const statements = bulkUpsertStatements('s', changes);
    expect(statements.length).toBeGreaterThan(1);
    expect(Math.max(...statements.map((s) => s.params.length))).toBeLessThanOrEqual(30_000);
    expect(statements.reduce((n, s) => n + s.params.length, 0)).toBe(20_000 * 4);
  });

  it('has nothing to run for no changes', () => {
    expect(bulkUpsertStatements('s', [])).toEqual([]);
  });
});
