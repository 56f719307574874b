import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiPropertyOptional, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { CLOCK, problem } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { FIRST_YEAR, invalidParameter, ReportFormatQuery, today } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { type UsageRow, usageReport } from './usage.report';

const regionCodes = ['1081', '1082', '1083', '1084', '1085'];

export class UsageQuery extends ReportFormatQuery {
  @ApiProperty({ example: 2017, description: 'Cases closed in this calendar year, against FOLK1A <year>K1' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2017' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2017' })
  year!: number;

  @ApiPropertyOptional({ enum: ['municipality', 'region', 'house'], default: 'municipality' })
  @IsOptional()
  @IsIn(['municipality', 'region', 'house'], { message: 'groupBy must be one of municipality, region, house' })
  groupBy?: 'municipality' | 'region' | 'house';

  @ApiPropertyOptional({ enum: ['region', 'national'], default: 'region', description: "Expected cases of a municipality from its region's rate (default) or the national rate" })
  @IsOptional()
  @IsIn(['region', 'national'])
  basis?: 'region' | 'national';

  @ApiPropertyOptional({ enum: regionCodes, description: 'Only this region (municipalities of it and its total; or its row)' })
  @IsOptional()
  @IsIn(regionCodes, { message: `region must be one of ${regionCodes.join(', ')}` })
  region?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: "Only this house (municipalities it is the default house of; or its row)" })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

const usageCsv = (rows: UsageRow[]): CsvTable<UsageRow> => ({
  rows,
  columns: [
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level },
    { header: { en: 'code', da: 'kode' }, value: (r) => r.code },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'closed cases', da: 'antal børnehussager' }, value: (r) => r.closedCases },
    { header: { en: 'population 0-17', da: 'folketal 0-17 år' }, value: (r) => r.population0to17 },
    { header: { en: 'cases per 1,000 children', da: 'børnehussager pr. 1.000 børn' }, value: (r) => r.casesPer1000, decimals: 2 },
    { header: { en: 'interval value', da: 'intervalværdi' }, value: (r) => r.intervalValue },
    { header: { en: 'expected cases', da: 'estimerede sager ift. kommunestørrelse' }, value: (r) => r.expectedCases, decimals: 2 },
    { header: { en: 'actual/expected', da: 'faktiske/estimerede' }, value: (r) => r.ratio, decimals: 2 },
    { header: { en: 'suppressed', da: 'diskretioneret' }, value: (r) => r.suppressed },
    { header: { en: 'suppression reason', da: 'årsag til diskretionering' }, value: (r) => r.suppressionReason },
  ],
});

@ApiTags('reports')
@Controller('v1/reports/usage')
export class UsageHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Suppressed, published-grade figures: every role that reads reports sees the whole table.
  @ReportEndpoint({ ops: 'any', boernehus: 'any', municipality: 'any', admin: 'any' }, 'One row per municipality (with region totals), region (with the national total) or house (with the national total)', 'A bad parameter (year, groupBy, basis, region, house), named in the answer')
  @ApiUnprocessableEntityResponse({ description: "The year's population (FOLK1A) has not been imported" })
  async usage(@Query() query: UsageQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (query.year > Number(today(this.clock).slice(0, 4))) throw invalidParameter('year', `${query.year} has not begun`);
    const groupBy = query.groupBy ?? 'municipality';
    const basis = query.basis ?? 'region';
    const from = `${query.year}-01-01`;
    const until = `${query.year + 1}-01-01`;
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      population: (await m.query(`SELECT municipality_code, population FROM current_population WHERE year = $1`, [query.year])) as { municipality_code: string; population: number }[],
      version: (await m.query(`SELECT version, imported_at, checksum FROM population_versions WHERE year = $1 ORDER BY version DESC LIMIT 1`, [query.year]))[0] as { version: number; imported_at: Date; checksum: string } | undefined,
      byMunicipality: (await m.query(`SELECT municipality_code AS code, count(*)::int AS n FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1`, [from, until])) as { code: string; n: number }[],
      byHouse: (await m.query(`SELECT house_code AS code, count(*)::int AS n FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1`, [from, until])) as { code: string; n: number }[],
      municipalities: (await m.query(`SELECT municipality_code AS code, name, region_code AS "regionCode", default_house AS "defaultHouse" FROM ref_municipalities`)) as { code: string; name: string; regionCode: string; defaultHouse: string }[],
      regions: (await m.query(`SELECT region_code AS code, name FROM ref_regions ORDER BY region_code`)) as { code: string; name: string }[],
      houses: (await m.query(`SELECT house_code AS code, name FROM ref_houses ORDER BY region_code`)) as { code: string; name: string }[],
    }));
    if (!data.version) {
      throw problem(
        422,
        'USAGE.POPULATION_NOT_IMPORTED',
        'No population for the year',
        `The population aged 0-17 for ${query.year} has not been imported, so no rate can be computed. An admin imports Statistics Denmark's FOLK1A ${query.year}K1 export with PUT /v1/reference/population/${query.year} (see docs/services/reporting.md for the request).`,
      );
    }
    const all = usageReport({
      groupBy,
      basis,
      municipalities: data.municipalities,
      regions: data.regions,
      houses: data.houses,
      population: new Map(data.population.map((p) => [p.municipality_code, p.population])),
      closedByMunicipality: new Map(data.byMunicipality.map((r) => [r.code, r.n])),
      closedByHouse: new Map(data.byHouse.map((r) => [r.code, r.n])),
    });
    const regionOf = new Map(data.municipalities.map((m) => [m.code, m.regionCode]));
    const houseOf = new Map(data.municipalities.map((m) => [m.code, m.defaultHouse]));
    const houseRegion = new Map(data.houses.map((h) => [h.code, data.municipalities.find((m) => m.defaultHouse === h.code)?.regionCode]));
    const rows = all.filter((r) => {
      if (query.region && ((r.level === 'municipality' && regionOf.get(r.code) !== query.region) || (r.level === 'region' && r.code !== query.region) || r.level === 'national' || r.level === 'house')) return false;
      if (query.house && ((r.level === 'municipality' && houseOf.get(r.code) !== query.house) || (r.level === 'region' && houseRegion.get(query.house) !== r.code) || (r.level === 'house' && r.code !== query.house) || r.level === 'national')) return false;
      return true;
    });
    return answer(request, response, query, {
      name: `usage-${query.year}-${groupBy}`,
      json: {
        year: query.year,
        groupBy,
        basis,
        period: { from, to: `${query.year}-12-31` },
        population: { source: `Statistics Denmark FOLK1A ${query.year}K1, ages 0-17`, version: data.version.version, importedAt: data.version.imported_at.toISOString(), checksum: data.version.checksum },
        suppression: 'Counts 0-2 are not published (primary); further cells are hidden (secondary) until no hidden count can be worked out from the totals. Suppression is decided on the whole table, before any filter.',
        rows,
      },
      csv: () => usageCsv(rows),
    });
  }
}
