import type { QueryRunner } from 'typeorm';
import { createTableStatements, type TableDefinition } from './domain/projection-tables';
import { sqlIdentifier } from './domain/row-change';
import { PROJECTION_SWAP_LOCK } from './projection-store';

// A facts table added after generations exist (ADR 0075, 0076): a database created now has it from
// the table definitions; a generation that exists without it (the live one, and one a rebuild is
// filling) gains it empty, under the swap lock. Empty is the projection of the history when no
// event before the release wrote the table.

const factsGenerations = async (q: QueryRunner) =>
  ((await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$' ORDER BY 1`)) as { schema_name: string }[]).map((r) => r.schema_name);

export async function addToEveryFactsGeneration(q: QueryRunner, table: TableDefinition): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK]);
  for (const schema of await factsGenerations(q)) {
    const exists = (await q.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, table.name])) as unknown[];
    if (exists.length > 0) continue;
    for (const statement of createTableStatements(schema, [table])) await q.query(statement);
  }
}

export async function dropFromEveryFactsGeneration(q: QueryRunner, table: TableDefinition): Promise<void> {
  for (const schema of await factsGenerations(q)) await q.query(`DROP TABLE IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(table.name)}`);
}
