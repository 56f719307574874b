import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseSitesTable } from './domain/facts.tables';
import { createTableStatements } from './domain/projection-tables';
import { sqlIdentifier } from './domain/row-change';
import { PROJECTION_SWAP_LOCK } from './projection-store';

/**
 * ADR 0075: the facts projection holds where each case is (`case_sites`, from
 * case-site-assigned.v1). A database created now has the table from the table definitions; a
 * generation that exists without it (the live one, and one a rebuild is filling) gains it empty:
 * no event before this release put a case at a site, so an empty table is the projection of the
 * history (every case at its house's main site).
 */
export class ReportingCaseSites1765400000000 implements MigrationInterface {
  name = 'ReportingCaseSites1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK]);
    const schemas = (await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$' ORDER BY 1`)) as { schema_name: string }[];
    for (const { schema_name: schema } of schemas) {
      const exists = (await q.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, caseSitesTable.name])) as unknown[];
      if (exists.length > 0) continue;
      for (const statement of createTableStatements(schema, [caseSitesTable])) await q.query(statement);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const schemas = (await q.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^rm_facts_g[0-9]+$'`)) as { schema_name: string }[];
    for (const { schema_name: schema } of schemas) await q.query(`DROP TABLE IF EXISTS ${sqlIdentifier(schema)}.${sqlIdentifier(caseSitesTable.name)}`);
  }
}
