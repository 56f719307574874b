import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createGeneration } from '../projections/projection-store';
import { generationSchema, projectionNamed } from '../projections/projections';

/**
 * Money and planning: the settlements projection's first generation (a database created before it
 * existed gets it here; a new one already has it from the generations migration), and the houses'
 * operating budgets per year, every value kept as a version with who set it and when.
 */
export class MoneyAndPlanning1764300000000 implements MigrationInterface {
  name = 'MoneyAndPlanning1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const [live] = await q.query(`SELECT 1 FROM projection_generations WHERE projection = 'settlements'`);
    if (!live) {
      const schema = generationSchema('settlements', 1);
      await createGeneration(q, projectionNamed('settlements')!, schema);
      await q.query(`INSERT INTO projection_generations (projection, generation, live_schema) VALUES ('settlements', 1, $1)`, [schema]);
    }
    await q.query(`
      CREATE TABLE budget_versions (
        house_code           text        NOT NULL,
        year                 int         NOT NULL,
        version              int         NOT NULL,
        operating_budget_dkk bigint      NOT NULL CHECK (operating_budget_dkk > 0),
        expected_cases       int         CHECK (expected_cases > 0),
        note                 text,
        set_by               text        NOT NULL,
        set_at               timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (house_code, year, version)
      )`);
    await q.query(`
      CREATE VIEW current_budgets AS
        SELECT DISTINCT ON (house_code, year) house_code, year, version, operating_budget_dkk, expected_cases, note, set_by, set_at
          FROM budget_versions ORDER BY house_code, year, version DESC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW current_budgets`);
    await q.query(`DROP TABLE budget_versions`);
  }
}
