import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { COUNTED_CASE_KINDS, COUNTED_CASES, COUNTED_OUTCOMES } from '../reports/counted-cases';
import type { CsvTable } from '../reports/csv';
import type { Report } from '../reports/report-response';
import { closedCasesSeries } from './annual-statistics-series.report';
import { housesIn } from '../reports/reference-rows';

interface SeriesCsvRow {
  houseCode: string;
  name: string;
  year: number | 'change';
  cases: number | null;
}

const csvOf = (rows: SeriesCsvRow[]): CsvTable<SeriesCsvRow> => ({
  rows,
  columns: [
    { header: { en: 'house', da: 'børnehus' }, value: (r) => r.houseCode, da: { total: 'i alt' } },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'year', da: 'år' }, value: (r) => r.year, da: { change: 'ændring i procent' } },
    { header: { en: 'closed cases', da: 'afsluttede sager' }, value: (r) => r.cases },
  ],
});

/** Closed cases per house and calendar year, fromYear to toYear. */
export class GetClosedCasesSeries extends Query<Report<SeriesCsvRow>> {
  constructor(
    readonly fromYear: number,
    readonly toYear: number,
    readonly house: string | null,
    /** The current year (Europe/Copenhagen): its figures are the year so far. */
    readonly currentYear: number,
  ) {
    super();
  }
}

@QueryHandler(GetClosedCasesSeries)
export class GetClosedCasesSeriesHandler implements IQueryHandler<GetClosedCasesSeries> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ fromYear, toYear, house, currentYear }: GetClosedCasesSeries): Promise<Report<SeriesCsvRow>> {
    const { counts } = await withLiveReadModels(this.dataSource, async (m) => ({
      // The summary of case_closures by kind and outcome (ADR 0073): the counted cases per year and house.
      counts: (await m.query(
        `SELECT year, house_code AS "houseCode", sum(cases)::int AS cases FROM closed_cases_by_kind
          WHERE year BETWEEN $1 AND $2 AND ($3::text IS NULL OR house_code = $3) AND case_kind = ANY($4) AND outcome = ANY($5) GROUP BY 1, 2`,
        [fromYear, toYear, house, COUNTED_CASE_KINDS, COUNTED_OUTCOMES],
      )) as { year: number; houseCode: string; cases: number }[],
    }));
    const rows = closedCasesSeries(counts, housesIn(house), fromYear, toYear);
    return {
      name: `annual-statistics-series-${fromYear}-${toYear}${house ? `-${house}` : ''}`,
      json: {
        fromYear,
        toYear,
        house,
        yearToDate: toYear >= currentYear ? currentYear : null,
        definitions: {
          cases: `${COUNTED_CASES}; the period is each calendar year; by the house that handled the case (as the annual statistics' closed cases by house).`,
          changePercent: 'From the first to the last year of the series: (last − first) / first, whole percent, half away from zero; null when the first year has no cases.',
          yearToDate: 'The current year, when in the series: its count is the year so far.',
          suppression: 'Operational figures for ops and the houses, not suppressed, like the other tables of the annual statistics; published figures come from the usage report and its publications.',
        },
        rows,
      },
      csv: () =>
        csvOf(rows.flatMap((r) => [...r.years.map((y) => ({ houseCode: r.houseCode, name: r.name, year: y.year, cases: y.cases })), { houseCode: r.houseCode, name: r.name, year: 'change' as const, cases: r.changePercent }])),
    };
  }
}
