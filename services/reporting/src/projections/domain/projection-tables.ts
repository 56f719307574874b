import { sqlIdentifier } from './row-change';
import { type SummaryDefinition, summaryMaintenanceStatements } from './summary-tables';

/** A read-model table: its columns (DDL), primary key (the natural id) and the indexes its reports use. */
export interface TableDefinition {
  name: string;
  columns: string[];
  primaryKey: string[];
  indexes?: string[][];
  /** A summary read model: counts of a fact table's rows, kept in step by triggers on it (summary-tables.ts). */
  summaryOf?: SummaryDefinition;
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

/** Version columns compare byte-wise, whatever the database's collation. */
export const versionColumn = (name = 'version') => `${name} text COLLATE "C"`;
