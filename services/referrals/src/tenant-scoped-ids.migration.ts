import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MANDATORY_REFERRAL_WATCH_STREAM_PREFIX } from './mandatory-referral-watch/mandatory-referral-watch.events';
import { REFERRAL_DEADLINE_KIND } from './mandatory-referral-watch/mandatory-referral-watch.workflow';
import { REFERRAL_STREAM_PREFIX } from './referral/referral.events';
import { UNDERRETNING_STREAM_PREFIX } from './underretning/underretning.events';

const prefixes = [UNDERRETNING_STREAM_PREFIX, REFERRAL_STREAM_PREFIX, MANDATORY_REFERRAL_WATCH_STREAM_PREFIX];

/**
 * ADR 0095: an underretning or referral id is unique within its municipality only, so their streams
 * (and the underretning's watch) are named `<prefix><municipality>:<id>`. This rewrites the streams
 * stored under the old names `<prefix><id>`, and the rows that name them, in one transaction:
 *
 * - `events.stream_id`: every event stays, at its position, version, id and data; only the stream's
 *   name changes. The municipality is the one the stream's first event names (every first event of
 *   these streams carries `municipalityCode`; the migration stops if one does not).
 * - `command_idempotency.stream_id`: the stored answers follow their streams. Their keys are kept
 *   as they were; new keys are taken within the stream (idempotencyKeyWithin), so an answer stored
 *   before is kept but not replayed: a retry is decided again, and these commands append nothing
 *   when repeated.
 * - `referral_register`: the key becomes (municipality_code, referral_id).
 * - `mandatory_referral_watches`: gets `municipality_code` (its underretning's), keyed with it.
 * - `scheduled_commands` of the watch's deadline: the id gets the municipality, the payload
 *   `municipalityCode`, so a deadline fires on the renamed watch.
 *
 * Each rename goes through a temporary name first, so a new name can never meet an old one that is
 * still to be renamed. docs/operations.md says how to verify it.
 */
export class TenantScopedIds1765100000000 implements MigrationInterface {
  name = 'TenantScopedIds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TEMP TABLE tenant_scoped_streams ON COMMIT DROP AS
         SELECT e.stream_id AS old_id, p.prefix, e.data->>'municipalityCode' AS tenant, substr(e.stream_id, length(p.prefix) + 1) AS caller_id,
                p.prefix || (e.data->>'municipalityCode') || ':' || substr(e.stream_id, length(p.prefix) + 1) AS new_id
           FROM events e JOIN unnest($1::text[]) AS p(prefix) ON starts_with(e.stream_id, p.prefix)
          WHERE e.stream_version = 1`,
      [prefixes],
    );
    const [{ untenanted }] = await q.query(`SELECT count(*)::int AS untenanted FROM tenant_scoped_streams WHERE tenant IS NULL OR tenant !~ '^[0-9]{3}$'`);
    if (untenanted > 0) throw new Error(`${untenanted} stream(s) whose first event names no municipality: not migrated, nothing changed`);

    await q.query(`UPDATE events e SET stream_id = 'migrating-0095|' || m.new_id FROM tenant_scoped_streams m WHERE e.stream_id = m.old_id`);
    await q.query(`UPDATE events SET stream_id = substr(stream_id, length('migrating-0095|') + 1) WHERE starts_with(stream_id, 'migrating-0095|')`);
    await q.query(`UPDATE command_idempotency c SET stream_id = m.new_id FROM tenant_scoped_streams m WHERE c.stream_id = m.old_id`);

    await q.query(`ALTER TABLE referral_register DROP CONSTRAINT referral_register_pkey, ADD PRIMARY KEY (municipality_code, referral_id)`);

    await q.query(`ALTER TABLE mandatory_referral_watches ADD COLUMN municipality_code text`);
    await q.query(
      `UPDATE mandatory_referral_watches w SET municipality_code = m.tenant FROM tenant_scoped_streams m WHERE m.prefix = $1 AND m.caller_id = w.underretning_id`,
      [UNDERRETNING_STREAM_PREFIX],
    );
    await q.query(`ALTER TABLE mandatory_referral_watches ALTER COLUMN municipality_code SET NOT NULL, DROP CONSTRAINT mandatory_referral_watches_pkey, ADD PRIMARY KEY (municipality_code, underretning_id)`);

    await q.query(
      `UPDATE scheduled_commands s SET schedule_id = 'migrating-0095|' || $2 || ':' || m.tenant || ':' || m.caller_id, payload = s.payload || jsonb_build_object('municipalityCode', m.tenant)
         FROM tenant_scoped_streams m
        WHERE s.kind = $2 AND m.prefix = $1 AND m.caller_id = s.payload->>'underretningId'`,
      [UNDERRETNING_STREAM_PREFIX, REFERRAL_DEADLINE_KIND],
    );
    await q.query(`UPDATE scheduled_commands SET schedule_id = substr(schedule_id, length('migrating-0095|') + 1) WHERE starts_with(schedule_id, 'migrating-0095|')`);
  }

  async down(): Promise<void> {
    // Once two municipalities have used the same id there is no way back to one name per id.
    throw new Error('TenantScopedIds1765100000000 is one-way: restore the backup taken before the upgrade (docs/operations.md)');
  }
}
