import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import type { Queryable } from '../projections/projection-store';

export interface VersionRow {
  version: number;
  imported_by: string;
  imported_at: Date;
  checksum: string;
  rows_read: number;
  population: string;
}

export const versionOf = (r: VersionRow) => ({ version: r.version, importedBy: r.imported_by, importedAt: r.imported_at.toISOString(), checksum: r.checksum, rowsRead: r.rows_read, population0to17: Number(r.population) });

/** Every imported version of the year, the newest first. */
export const populationVersions = (q: Queryable, year: number): Promise<VersionRow[]> => q.query(`SELECT * FROM population_versions WHERE year = $1 ORDER BY version DESC`, [year]);

export interface PopulationYear extends ReturnType<typeof versionOf> {
  year: number;
  municipalities: { municipalityCode: string; name: string; population0to17: number }[];
  versions: ReturnType<typeof versionOf>[];
}

/** The year's current population 0-17 per municipality, and every imported version. */
export class GetPopulationYear extends Query<PopulationYear> {
  constructor(readonly year: number) {
    super();
  }
}

@QueryHandler(GetPopulationYear)
export class GetPopulationYearHandler implements IQueryHandler<GetPopulationYear> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year }: GetPopulationYear): Promise<PopulationYear> {
    const versions = await populationVersions(this.dataSource, year);
    if (versions.length === 0) throw problem(404, 'POPULATION.NOT_IMPORTED', 'Not found', `No population has been imported for ${year}. Import FOLK1A ${year}K1 with PUT /v1/reference/population/${year}.`);
    const rows: { municipality_code: string; name: string; population: number }[] = await this.dataSource.query(
      `SELECT p.municipality_code, m.name, p.population FROM population_0_17 p JOIN ref_municipalities m USING (municipality_code) WHERE p.year = $1 AND p.version = $2 ORDER BY p.municipality_code`,
      [year, versions[0].version],
    );
    return { year, ...versionOf(versions[0]), municipalities: rows.map((r) => ({ municipalityCode: r.municipality_code, name: r.name, population0to17: r.population })), versions: versions.map(versionOf) };
  }
}
