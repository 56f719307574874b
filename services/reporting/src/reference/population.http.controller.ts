import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Param, ParseIntPipe, Put, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK, problem } from '@sagsspor/platform';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { FIRST_YEAR, today } from '../reports/report-query';
import { parseFolk1a } from './domain/folk1a';

const yearPipe = new ParseIntPipe({ exceptionFactory: () => problem(400, 'REPORT.INVALID_PARAMETER', 'The request is invalid', 'year: must be a whole year, e.g. 2017', [{ field: 'year', message: 'must be a whole year, e.g. 2017' }]) });

interface VersionRow {
  version: number;
  imported_by: string;
  imported_at: Date;
  checksum: string;
  rows_read: number;
  population: string;
}

const versionOf = (r: VersionRow) => ({ version: r.version, importedBy: r.imported_by, importedAt: r.imported_at.toISOString(), checksum: r.checksum, rowsRead: r.rows_read, population0to17: Number(r.population) });

@ApiTags('reference data')
@Controller('v1/reference/population')
export class PopulationHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':year')
  @Access({ admin: 'any' })
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      "Statistics Denmark's FOLK1A export, exactly as https://api.statbank.dk/v1/data/FOLK1A/CSV?lang=da&OMR%C3%85DE=*&ALDER=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17&Tid=<year>K1 gives it (semicolon-separated, UTF-8, BOM optional). Up to 2 MB.",
    schema: { type: 'string', example: '\uFEFFOMRÅDE;ALDER;TID;INDHOLD\r\nHele landet;0 år;2017K1;61071\r\nKøbenhavn;0 år;2017K1;9961\r\n...' },
  })
  @ApiOkResponse({ description: 'Imported as a new version of the year (or the same file again: the current version, unchanged)' })
  @ApiBadRequestResponse({ description: 'Not a FOLK1A CSV export (columns, separator, body type), or a bad year' })
  @ApiUnprocessableEntityResponse({ description: 'The rows are wrong: another quarter, an unknown municipality, a non-numeric count, missing ages or municipalities. Each problem names its line and column.' })
  async put(@Param('year', yearPipe) year: number, @Req() request: Request, @Res({ passthrough: true }) response: Response, @Caller() caller: Principal) {
    const thisYear = Number(today(this.clock).slice(0, 4));
    if (year < FIRST_YEAR || year > thisYear) throw problem(400, 'REPORT.INVALID_PARAMETER', 'The request is invalid', `year: must be between ${FIRST_YEAR} and ${thisYear}`, [{ field: 'year', message: `must be between ${FIRST_YEAR} and ${thisYear}` }]);
    if (typeof request.body !== 'string' || !/^text\/(csv|plain)\b/.test(request.headers['content-type'] ?? '')) {
      throw problem(400, 'POPULATION.NOT_CSV', 'The body must be the FOLK1A CSV', 'Send the StatBank CSV export as the body with Content-Type: text/csv');
    }
    const municipalities: { code: string; name: string }[] = await this.dataSource.query(`SELECT municipality_code AS code, name FROM ref_municipalities ORDER BY municipality_code`);
    const parsed = parseFolk1a(request.body, year, municipalities);
    if (!parsed.ok) {
      const errors = parsed.problems.map((p) => ({ field: [p.line ? `line ${p.line}` : undefined, p.column].filter(Boolean).join(', ') || 'body', message: p.message, line: p.line, column: p.column }));
      throw parsed.kind === 'malformed'
        ? problem(400, 'POPULATION.NOT_A_FOLK1A_EXPORT', 'Not a FOLK1A export', `The file is not the FOLK1A CSV export: ${errors[0].message}`, errors)
        : problem(422, 'POPULATION.INVALID_ROWS', 'The population file has errors', `${errors.length} problem(s), the first: ${errors[0].field}: ${errors[0].message}`, errors);
    }
    const checksum = createHash('sha256').update(request.body).digest('hex');
    const total = [...parsed.populations.values()].reduce((a, b) => a + b, 0);
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(72014040030000 + $1::int)', [year]);
      const versions: VersionRow[] = await manager.query(`SELECT * FROM population_versions WHERE year = $1 ORDER BY version DESC`, [year]);
      if (versions[0]?.checksum === checksum) return { created: false, current: versions[0], previous: versions[1] };
      const version = (versions[0]?.version ?? 0) + 1;
      const [current]: VersionRow[] = await manager.query(
        `INSERT INTO population_versions (year, version, imported_by, checksum, rows_read, population) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [year, version, caller.subject, checksum, parsed.rowsRead, total],
      );
      for (const [code, population] of parsed.populations) {
        await manager.query(`INSERT INTO population_0_17 (year, version, municipality_code, population) VALUES ($1, $2, $3, $4)`, [year, version, code, population]);
      }
      return { created: true, current, previous: versions[0] };
    });
    response.status(outcome.created && outcome.current.version === 1 ? 201 : 200);
    return {
      year,
      ...versionOf(outcome.current),
      municipalities: parsed.populations.size,
      rowsIgnored: parsed.rowsIgnored,
      replaced: outcome.previous ? versionOf(outcome.previous) : null,
      unchanged: !outcome.created,
    };
  }

  @Get(':year')
  @Access({ admin: 'any', ops: 'any' })
  @ApiOkResponse({ description: "The year's current population 0-17 per municipality, and every imported version" })
  @ApiNotFoundResponse({ description: 'No population imported for the year' })
  async get(@Param('year', yearPipe) year: number) {
    const versions: VersionRow[] = await this.dataSource.query(`SELECT * FROM population_versions WHERE year = $1 ORDER BY version DESC`, [year]);
    if (versions.length === 0) throw problem(404, 'POPULATION.NOT_IMPORTED', 'Not found', `No population has been imported for ${year}. Import FOLK1A ${year}K1 with PUT /v1/reference/population/${year}.`);
    const rows: { municipality_code: string; name: string; population: number }[] = await this.dataSource.query(
      `SELECT p.municipality_code, m.name, p.population FROM population_0_17 p JOIN ref_municipalities m USING (municipality_code) WHERE p.year = $1 AND p.version = $2 ORDER BY p.municipality_code`,
      [year, versions[0].version],
    );
    return { year, ...versionOf(versions[0]), municipalities: rows.map((r) => ({ municipalityCode: r.municipality_code, name: r.name, population0to17: r.population })), versions: versions.map(versionOf) };
  }
}
