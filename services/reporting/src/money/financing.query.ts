import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import type { CsvTable } from '../reports/csv';
import type { Report } from '../reports/report-response';
import { currentBudget } from './budgets.query';
import { financingModel, OBJECTIVE_PERCENT, TARIFF_PERCENT } from './domain/financing';
import { ModelInputError } from './domain/model-input-error';
import { houseWithRegion } from '../reports/reference-rows';

export interface MunicipalityRow {
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

/** A house's financing for a budget year: the tariff per case and the objective financing per municipality of its region. */
export class GetFinancing extends Query<Report<MunicipalityRow>> {
  constructor(
    readonly year: number,
    readonly houseCode: string,
    /** What-if: another expected case count than the budget's. */
    readonly expectedCasesAsked: number | undefined,
    /** The FOLK1A year to split by, when not the budget year. */
    readonly populationYearAsked: number | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetFinancing)
export class GetFinancingHandler implements IQueryHandler<GetFinancing> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, houseCode, expectedCasesAsked, populationYearAsked }: GetFinancing): Promise<Report<MunicipalityRow>> {
    const populationYear = populationYearAsked ?? year;
    const manager = this.dataSource.manager;
    const budget = await currentBudget(manager, houseCode, year);
    if (!budget) {
      throw problem(
        422,
        'FINANCING.BUDGET_MISSING',
        'No operating budget for the year',
        `House ${houseCode} has no operating budget for ${year}, so no tariff or objective financing can be computed. An admin sets it with PUT /v1/reference/budgets/${year} [{"houseCode":"${houseCode}","operatingBudgetDkk":...,"expectedCases":...}].`,
        [{ field: 'year', message: `no operating budget for ${houseCode} in ${year}` }],
      );
    }
    const expectedCases = expectedCasesAsked ?? budget.expectedCases ?? undefined;
    if (expectedCases === undefined) {
      throw problem(
        422,
        'FINANCING.EXPECTED_CASES_MISSING',
        'No expected case count',
        `The ${year} budget of ${houseCode} has no expected case count. Give expectedCases (see GET /v1/reports/forecast?house=${houseCode}&year=${year} for a forecast), or store it with the budget.`,
        [{ field: 'expectedCases', message: 'give the expected case count' }],
      );
    }
    const house = houseWithRegion(houseCode);
    const version: { version: number; imported_at: Date; checksum: string } | undefined = (
      await manager.query(`SELECT version, imported_at, checksum FROM population_versions WHERE year = $1 ORDER BY version DESC LIMIT 1`, [populationYear])
    )[0];
    if (!version) {
      throw problem(
        422,
        'FINANCING.POPULATION_MISSING',
        'No population for the year',
        `The population aged 0-17 (FOLK1A ${populationYear}K1) has not been imported, so the objective financing cannot be split. An admin imports it with PUT /v1/reference/population/${populationYear}, or ask with populationYear= for an imported year.`,
        [{ field: populationYearAsked ? 'populationYear' : 'year', message: `no FOLK1A population imported for ${populationYear}` }],
      );
    }
    const municipalities: { code: string; name: string; population: number | null }[] = await manager.query(
      `SELECT m.municipality_code AS code, m.name, p.population FROM ref_municipalities m
         LEFT JOIN current_population p ON p.municipality_code = m.municipality_code AND p.year = $2
        WHERE m.region_code = $1 ORDER BY m.municipality_code`,
      [house.regionCode, populationYear],
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
    return {
      name: `financing-${houseCode}-${year}`,
      json: {
        year: year,
        houseCode,
        houseName: house.name,
        region: { code: house.regionCode, name: house.regionName },
        budget: { operatingBudgetDkk: budget.operatingBudgetDkk, version: budget.version, setBy: budget.setBy, setAt: budget.setAt, note: budget.note },
        expectedCases,
        expectedCasesSource: expectedCasesAsked !== undefined ? 'what-if' : 'budget',
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
    };
  }
}
