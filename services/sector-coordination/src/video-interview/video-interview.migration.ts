import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read side of video interviews: the current revision of each, and every revision (no CPR: childRef only). */
export class VideoInterviewReadModel1764200000100 implements MigrationInterface {
  name = 'VideoInterviewReadModel1764200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE video_interviews (
        interview_id      text        PRIMARY KEY,
        house_code        text        NOT NULL,
        municipality_code text        NOT NULL,
        revision          integer     NOT NULL,
        interview         jsonb       NOT NULL,
        released_at       date,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE video_interview_revisions (
        interview_id   text        NOT NULL REFERENCES video_interviews (interview_id),
        revision       integer     NOT NULL,
        changed_fields text[]      NOT NULL,
        received_via   text        NOT NULL,
        interview      jsonb       NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (interview_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE video_interview_revisions`);
    await q.query(`DROP TABLE video_interviews`);
  }
}
