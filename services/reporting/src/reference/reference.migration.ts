import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data as data: regions, municipalities, houses, police districts and tariffs (seeded
 * from libs/reference-data at start, with the checksum of what was loaded), and the population
 * aged 0-17 per municipality and year (imported from Statistics Denmark's FOLK1A, every version kept).
 */
export class ReferenceData1764200000001 implements MigrationInterface {
  name = 'ReferenceData1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ref_regions (region_code text PRIMARY KEY, name text NOT NULL)`);
    await q.query(`CREATE TABLE ref_houses (house_code text PRIMARY KEY, name text NOT NULL, region_code text NOT NULL, sites text[] NOT NULL)`);
    await q.query(`
      CREATE TABLE ref_municipalities (
        municipality_code text PRIMARY KEY,
        name              text NOT NULL,
        region_code       text NOT NULL,
        default_house     text NOT NULL
      )`);
    await q.query(`CREATE TABLE ref_police_districts (district_code text PRIMARY KEY, name text NOT NULL)`);
    await q.query(`
      CREATE TABLE ref_tariffs (
        house_code   text    NOT NULL,
        year         int     NOT NULL,
        dkk_per_case numeric NOT NULL,
        note         text    NOT NULL,
        PRIMARY KEY (house_code, year)
      )`);
    await q.query(`
      CREATE TABLE ref_seed_versions (
        dataset   text        PRIMARY KEY,
        checksum  text        NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE population_versions (
        year          int         NOT NULL,
        version       int         NOT NULL,
        imported_by   text        NOT NULL,
        imported_at   timestamptz NOT NULL DEFAULT now(),
        checksum      text        NOT NULL,
        rows_read     int         NOT NULL,
        population    bigint      NOT NULL,
        PRIMARY KEY (year, version)
      )`);
    await q.query(`
      CREATE TABLE population_0_17 (
        year              int    NOT NULL,
        version           int    NOT NULL,
        municipality_code text   NOT NULL,
        population        int    NOT NULL,
        PRIMARY KEY (year, version, municipality_code),
        FOREIGN KEY (year, version) REFERENCES population_versions (year, version)
      )`);
    await q.query(`
      CREATE VIEW current_population AS
        SELECT p.year, p.municipality_code, p.population
          FROM population_0_17 p
          JOIN (SELECT year, max(version) AS version FROM population_versions GROUP BY year) v USING (year, version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['VIEW current_population', 'TABLE population_0_17', 'TABLE population_versions', 'TABLE ref_seed_versions', 'TABLE ref_tariffs', 'TABLE ref_police_districts', 'TABLE ref_municipalities', 'TABLE ref_houses', 'TABLE ref_regions']) {
      await q.query(`DROP ${t}`);
    }
  }
}
