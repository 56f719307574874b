import { type RowUpsert, type SqlValue, sqlIdentifier } from './row-change';
import { type SummaryDefinition, summaryBackfillStatement, summaryMaintenanceStatements } from './summary-tables';

/** A read-model table: its columns (DDL), primary key (the natural id) and the indexes its reports use. */
export interface TableDefinition {
  name: string;
  columns: string[];
  primaryKey: string[];
  indexes?: string[][];
  /** A summary read model: counts of a fact table's rows, kept in step by triggers on it (summary-tables.ts). */
  summaryOf?: SummaryDefinition;
  /**
   * The table is a set of keys: every change to it inserts its key if absent (`set` empty, no
   * guard). A rebuild loads such a table without its primary key and indexes, and without the
   * triggers of the summaries of it, and adds them once it has read the topics (ADR 0047).
   */
  loadedAsSet?: boolean;
}

/** The statements that create a projection's tables in one schema (a generation). */
export function createTableStatements(schema: string, tables: readonly TableDefinition[]): string[] {
  return tables.flatMap((t) => {
    const table = `${sqlIdentifier(schema)}.${sqlIdentifier(t.name)}`;
    return [
      `CREATE TABLE ${table} (${[...t.columns, `PRIMARY KEY (${t.primaryKey.map(sqlIdentifier).join(', ')})`].join(', ')})`,
      ...(t.indexes ?? []).map((columns) => `CREATE INDEX ON ${table} (${columns.map(sqlIdentifier).join(', ')})`),
      ...(t.summaryOf ? summaryMaintenanceStatements(schema, t.summaryOf) : []),
    ];
  });
}

/**
 * The statements that create a projection's tables for a rebuild's load (ADR 0047): as
 * `createTableStatements`, except that a set table (`loadedAsSet`) has no primary key and no
 * indexes, and the summaries of a set table have no triggers yet (`afterLoadStatements` adds them).
 */
export function loadTableStatements(schema: string, tables: readonly TableDefinition[]): string[] {
  const sets = new Set(tables.filter((t) => t.loadedAsSet).map((t) => t.name));
  return tables.flatMap((t) => {
    if (t.loadedAsSet) return [`CREATE TABLE ${sqlIdentifier(schema)}.${sqlIdentifier(t.name)} (${t.columns.join(', ')})`];
    if (t.summaryOf && sets.has(t.summaryOf.source)) return createTableStatements(schema, [{ ...t, summaryOf: undefined }]);
    return createTableStatements(schema, [t]);
  });
}

/**
 * What a loaded generation still lacks once its set tables hold each key once: their indexes,
 * then each summary of a set table filled from it, then the summary's triggers (the primary keys
 * come first, from `setPrimaryKeyStatement`). Run with no writer beside it.
 */
export function afterLoadStatements(schema: string, tables: readonly TableDefinition[]): string[] {
  const sets = tables.filter((t) => t.loadedAsSet);
  const setNames = new Set(sets.map((t) => t.name));
  return [
    ...sets.flatMap((t) => (t.indexes ?? []).map((columns) => `CREATE INDEX ON ${sqlIdentifier(schema)}.${sqlIdentifier(t.name)} (${columns.map(sqlIdentifier).join(', ')})`)),
    ...tables
      .filter((t) => t.summaryOf && setNames.has(t.summaryOf.source))
      .flatMap((t) => [summaryBackfillStatement(schema, t.summaryOf!), ...summaryMaintenanceStatements(schema, t.summaryOf!)]),
  ];
}

/** A loaded set table's primary key, added after the load (the name PostgreSQL gives it is the same as in CREATE TABLE). */
export function setPrimaryKeyStatement(schema: string, table: TableDefinition): string {
  return `ALTER TABLE ${sqlIdentifier(schema)}.${sqlIdentifier(table.name)} ADD PRIMARY KEY (${table.primaryKey.map(sqlIdentifier).join(', ')})`;
}

/** Deletes all but one row of each key of a loaded set table (duplicates from events delivered twice, or events of one item). */
export function setDeduplicateStatement(schema: string, table: TableDefinition): string {
  const t = `${sqlIdentifier(schema)}.${sqlIdentifier(table.name)}`;
  return `DELETE FROM ${t} WHERE ctid IN (SELECT ctid FROM (SELECT ctid, row_number() OVER (PARTITION BY ${table.primaryKey.map(sqlIdentifier).join(', ')}) AS n FROM ${t}) AS numbered WHERE n > 1)`;
}

/**
 * Appends the keys of set-table changes in one statement: `INSERT … SELECT FROM unnest(<one array
 * per key column>)`, no conflict handling (a loaded set table has no key yet). Throws for a change
 * that is not an insert of a whole, non-null key: such a change cannot be loaded as a set.
 */
export function setLoadStatement(schema: string, table: TableDefinition, changes: readonly RowUpsert[]): { sql: string; params: SqlValue[][] } {
  const types = table.primaryKey.map((column) => {
    const definition = table.columns.find((c) => c.split(/\s+/)[0] === column);
    const type = definition && /^\S+\s+(.+?)(?:\s+(?:NOT NULL|NULL|COLLATE|DEFAULT|CHECK)\b.*)?$/.exec(definition)?.[1];
    if (!type || type.endsWith('[]')) throw new Error(`${table.name}.${column} cannot be loaded from an array`);
    return type;
  });
  const params = table.primaryKey.map((): SqlValue[] => []);
  for (const change of changes) {
    if (change.table !== table.name || Object.keys(change.set).length > 0 || change.guard || Object.keys(change.key).length !== table.primaryKey.length) {
      throw new Error(`a change to ${change.table} is not an insert of a key of the set ${table.name}`);
    }
    table.primaryKey.forEach((column, i) => {
      const value = change.key[column];
      if (value === undefined || value === null) throw new Error(`a change to ${table.name} has no ${column}`);
      params[i].push(value as SqlValue);
    });
  }
  const columns = table.primaryKey.map(sqlIdentifier).join(', ');
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return { sql: `INSERT INTO ${sqlIdentifier(schema)}.${sqlIdentifier(table.name)} (${columns}) SELECT * FROM unnest(${arrays})`, params };
}

/** Version columns compare byte-wise, whatever the database's collation. */
export const versionColumn = (name = 'version') => `${name} text COLLATE "C"`;
