import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIdentifier } from './domain/row-change';

/** Every generation schema of a projection (the live one, and any a rebuild left). */
const generationsOf = async (q: QueryRunner, projection: string): Promise<string[]> =>
  ((await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ $1 ORDER BY schema_name`, [`^rm_${projection}_g[0-9]+$`])) as { schema_name: string }[]).map(
    (r) => r.schema_name,
  );

/**
 * ADR 0095: a referral, underretning or gap id is unique within its municipality, an interview id
 * within its police district. The facts tables are keyed with the tenant (facts.tables.ts), and an
 * underretning's activity item is `<municipality>:<id>`. This brings the generations that exist to
 * that shape in place: every row stays (each already holds its tenant; every event that writes one
 * of these rows carries it), only the keys change. A rebuild afterwards gives the same rows.
 */
export class ReportingTenantScopedIds1765100000200 implements MigrationInterface {
  name = 'ReportingTenantScopedIds1765100000200';

  async up(q: QueryRunner): Promise<void> {
    const rekey: [table: string, tenant: string, id: string][] = [
      ['referrals', 'municipality_code', 'referral_id'],
      ['mandatory_referral_gaps', 'municipality_code', 'gap_id'],
      ['video_interviews', 'police_district', 'interview_id'],
    ];
    for (const schema of await generationsOf(q, 'facts')) {
      for (const [table, tenant, id] of rekey) {
        const name = `${sqlIdentifier(schema)}.${sqlIdentifier(table)}`;
        await q.query(`ALTER TABLE ${name} ALTER COLUMN ${tenant} SET NOT NULL, DROP CONSTRAINT ${sqlIdentifier(`${table}_pkey`)}, ADD PRIMARY KEY (${tenant}, ${id})`);
      }
    }
    for (const schema of await generationsOf(q, 'activity')) {
      const facts = `${sqlIdentifier(schema)}.activity_facts`;
      await q.query(
        `UPDATE ${facts} a SET item_id = m.code || ':' || a.item_id
           FROM (SELECT item_id, substring(dimension from '^municipality:(.*)$') AS code FROM ${facts} WHERE metric = 'underretninger-received' AND dimension LIKE 'municipality:%') m
          WHERE a.metric = 'underretninger-received' AND a.item_id = m.item_id`,
      );
    }
  }

  async down(): Promise<void> {
    throw new Error('ReportingTenantScopedIds1765100000200 is one-way: rebuild the facts and activity projections from the topics instead');
  }
}
