import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseSitesTable } from './domain/facts.tables';
import { addToEveryFactsGeneration, dropFromEveryFactsGeneration } from './new-facts-table';

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
    await addToEveryFactsGeneration(q, caseSitesTable);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropFromEveryFactsGeneration(q, caseSitesTable);
  }
}
