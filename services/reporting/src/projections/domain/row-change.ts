// A projection turns an integration event into row changes: upserts into tables keyed by the
// natural id of what the event describes. Each event writes only the columns it owns, and a
// column that several events may write is guarded by a version (the revision, or the event's
// time and id), so the same set of events gives the same rows in any order and any number of
// deliveries. Pure: the SQL is built here and run by the projection store.

export type SqlValue = string | number | boolean | null | readonly string[];

export interface RowUpsert {
  table: string;
  /** The natural id of the row (its primary key). */
  key: Record<string, SqlValue>;
  /** The columns this event owns. */
  set: Record<string, SqlValue>;
  /** When given, `set` only overwrites a row whose stored version is lower (or absent). */
  guard?: { column: string; version: string };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function sqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: '${name}'`);
  return `"${name}"`;
}

/** A version that orders by revision, then event id (a tie between two events of one revision is still decided the same way every time). */
export function revisionVersion(revision: number, eventId: string): string {
  return `${String(revision).padStart(10, '0')}|${eventId}`;
}

/** For facts without a revision: the later event wins (CloudEvents time, then event id). */
export function timeVersion(time: string, eventId: string): string {
  return `${new Date(time).toISOString()}|${eventId}`;
}

/** The values of an upsert's row, in the order of its columns: key, owned columns, version. */
function parametersOf(change: RowUpsert): SqlValue[] {
  const params = [...Object.values(change.key), ...Object.values(change.set)];
  if (change.guard) params.push(change.guard.version);
  return params;
}

/** `INSERT ... ON CONFLICT (key) DO UPDATE SET <owned columns> [WHERE the stored version is lower]`. */
export function upsertStatement(schema: string, change: RowUpsert): { sql: string; params: SqlValue[] } {
  const table = `${sqlIdentifier(schema)}.${sqlIdentifier(change.table)}`;
  const keyColumns = Object.keys(change.key);
  const setColumns = Object.keys(change.set);
  const columns = [...keyColumns, ...setColumns, ...(change.guard ? [change.guard.column] : [])];
  const params = parametersOf(change);
  const insert = `INSERT INTO ${table} AS stored (${columns.map(sqlIdentifier).join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})`;
  const conflict = `ON CONFLICT (${keyColumns.map(sqlIdentifier).join(', ')})`;
  if (setColumns.length === 0) return { sql: `${insert} ${conflict} DO NOTHING`, params };
  const updated = [...setColumns, ...(change.guard ? [change.guard.column] : [])].map((c) => `${sqlIdentifier(c)} = EXCLUDED.${sqlIdentifier(c)}`).join(', ');
  const guard = change.guard
    ? ` WHERE stored.${sqlIdentifier(change.guard.column)} IS NULL OR stored.${sqlIdentifier(change.guard.column)} < EXCLUDED.${sqlIdentifier(change.guard.column)}`
    : '';
  return { sql: `${insert} ${conflict} DO UPDATE SET ${updated}${guard}`, params };
}

/** PostgreSQL takes at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

/**
 * The same upserts as `upsertStatement` one by one, as few multi-row statements: changes of the
 * same shape (table, columns, guard) share a statement. A statement may hold a row only once, so
 * the n-th change to a row goes into the n-th round; rounds run in order, which keeps the order
 * of changes to each row, and the guard is still decided by the database. Changes of different
 * shapes write different columns or are guarded, so their relative order does not matter
 * (the projections' order-independence, which the property tests check).
 */
export function bulkUpsertStatements(schema: string, changes: readonly RowUpsert[]): { sql: string; params: SqlValue[] }[] {
  const rounds: Map<string, RowUpsert[]>[] = [];
  const seen = new Map<string, number>();
  for (const change of changes) {
    const shape = [change.table, Object.keys(change.key).join(','), Object.keys(change.set).join(','), change.guard?.column ?? ''].join('|');
    const row = `${shape}|${JSON.stringify(Object.values(change.key))}`;
    const round = seen.get(row) ?? 0;
    seen.set(row, round + 1);
    rounds[round] ??= new Map();
    const shapes = rounds[round];
    if (!shapes.has(shape)) shapes.set(shape, []);
    shapes.get(shape)!.push(change);
  }
  const statements: { sql: string; params: SqlValue[] }[] = [];
  for (const shapes of rounds) {
    for (const sameShape of shapes.values()) {
      const columnsPerRow = parametersOf(sameShape[0]).length;
      const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columnsPerRow));
      for (let i = 0; i < sameShape.length; i += rowsPerStatement) statements.push(multiRowUpsert(schema, sameShape.slice(i, i + rowsPerStatement)));
    }
  }
  return statements;
}

function multiRowUpsert(schema: string, sameShape: readonly RowUpsert[]): { sql: string; params: SqlValue[] } {
  const first = upsertStatement(schema, sameShape[0]);
  const width = first.params.length;
  const params = sameShape.flatMap(parametersOf);
  const rows = sameShape.map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const sql = first.sql.replace(/VALUES \([^)]*\)/, `VALUES ${rows}`);
  return { sql, params };
}
