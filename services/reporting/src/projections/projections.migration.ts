import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createFirstGenerations } from './projection-store';

/**
 * Read models live in one schema per projection generation (`rm_<projection>_g<n>`); the pointer
 * table says which generation serves. A rebuild fills the next generation and moves the pointer.
 * Replaces the first activity table (a counter, which could not be rebuilt into an equal copy).
 */
export class ProjectionGenerations1764200000000 implements MigrationInterface {
  name = 'ProjectionGenerations1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS activity_counts`);
    await q.query(`
      CREATE TABLE projection_generations (
        projection  text        PRIMARY KEY,
        generation  int         NOT NULL,
        live_schema text        NOT NULL,
        swapped_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE projection_rebuilds (
        rebuild_id     uuid        PRIMARY KEY,
        projection     text        NOT NULL,
        generation     int         NOT NULL,
        target_schema  text        NOT NULL,
        status         text        NOT NULL,
        requested_by   text        NOT NULL,
        started_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        events_read    bigint      NOT NULL DEFAULT 0,
        events_total   bigint      NOT NULL DEFAULT 0,
        error          text
      )`);
    await q.query(`CREATE UNIQUE INDEX one_running_rebuild_per_projection ON projection_rebuilds (projection) WHERE status IN ('reading', 'swapping')`);
    await createFirstGenerations(q);
  }

  async down(q: QueryRunner): Promise<void> {
    const rows: { live_schema: string }[] = await q.query(`SELECT live_schema FROM projection_generations`);
    for (const r of rows) await q.query(`DROP SCHEMA IF EXISTS "${r.live_schema}" CASCADE`);
    await q.query(`DROP TABLE projection_rebuilds`);
    await q.query(`DROP TABLE projection_generations`);
  }
}
