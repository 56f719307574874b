import type { MigrationInterface, QueryRunner } from 'typeorm';
import { activitySummaries } from '../activity/activity.projection';
import { factsSummaries } from './domain/facts.tables';
import { createTableStatements } from './domain/projection-tables';
import { sqlIdentifier } from './domain/row-change';
import { type SummaryDefinition, summaryBackfillStatement, summaryTable } from './domain/summary-tables';
import { PROJECTION_SWAP_LOCK } from './projection-store';

/** Every generation schema of the projections with summaries (the live one, and any a rebuild left), with its summaries. */
async function generationsWithSummaries(q: QueryRunner): Promise<[string, SummaryDefinition[]][]> {
  const rows = (await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_(facts|activity)_g[0-9]+$' ORDER BY 1`)) as { schema_name: string }[];
  return rows.map((r) => [r.schema_name, r.schema_name.startsWith('rm_facts_') ? factsSummaries() : activitySummaries()]);
}

/**
 * ADR 0046: the summary read models join the facts and activity projections. A database created now has them
 * from the table definitions already (its first generation is created with them); a generation
 * that exists without them (the live one, and one a rebuild is filling) gains each summary, its
 * triggers, and the counts of the fact rows it already holds, with the live writers held back
 * (the swap lock), so the counts and the facts agree from the first moment on.
 */
export class ReportingSummaries1765200000000 implements MigrationInterface {
  name = 'ReportingSummaries1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK]);
    for (const [schema, summaries] of await generationsWithSummaries(q)) {
      for (const summary of summaries) {
        const exists = (await q.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, summary.name])) as unknown[];
        if (exists.length > 0) continue;
        for (const statement of createTableStatements(schema, [summaryTable(summary)])) await q.query(statement);
        await q.query(summaryBackfillStatement(schema, summary));
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [schema, summaries] of await generationsWithSummaries(q)) {
      for (const summary of summaries) {
        await q.query(`DROP TABLE IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(summary.name)}`);
        for (const suffix of ['on_insert', 'on_update']) {
          await q.query(`DROP TRIGGER IF EXISTS ${sqlIdentifier(`${summary.name}_${suffix}`)} ON ${sqlIdentifier(schema)}.${sqlIdentifier(summary.source)}`);
          await q.query(`DROP FUNCTION IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(`${summary.name}_${suffix}`)}()`);
        }
      }
    }
  }
}
