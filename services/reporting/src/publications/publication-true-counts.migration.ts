import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0048: each publication keeps its true counts (`true_cells`: every cell of the linked tables
 * with its count and place in the totals), so that a correction can be checked together with the
 * year's earlier publications. Never served; null for a publication made before.
 */
export class PublicationTrueCounts1765300000000 implements MigrationInterface {
  name = 'PublicationTrueCounts1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publications ADD COLUMN true_cells jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publications DROP COLUMN true_cells`);
  }
}
