import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createGeneration } from '../projections/projection-store';
import { generationSchema, projectionNamed } from '../projections/projections';

/**
 * The reasons projection's first generation (ADR 0074) for a database created before it existed (a
 * new one has it from the generations migration). Its first generation starts empty: a rebuild
 * (POST /v1/admin/rebuilds, projection `reasons`) reads the topics from the beginning.
 */
export class ReasonsProjection1765300074000 implements MigrationInterface {
  name = 'ReasonsProjection1765300074000';

  async up(q: QueryRunner): Promise<void> {
    const [live] = await q.query(`SELECT 1 FROM projection_generations WHERE projection = 'reasons'`);
    if (live) return;
    const schema = generationSchema('reasons', 1);
    await createGeneration(q, projectionNamed('reasons')!, schema);
    await q.query(`INSERT INTO projection_generations (projection, generation, live_schema) VALUES ('reasons', 1, $1)`, [schema]);
  }

  async down(): Promise<void> {
    // The generation's schema is dropped with the projection's other generations by the generations migration's down.
  }
}
