import { Controller, Query, Req, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import { houseCodes } from '@sagsspor/contracts';
import { Caller, problem } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { CsvTable } from '../reports/csv';
import { FIRST_YEAR, ReportFormatQuery } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { currentBudget } from './budgets.http.controller';
import { financingModel, OBJECTIVE_PERCENT, TARIFF_PERCENT } from './domain/financing';
import { ModelInputError } from './domain/model-input-error';

export class FinancingQuery extends ReportFormatQuery {
  @ApiProperty({ example: 2022, description: 'The budget year' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2022' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2022' })
  year!: number;

  @ApiProperty({ enum: houseCodes, example: 'midt', description: 'The house (a house user: its own)' })
  @IsIn(houseCodes, { message: `house must be one of ${houseCodes.join(', ')}` })
  house!: string;

  @ApiPropertyOptional({ example: 440, description: "What-if: the expected case count to set the tariff against (default: the one stored with the year's budget)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'expectedCases must be a whole number of cases, e.g. 440' })
  @Min(1, { message: 'expectedCases must be at least 1' })
  @Max(100_000, { message: 'expectedCases must be at most 100000' })
  expectedCases?: number;

  @ApiPropertyOptional({ example: 2021, description: 'The FOLK1A year the objective financing is split by (default: the budget year; a budget is often set before FOLK1A <year>K1 is out)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'populationYear must be a whole year, e.g. 2021' })
  @Min(FIRST_YEAR, { message: `populationYear must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'populationYear must be a year, e.g. 2021' })
  populationYear?: number;
}

interface MunicipalityRow {
  municipalityCode: string;
  name: string;
  population0to17: number;
  sharePercent: number;
  objectiveFinancingDkk: number;
}

const financingCsv = (rows: MunicipalityRow[]): CsvTable<MunicipalityRow> => ({
  rows,
  columns: [
    { header: { en: 'municipality code', da: 'kommunekode' }, value: (r) => r.municipalityCode },
    { header: { en: 'municipality', da: 'kommune' }, value: (r) => r.name },
    { header: { en: 'population 0-17', da: 'folketal 0-17 år' }, value: (r) => r.population0to17 },
    { header: { en: 'share %', da: 'andel pct.' }, value: (r) => r.sharePercent, decimals: 2 },
    { header: { en: 'objective financing DKK', da: 'objektiv finansiering kr.' }, value: (r) => r.objectiveFinancingDkk },
  ],
});

@ApiTags('reports')
@Controller('v1/reports/financing')
export class FinancingHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @ReportEndpoint({ municipality: 'any', boernehus: { in: 'query', field: 'house' }, ops: 'any', admin: 'any' }, "The house's financing for the year: tariff per case (40 % of the budget over the expected cases) and the objective financing (60 %) per municipality of its region by children aged 0-17. CSV: the municipalities.")
  @ApiUnprocessableEntityResponse({ description: 'The budget, the expected case count or the population (FOLK1A) for the year is missing: the answer names what and how to add it' })
  async financing(@Query() query: FinancingQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const houseCode = houseScopeOf(caller, query.house)!;
    const populationYear = query.populationYear ?? query.year;
    const manager = this.dataSource.manager;
    const budget = await currentBudget(manager, houseCode, query.year);
    if (!budget) {
      throw problem(
        422,
        'FINANCING.BUDGET_MISSING',
        'No operating budget for the year',
        `House ${houseCode} has no operating budget for ${query.year}, so no tariff or objective financing can be computed. An admin sets it with PUT /v1/reference/budgets/${query.year} [{"houseCode":"${houseCode}","operatingBudgetDkk":...,"expectedCases":...}].`,
        [{ field: 'year', message: `no operating budget for ${houseCode} in ${query.year}` }],
      );
    }
    const expectedCases = query.expectedCases ?? budget.expectedCases ?? undefined;
    if (expectedCases === undefined) {
      throw problem(
        422,
        'FINANCING.EXPECTED_CASES_MISSING',
        'No expected case count',
        `The ${query.year} budget of ${houseCode} has no expected case count. Give expectedCases (see GET /v1/reports/forecast?house=${houseCode}&year=${query.year} for a forecast), or store it with the budget.`,
        [{ field: 'expectedCases', message: 'give the expected case count' }],
      );
    }
    const [house]: { name: string; region_code: string; region_name: string }[] = await manager.query(
      `SELECT h.name, h.region_code, r.name AS region_name FROM ref_houses h JOIN ref_regions r USING (region_code) WHERE h.house_code = $1`,
      [houseCode],
    );
    const version: { version: number; imported_at: Date; checksum: string } | undefined = (
      await manager.query(`SELECT version, imported_at, checksum FROM population_versions WHERE year = $1 ORDER BY version DESC LIMIT 1`, [populationYear])
    )[0];
    if (!version) {
      throw problem(
        422,
        'FINANCING.POPULATION_MISSING',
        'No population for the year',
        `The population aged 0-17 (FOLK1A ${populationYear}K1) has not been imported, so the objective financing cannot be split. An admin imports it with PUT /v1/reference/population/${populationYear}, or ask with populationYear= for an imported year.`,
        [{ field: query.populationYear ? 'populationYear' : 'year', message: `no FOLK1A population imported for ${populationYear}` }],
      );
    }
    const municipalities: { code: string; name: string; population: number | null }[] = await manager.query(
      `SELECT m.municipality_code AS code, m.name, p.population FROM ref_municipalities m
         LEFT JOIN current_population p ON p.municipality_code = m.municipality_code AND p.year = $2
        WHERE m.region_code = $1 ORDER BY m.municipality_code`,
      [house.region_code, populationYear],
    );
    const withoutPopulation = municipalities.filter((m) => m.population === null);
    if (withoutPopulation.length > 0) {
      throw problem(422, 'FINANCING.POPULATION_MISSING', 'Population missing for municipalities', `FOLK1A ${populationYear}K1 has no population for ${withoutPopulation.map((m) => `${m.name} (${m.code})`).join(', ')}.`, [
        { field: 'populationYear', message: `no population for ${withoutPopulation.map((m) => m.code).join(', ')}` },
      ]);
    }
    let model;
    try {
      model = financingModel({ budgetDkk: budget.operatingBudgetDkk, expectedCases, municipalities: municipalities.map((m) => ({ municipalityCode: m.code, population0to17: m.population! })) });
    } catch (e) {
      if (e instanceof ModelInputError) throw problem(422, 'FINANCING.INVALID_INPUT', 'The financing cannot be computed', e.message, [{ field: e.field, message: e.message }]);
      throw e;
    }
    const names = new Map(municipalities.map((m) => [m.code, m.name]));
    const rows: MunicipalityRow[] = model.objectiveShares.map((s) => ({
      municipalityCode: s.municipalityCode,
      name: names.get(s.municipalityCode)!,
      population0to17: s.population0to17,
      sharePercent: Math.round(s.share * 1_000_000) / 10_000,
      objectiveFinancingDkk: s.amountDkk,
    }));
    return answer(request, response, query, {
      name: `financing-${houseCode}-${query.year}`,
      json: {
        year: query.year,
        houseCode,
        houseName: house.name,
        region: { code: house.region_code, name: house.region_name },
        budget: { operatingBudgetDkk: budget.operatingBudgetDkk, version: budget.version, setBy: budget.setBy, setAt: budget.setAt, note: budget.note },
        expectedCases,
        expectedCasesSource: query.expectedCases !== undefined ? 'what-if' : 'budget',
        tariffPercent: TARIFF_PERCENT,
        objectivePercent: OBJECTIVE_PERCENT,
        tariffFinancingDkk: model.tariffFinancingDkk,
        objectiveFinancingDkk: model.objectiveFinancingDkk,
        tariffPerCaseDkk: model.tariffPerCaseDkk,
        tariffIncomeAtExpectedDkk: model.tariffIncomeAtExpectedDkk,
        tariffRoundingDkk: model.tariffRoundingDkk,
        population: { year: populationYear, source: `Statistics Denmark FOLK1A ${populationYear}K1, ages 0-17`, version: version.version, importedAt: version.imported_at.toISOString(), checksum: version.checksum },
        rounding:
          'Whole kroner. Objective financing = 60 % of the budget rounded half up; tariff financing = the rest. Tariff per case = tariff financing / expected cases, rounded half up (tariffRoundingDkk shows the difference at the expected count). The objective financing is split by the largest remainder method, so the municipalities sum to it exactly.',
        municipalities: rows,
      },
      csv: () => financingCsv(rows),
    });
  }
}
