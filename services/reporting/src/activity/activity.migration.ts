import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityCounts1763900001000 implements MigrationInterface {
  name = 'ActivityCounts1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_counts (
        metric    text   NOT NULL,
        dimension text   NOT NULL,
        count     bigint NOT NULL,
        PRIMARY KEY (metric, dimension)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_counts`);
  }
}
