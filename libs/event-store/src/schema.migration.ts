import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store tables. `transaction_id` lets the relay read in commit order (see
 * architecture.md: a bigserial alone skips rows whose transaction commits late).
 */
export class EventStoreSchema1763900000000 implements MigrationInterface {
  name = 'EventStoreSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        event_id        uuid        NOT NULL UNIQUE,
        event_type      text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await q.query(`CREATE INDEX events_commit_order ON events (transaction_id, global_position)`);
    await q.query(`
      CREATE TABLE command_idempotency (
        idempotency_key     text        PRIMARY KEY,
        request_fingerprint text        NOT NULL,
        stream_id           text        NOT NULL,
        response            jsonb       NOT NULL,
        recorded_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE command_idempotency`);
    await q.query(`DROP TABLE events`);
  }
}

/** Durable deadlines: commands scheduled for a time, fired once (see schedule.ts). */
export class CommandScheduleSchema1764000000001 implements MigrationInterface {
  name = 'CommandScheduleSchema1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduled_commands (
        schedule_id  text        PRIMARY KEY,
        due_at       timestamptz NOT NULL,
        kind         text        NOT NULL,
        payload      jsonb       NOT NULL,
        scheduled_at timestamptz NOT NULL DEFAULT now(),
        fired_at     timestamptz,
        attempts     integer     NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await q.query(`CREATE INDEX scheduled_commands_due ON scheduled_commands (due_at) WHERE fired_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_commands`);
  }
}
