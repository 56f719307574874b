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

/** `INSERT ... ON CONFLICT (key) DO UPDATE SET <owned columns> [WHERE the stored version is lower]`. */
export function upsertStatement(schema: string, change: RowUpsert): { sql: string; params: SqlValue[] } {
  const table = `${sqlIdentifier(schema)}.${sqlIdentifier(change.table)}`;
  const keyColumns = Object.keys(change.key);
  const setColumns = Object.keys(change.set);
  const columns = [...keyColumns, ...setColumns, ...(change.guard ? [change.guard.column] : [])];
  const params = [...keyColumns.map((c) => change.key[c]), ...setColumns.map((c) => change.set[c]), ...(change.guard ? [change.guard.version] : [])];
  const insert = `INSERT INTO ${table} AS stored (${columns.map(sqlIdentifier).join(', ')}) VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')})`;
  const conflict = `ON CONFLICT (${keyColumns.map(sqlIdentifier).join(', ')})`;
  if (setColumns.length === 0) return { sql: `${insert} ${conflict} DO NOTHING`, params };
  const updated = [...setColumns, ...(change.guard ? [change.guard.column] : [])].map((c) => `${sqlIdentifier(c)} = EXCLUDED.${sqlIdentifier(c)}`).join(', ');
  const guard = change.guard
    ? ` WHERE stored.${sqlIdentifier(change.guard.column)} IS NULL OR stored.${sqlIdentifier(change.guard.column)} < EXCLUDED.${sqlIdentifier(change.guard.column)}`
    : '';
  return { sql: `${insert} ${conflict} DO UPDATE SET ${updated}${guard}`, params };
}
