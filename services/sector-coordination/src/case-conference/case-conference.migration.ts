import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which case each conferenceId belongs to: conference ids are unique across cases, whose streams are separate. */
export class ConferenceIds1764200000200 implements MigrationInterface {
  name = 'ConferenceIds1764200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conference_ids (
        conference_id text PRIMARY KEY,
        case_id       uuid NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conference_ids`);
  }
}
