import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The per-service child vault of the earlier scheme (ADR 0007), kept so existing databases migrate in order; ChildRegistry.adoptServiceVault moves its rows into the child registry (ADR 0099) and drops the tables. */
export class ChildVaultSchema1764000000000 implements MigrationInterface {
  name = 'ChildVaultSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE child_keys (
        child_ref    text        PRIMARY KEY,
        vault_key_id text        NOT NULL,
        wrap_iv      bytea       NOT NULL,
        wrap_tag     bytea       NOT NULL,
        wrapped_key  bytea       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE child_vault (
        child_ref      text        PRIMARY KEY,
        cpr_iv         bytea       NOT NULL,
        cpr_tag        bytea       NOT NULL,
        cpr_ciphertext bytea       NOT NULL,
        stored_at      timestamptz NOT NULL DEFAULT now(),
        last_seen_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX child_vault_last_seen ON child_vault (last_seen_at)`);
    await q.query(`
      CREATE TABLE child_erasures (
        child_ref text        NOT NULL,
        reason    text        NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE child_erasures`);
    await q.query(`DROP TABLE child_vault`);
    await q.query(`DROP TABLE child_keys`);
  }
}
