import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIdentifier } from '../projections/domain/row-change';
import { ReportingSummaries1765200000000 } from '../projections/summaries.migration';
import { referralSummaries } from './referral-summaries';

/**
 * ADR 0073: `referrals_by_day` and `closed_cases_by_kind` join the facts projection. A generation
 * created now has them from the table definitions; one that exists without them (the live one, or
 * one a rebuild is filling) gains them, their triggers and the counts of the facts it holds, with
 * the live writers held back: the summaries migration does exactly that for every summary a
 * generation lacks, so it runs again.
 */
export class ReportingReferralSummaries1765300007300 implements MigrationInterface {
  name = 'ReportingReferralSummaries1765300007300';

  async up(q: QueryRunner): Promise<void> {
    await new ReportingSummaries1765200000000().up(q);
  }

  async down(q: QueryRunner): Promise<void> {
    const schemas = (await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$' ORDER BY 1`)) as { schema_name: string }[];
    for (const { schema_name: schema } of schemas) {
      for (const summary of referralSummaries()) {
        await q.query(`DROP TABLE IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(summary.name)}`);
        for (const suffix of ['on_insert', 'on_update']) {
          await q.query(`DROP TRIGGER IF EXISTS ${sqlIdentifier(`${summary.name}_${suffix}`)} ON ${sqlIdentifier(schema)}.${sqlIdentifier(summary.source)}`);
          await q.query(`DROP FUNCTION IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(`${summary.name}_${suffix}`)}()`);
        }
      }
    }
  }
}
