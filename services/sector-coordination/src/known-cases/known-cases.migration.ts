import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The cases this service knows from case-lifecycle's events (known-cases.projection.ts). */
export class KnownCases1764200000000 implements MigrationInterface {
  name = 'KnownCases1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_cases (
        case_id           uuid        PRIMARY KEY,
        house_code        text        NOT NULL,
        municipality_code text        NOT NULL,
        opened_at         date        NOT NULL,
        closed_at         date,
        closure_revision  integer,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_cases`);
  }
}
