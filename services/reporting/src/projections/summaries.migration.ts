import type { MigrationInterface, QueryRunner } from 'typeorm';
import { factsSummaries } from './domain/facts.tables';
import { createTableStatements } from './domain/projection-tables';
import { sqlIdentifier } from './domain/row-change';
import { summaryBackfillStatement, summaryTable } from './domain/summary-tables';
import { PROJECTION_SWAP_LOCK } from './projection-store';

/**
 * ADR 0046: the summary read models join the facts projection. A database created now has them
 * from the table definitions already (its first generation is created with them); a generation
 * that exists without them (the live one, and one a rebuild is filling) gains each summary, its
 * triggers, and the counts of the fact rows it already holds, with the live writers held back
 * (the swap lock), so the counts and the facts agree from the first moment on.
 */
export class ReportingSummaries1765200000000 implements MigrationInterface {
  name = 'ReportingSummaries1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK]);
    const schemas = ((await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$' ORDER BY 1`)) as { schema_name: string }[]).map((r) => r.schema_name);
    for (const schema of schemas) {
      for (const summary of factsSummaries()) {
        const exists = (await q.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, summary.name])) as unknown[];
        if (exists.length > 0) continue;
        for (const statement of createTableStatements(schema, [summaryTable(summary)])) await q.query(statement);
        await q.query(summaryBackfillStatement(schema, summary));
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const schemas = ((await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$'`)) as { schema_name: string }[]).map((r) => r.schema_name);
    for (const schema of schemas) {
      for (const summary of factsSummaries()) {
        await q.query(`DROP TABLE IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(summary.name)}`);
        for (const suffix of ['on_insert', 'on_update']) {
          await q.query(`DROP TRIGGER IF EXISTS ${sqlIdentifier(`${summary.name}_${suffix}`)} ON ${sqlIdentifier(schema)}.${sqlIdentifier(summary.source)}`);
          await q.query(`DROP FUNCTION IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(`${summary.name}_${suffix}`)}()`);
        }
      }
    }
  }
}
