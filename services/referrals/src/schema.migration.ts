import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referrals service's own read tables, written in the same transaction as the events they
 * follow. No CPR in either: the child is its childRef.
 *
 * - `referral_register`: one row per referral. Answers "which referrals does this child have since
 *   date D" (the mandatory-referral watch) and "which referrals wait at house H" (the house's list).
 * - `mandatory_referral_watches`: one row per underretning whose criteria were ever met. Answers
 *   "which watches or open gaps does this child have" when a referral arrives.
 */
export class ReferralsReadTables1765000000000 implements MigrationInterface {
  name = 'ReferralsReadTables1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_register (
        referral_id       text        PRIMARY KEY,
        child_ref         text        NOT NULL,
        municipality_code text        NOT NULL,
        house_code        text        NOT NULL,
        referred_at       date        NOT NULL,
        status            text        NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected', 'withdrawn')),
        status_changed_at date        NOT NULL,
        case_id           uuid,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_register_child ON referral_register (child_ref, referred_at)`);
    await q.query(`CREATE INDEX referral_register_house_queue ON referral_register (house_code, status, referred_at, referral_id)`);
    await q.query(`
      CREATE TABLE mandatory_referral_watches (
        underretning_id text        PRIMARY KEY,
        child_ref       text        NOT NULL,
        received_at     date        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('watching', 'stopped', 'referred-in-time', 'gap-open', 'gap-closed')),
        criteria_met_at date        NOT NULL,
        referral_due_by date        NOT NULL,
        gap_opened_at   date,
        referral_id     text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mandatory_referral_watches_open ON mandatory_referral_watches (child_ref) WHERE status IN ('watching', 'gap-open')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mandatory_referral_watches`);
    await q.query(`DROP TABLE referral_register`);
  }
}
