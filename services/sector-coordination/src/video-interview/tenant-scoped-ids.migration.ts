import type { MigrationInterface, QueryRunner } from 'typeorm';
import { VIDEO_INTERVIEW_STREAM_PREFIX } from './video-interview.events';

/** Video interview request streams share the prefix; they are not interviews and keep their names. */
const REQUEST_STREAM_PREFIX = 'video-interview-request-';

/**
 * ADR 0095: a police system's interview id is unique within its police district only, so an
 * interview's stream is named `video-interview-<district>:<interviewId>`. This rewrites the
 * streams stored as `video-interview-<interviewId>`, and the rows that name them, in one transaction:
 *
 * - `events.stream_id`: every event stays, at its position, version, id and data; only the stream's
 *   name changes. The district is the one the stream's latest event names (every event of an
 *   interview carries `policeDistrict`; a correction could change it before ADR 0095, and the
 *   latest is the one the police system will send again).
 * - `command_idempotency.stream_id`: the stored answers follow their streams (new keys are taken
 *   within the stream, so an answer stored before is kept but not replayed; a retry is decided
 *   again, and these commands append nothing when repeated).
 * - `video_interviews`, `video_interview_revisions`: get `police_district` and are keyed with it.
 */
export class VideoInterviewTenantScopedIds1765100000100 implements MigrationInterface {
  name = 'VideoInterviewTenantScopedIds1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TEMP TABLE tenant_scoped_streams ON COMMIT DROP AS
         SELECT DISTINCT ON (stream_id) stream_id AS old_id, data->>'policeDistrict' AS tenant,
                $1 || (data->>'policeDistrict') || ':' || substr(stream_id, length($1) + 1) AS new_id
           FROM events
          WHERE starts_with(stream_id, $1) AND NOT starts_with(stream_id, $2)
          ORDER BY stream_id, stream_version DESC`,
      [VIDEO_INTERVIEW_STREAM_PREFIX, REQUEST_STREAM_PREFIX],
    );
    const [{ untenanted }] = await q.query(`SELECT count(*)::int AS untenanted FROM tenant_scoped_streams WHERE tenant IS NULL OR tenant !~ '^[a-z-]+$'`);
    if (untenanted > 0) throw new Error(`${untenanted} interview stream(s) whose latest event names no police district: not migrated, nothing changed`);

    await q.query(`UPDATE events e SET stream_id = 'migrating-0095|' || m.new_id FROM tenant_scoped_streams m WHERE e.stream_id = m.old_id`);
    await q.query(`UPDATE events SET stream_id = substr(stream_id, length('migrating-0095|') + 1) WHERE starts_with(stream_id, 'migrating-0095|')`);
    await q.query(`UPDATE command_idempotency c SET stream_id = m.new_id FROM tenant_scoped_streams m WHERE c.stream_id = m.old_id`);

    await q.query(`ALTER TABLE video_interviews ADD COLUMN police_district text`);
    await q.query(`UPDATE video_interviews SET police_district = interview->>'policeDistrict'`);
    await q.query(`ALTER TABLE video_interview_revisions ADD COLUMN police_district text`);
    await q.query(`UPDATE video_interview_revisions r SET police_district = v.police_district FROM video_interviews v WHERE v.interview_id = r.interview_id`);
    await q.query(`ALTER TABLE video_interview_revisions DROP CONSTRAINT video_interview_revisions_interview_id_fkey, DROP CONSTRAINT video_interview_revisions_pkey`);
    await q.query(`ALTER TABLE video_interviews ALTER COLUMN police_district SET NOT NULL, DROP CONSTRAINT video_interviews_pkey, ADD PRIMARY KEY (police_district, interview_id)`);
    await q.query(
      `ALTER TABLE video_interview_revisions ALTER COLUMN police_district SET NOT NULL, ADD PRIMARY KEY (police_district, interview_id, revision),
         ADD FOREIGN KEY (police_district, interview_id) REFERENCES video_interviews (police_district, interview_id)`,
    );
  }

  async down(): Promise<void> {
    // Once two districts have used the same interview id there is no way back to one name per id.
    throw new Error('VideoInterviewTenantScopedIds1765100000100 is one-way: restore the backup taken before the upgrade (docs/operations.md)');
  }
}
