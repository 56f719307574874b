import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publications (ADR 0045): a year's usage tables frozen as a numbered publication with its
 * disclosure audit. A row is never changed or removed (a trigger refuses it): a correction is a
 * new publication of the year.
 */
export class Publications1765200000000 implements MigrationInterface {
  name = 'Publications1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publications (
        year          int         NOT NULL,
        number        int         NOT NULL CHECK (number > 0),
        published_at  timestamptz NOT NULL DEFAULT now(),
        published_by  text        NOT NULL,
        population    jsonb       NOT NULL,
        cells         jsonb       NOT NULL,
        tables        jsonb       NOT NULL,
        audit         jsonb       NOT NULL,
        PRIMARY KEY (year, number)
      )`);
    await q.query(`
      CREATE FUNCTION publications_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a publication is never changed: a correction is a new publication of the year';
      END $$`);
    await q.query(`CREATE TRIGGER publications_are_immutable BEFORE UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION publications_are_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publications`);
    await q.query(`DROP FUNCTION publications_are_immutable()`);
  }
}
