import { afterLoadStatements, createTableStatements, loadTableStatements, setDeduplicateStatement, setLoadStatement, setPrimaryKeyStatement, type TableDefinition } from './projection-tables';
import { type SummaryDefinition, summaryBackfillStatement, summaryMaintenanceStatements, summaryTable } from './summary-tables';

const items: TableDefinition = { name: 'items', columns: ['metric text NOT NULL', 'item_id text COLLATE "C" NOT NULL', 'day date NOT NULL'], primaryKey: ['metric', 'item_id', 'day'], indexes: [['day']], loadedAsSet: true };
const perDay: SummaryDefinition = { name: 'items_per_day', source: 'items', keys: [{ column: 'day', type: 'date', expression: 'day' }], count: 'n' };
const other: TableDefinition = { name: 'other', columns: ['id text NOT NULL', 'at date'], primaryKey: ['id'], indexes: [['at']] };
const tables = [items, summaryTable(perDay), other];

describe('loading a set table in a rebuild (ADR 0047)', () => {
  it('creates a set table bare, its summaries without triggers, and every other table as usual', () => {
    expect(loadTableStatements('g', tables)).toEqual([
      'CREATE TABLE "g"."items" (metric text NOT NULL, item_id text COLLATE "C" NOT NULL, day date NOT NULL)',
      'CREATE TABLE "g"."items_per_day" (day date NOT NULL, n int NOT NULL, PRIMARY KEY ("day"))',
      ...createTableStatements('g', [other]),
    ]);
  });

  it('completes it with what createTableStatements has and the load left out: indexes, then each summary counted and its triggers', () => {
    expect(setPrimaryKeyStatement('g', items)).toBe('ALTER TABLE "g"."items" ADD PRIMARY KEY ("metric", "item_id", "day")');
    expect(afterLoadStatements('g', tables)).toEqual(['CREATE INDEX ON "g"."items" ("day")', summaryBackfillStatement('g', perDay), ...summaryMaintenanceStatements('g', perDay)]);
    const everything = new Set(createTableStatements('g', tables));
    for (const statement of afterLoadStatements('g', tables).filter((s) => s !== summaryBackfillStatement('g', perDay))) expect(everything.has(statement)).toBe(true);
    expect(afterLoadStatements('g', [other])).toEqual([]);
  });

  it('keeps one row per key when deduplicating', () => {
    expect(setDeduplicateStatement('g', items)).toBe(
      'DELETE FROM "g"."items" WHERE ctid IN (SELECT ctid FROM (SELECT ctid, row_number() OVER (PARTITION BY "metric", "item_id", "day") AS n FROM "g"."items") AS numbered WHERE n > 1)',
    );
  });

  it('appends the keys of a batch in one INSERT from one array per key column, typed as the columns', () => {
    const change = (id: string, day: string) => ({ table: 'items', key: { metric: 'm', item_id: id, day }, set: {} });
    expect(setLoadStatement('g', items, [change('a', '2025-01-01'), change('b', '2025-01-02'), change('a', '2025-01-01')])).toEqual({
      sql: 'INSERT INTO "g"."items" ("metric", "item_id", "day") SELECT * FROM unnest($1::text[], $2::text[], $3::date[])',
      params: [
        ['m', 'm', 'm'],
        ['a', 'b', 'a'],
        ['2025-01-01', '2025-01-02', '2025-01-01'],
      ],
    });
  });

  it('refuses a change that is not the insert of a whole key', () => {
    const key = { metric: 'm', item_id: 'a', day: '2025-01-01' };
    expect(() => setLoadStatement('g', items, [{ table: 'items', key, set: { day: '2025-01-02' } }])).toThrow(/not an insert of a key/);
    expect(() => setLoadStatement('g', items, [{ table: 'items', key, set: {}, guard: { column: 'v', version: '1' } }])).toThrow(/not an insert of a key/);
    expect(() => setLoadStatement('g', items, [{ table: 'other', key: { id: 'x' }, set: {} }])).toThrow(/not an insert of a key/);
    expect(() => setLoadStatement('g', items, [{ table: 'items', key: { ...key, item_id: null }, set: {} }])).toThrow(/has no item_id/);
  });
});
