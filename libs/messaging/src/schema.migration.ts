import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Relay checkpoints (what has been published) and the consumer inbox (what has been handled). */
export class MessagingSchema1763900000001 implements MigrationInterface {
  name = 'MessagingSchema1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relay_checkpoints (
        relay_name      text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL,
        global_position bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE inbox (
        consumer_group text        NOT NULL,
        event_id       text        NOT NULL,
        event_type     text        NOT NULL,
        topic          text        NOT NULL,
        partition      integer     NOT NULL,
        kafka_offset   bigint      NOT NULL,
        handled_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE relay_checkpoints`);
  }
}
