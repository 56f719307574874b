import type { TableDefinition } from './projection-tables';
import { sqlIdentifier } from './row-change';

// Summary read models (ADR 0046): a count of a fact table's rows per key (a year, a day, a house,
// a municipality, a lead time), kept by PostgreSQL itself in the statement that changes the facts.
// A statement-level trigger on the fact table adds +1 for every row the statement inserted or
// wrote and −1 for the version it replaced (the transition tables hold exactly the rows the guarded
// upsert changed), grouped by key, and drops keys whose count reaches 0. So a summary is always the
// GROUP BY of its fact table, in any order, batching or number of deliveries of the events, in
// every generation schema (the trigger is created with the table), live and in a rebuild.

export interface SummaryKey {
  column: string;
  /** SQL type of the key column. */
  type: string;
  /** SQL over one row of the fact table that gives the key (rows where it is NULL are not counted). */
  expression: string;
}

export interface SummaryDefinition {
  name: string;
  /** The fact table counted (in the same schema, created before the summary). */
  source: string;
  keys: SummaryKey[];
  /** The count column. */
  count: string;
}

/** The summary as a read-model table: its keys, then the count; keyed by all keys, in order. */
export function summaryTable(summary: SummaryDefinition): TableDefinition {
  return {
    name: summary.name,
    columns: [...summary.keys.map((k) => `${k.column} ${k.type} NOT NULL`), `${summary.count} int NOT NULL`],
    primaryKey: summary.keys.map((k) => k.column),
    summaryOf: summary,
  };
}

/** The rows of `relation` (the fact table or a transition table) as (keys..., delta). */
function keyedRows(summary: SummaryDefinition, relation: string, delta: 1 | -1): string {
  const keys = summary.keys.map((k) => `(${k.expression})`);
  return `SELECT ${keys.map((e, i) => `${e} AS ${sqlIdentifier(summary.keys[i].column)}`).join(', ')}, ${delta} AS delta FROM ${relation} WHERE ${keys.map((e) => `${e} IS NOT NULL`).join(' AND ')}`;
}

/** Adds the grouped deltas of `rows` to the summary, in key order (concurrent writers lock keys in one order). */
function addDeltas(summary: SummaryDefinition, table: string, rows: string): string {
  const columns = summary.keys.map((k) => sqlIdentifier(k.column));
  const positions = columns.map((_, i) => String(i + 1)).join(', ');
  const count = sqlIdentifier(summary.count);
  return `INSERT INTO ${table} AS stored (${[...columns, count].join(', ')})
    SELECT ${columns.join(', ')}, sum(delta)::int FROM (${rows}) AS changed GROUP BY ${positions} HAVING sum(delta) <> 0 ORDER BY ${positions}
    ON CONFLICT (${columns.join(', ')}) DO UPDATE SET ${count} = stored.${count} + EXCLUDED.${count}`;
}

/** The function, triggers and index that keep a summary in step with its fact table, in one schema. */
export function summaryMaintenanceStatements(schema: string, summary: SummaryDefinition): string[] {
  const s = sqlIdentifier(schema);
  const table = `${s}.${sqlIdentifier(summary.name)}`;
  const source = `${s}.${sqlIdentifier(summary.source)}`;
  const count = sqlIdentifier(summary.count);
  const onInsert = `${s}.${sqlIdentifier(`${summary.name}_on_insert`)}`;
  const onUpdate = `${s}.${sqlIdentifier(`${summary.name}_on_update`)}`;
  const dropEmpty = `DELETE FROM ${table} WHERE ${count} = 0`;
  // An insert only adds: no key can reach 0, so only an update looks for keys to drop.
  const body = (rows: string, dropping: boolean) => `BEGIN\n  ${addDeltas(summary, table, rows)};\n${dropping ? `  ${dropEmpty};\n` : ''}  RETURN NULL;\nEND`;
  return [
    `CREATE INDEX ON ${table} (${count}) WHERE ${count} = 0`,
    `CREATE FUNCTION ${onInsert}() RETURNS trigger LANGUAGE plpgsql AS $summary$\n${body(keyedRows(summary, 'new_rows', 1), false)}\n$summary$`,
    `CREATE FUNCTION ${onUpdate}() RETURNS trigger LANGUAGE plpgsql AS $summary$\n${body(`${keyedRows(summary, 'new_rows', 1)} UNION ALL ${keyedRows(summary, 'old_rows', -1)}`, true)}\n$summary$`,
    `CREATE TRIGGER ${sqlIdentifier(`${summary.name}_on_insert`)} AFTER INSERT ON ${source} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${onInsert}()`,
    `CREATE TRIGGER ${sqlIdentifier(`${summary.name}_on_update`)} AFTER UPDATE ON ${source} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${onUpdate}()`,
  ];
}

/** Fills a new, empty summary from the rows its fact table already holds (a migration adding it to a generation). */
export function summaryBackfillStatement(schema: string, summary: SummaryDefinition): string {
  const s = sqlIdentifier(schema);
  return addDeltas(summary, `${s}.${sqlIdentifier(summary.name)}`, keyedRows(summary, `${s}.${sqlIdentifier(summary.source)}`, 1));
}
