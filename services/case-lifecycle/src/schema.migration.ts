import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's own tables besides the event store: read tables written in the same transaction as
 * the case events (case_list, open_cases_by_child, settlements), facts consumed from
 * sector-coordination (police_interview_facts, case_conferences, case_examinations), and the
 * versioned tariffs (reference data).
 */
export class CaseLifecycleSchema1764100000000 implements MigrationInterface {
  name = 'CaseLifecycleSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_list (
        case_id                      uuid PRIMARY KEY,
        house_code                   text    NOT NULL,
        municipality_code            text    NOT NULL,
        status                       text    NOT NULL,
        child_sex                    text    NOT NULL,
        child_age_years              integer NOT NULL,
        case_kind                    text    NOT NULL,
        abuse_types                  text[]  NOT NULL,
        referred_at                  date    NOT NULL,
        opened_at                    date    NOT NULL,
        awaiting_police_release_since date,
        closed_at                    date,
        outcome                      text,
        updated_at                   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_list_by_house ON case_list (house_code, opened_at, case_id)`);
    await q.query(`CREATE INDEX case_list_by_municipality ON case_list (municipality_code, opened_at, case_id)`);
    await q.query(`CREATE INDEX case_list_awaiting_tariff ON case_list (house_code, closed_at) WHERE status = 'closed'`);

    await q.query(`
      CREATE TABLE open_cases_by_child (
        child_ref text NOT NULL,
        case_id   uuid NOT NULL,
        PRIMARY KEY (child_ref, case_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX open_cases_by_case ON open_cases_by_child (case_id)`);

    await q.query(`
      CREATE TABLE police_interview_facts (
        child_ref   text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('interview', 'release')),
        fact_id     text NOT NULL,
        on_date     date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (child_ref, kind, fact_id)
      )`);

    await q.query(`
      CREATE TABLE case_conferences (
        conference_id text PRIMARY KEY,
        case_id       uuid  NOT NULL,
        kind          text  NOT NULL,
        held_at       date  NOT NULL,
        participants  jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX case_conferences_by_case ON case_conferences (case_id)`);
    await q.query(`
      CREATE TABLE case_examinations (
        examination_id text PRIMARY KEY,
        case_id        uuid NOT NULL,
        kind           text NOT NULL,
        performed_at   date NOT NULL
      )`);
    await q.query(`CREATE INDEX case_examinations_by_case ON case_examinations (case_id)`);

    await q.query(`
      CREATE TABLE tariffs (
        house_code   text          NOT NULL,
        year         integer       NOT NULL,
        dkk_per_case numeric(12,2) NOT NULL CHECK (dkk_per_case > 0),
        version      integer       NOT NULL,
        source       text          NOT NULL CHECK (source IN ('reference-data', 'api')),
        updated_at   timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (house_code, year)
      )`);
    await q.query(`
      CREATE TABLE tariff_versions (
        house_code   text          NOT NULL,
        year         integer       NOT NULL,
        version      integer       NOT NULL,
        dkk_per_case numeric(12,2) NOT NULL,
        source       text          NOT NULL,
        recorded_by  text          NOT NULL,
        recorded_at  timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (house_code, year, version)
      )`);

    await q.query(`
      CREATE TABLE settlements (
        case_id           uuid PRIMARY KEY,
        municipality_code text          NOT NULL,
        house_code        text          NOT NULL,
        outcome           text          NOT NULL,
        closed_at         date          NOT NULL,
        settlement_month  text          NOT NULL,
        tariff_year       integer       NOT NULL,
        amount_dkk        numeric(12,2) NOT NULL,
        revision          integer       NOT NULL
      )`);
    await q.query(`CREATE INDEX settlements_by_municipality ON settlements (municipality_code, settlement_month)`);
    await q.query(`CREATE INDEX settlements_by_month ON settlements (settlement_month, house_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['settlements', 'tariff_versions', 'tariffs', 'case_examinations', 'case_conferences', 'police_interview_facts', 'open_cases_by_child', 'case_list']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
