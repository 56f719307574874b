import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { houseCodes } from '@sagsspor/contracts';
import { problem } from '@sagsspor/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { rowLevelDa } from '../reports/danish';
import type { Report } from '../reports/report-response';
import { annualTotals, backtest, type BacktestSummary, type Forecast, forecast, type MonthlyCount } from './domain/forecast';
import { ModelInputError } from './domain/model-input-error';
import { referenceNames } from '../reports/reference-rows';

type HouseMonth = MonthlyCount & { houseCode: string };

/** Closed cases per house, handlekommune and closing month. */
async function monthlyClosures(manager: EntityManager, house: string | undefined): Promise<HouseMonth[]> {
  const rows: { house_code: string; municipality_code: string; month: string; n: number }[] = await manager.query(
    `SELECT house_code, municipality_code, to_char(closed_at, 'YYYY-MM') AS month, count(*)::int AS n FROM case_closures
      WHERE closed_at IS NOT NULL AND ($1::text IS NULL OR house_code = $1) GROUP BY 1, 2, 3`,
    [house ?? null],
  );
  return rows.map((r) => ({ houseCode: r.house_code, municipalityCode: r.municipality_code, month: r.month, cases: r.n }));
}

export interface ForecastRow {
  level: 'house' | 'municipality';
  houseCode: string;
  municipalityCode: string | null;
  name: string;
  expectedCases: number;
  low: number;
  high: number;
  lastYear: number | null;
  lastYearCases: number | null;
}

const forecastCsv = (rows: ForecastRow[]): CsvTable<ForecastRow> => ({
  rows,
  columns: [
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level, da: rowLevelDa },
    { header: { en: 'house', da: 'børnehus' }, value: (r) => r.houseCode },
    { header: { en: 'municipality code', da: 'kommunekode' }, value: (r) => r.municipalityCode },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'expected cases', da: 'forventet sagstal' }, value: (r) => r.expectedCases },
    { header: { en: '95 % interval low', da: '95 %-interval fra' }, value: (r) => r.low },
    { header: { en: '95 % interval high', da: '95 %-interval til' }, value: (r) => r.high },
    { header: { en: 'last year', da: 'sidste år' }, value: (r) => r.lastYear },
    { header: { en: 'closed cases last year', da: 'afregnede sager sidste år' }, value: (r) => r.lastYearCases },
  ],
});

const method =
  'Closed (settled) cases per year. Least-squares straight line through the last (up to) 5 annual totals (with fewer than 4: last year), a running year completed by its seasonal share; 95 % interval ± 1.96 σ, σ = max(√forecast, forecast × the RMS relative error of the backtest). Municipalities: the house forecast split by their share of the house cases in the same years. See docs/forecasting.md.';

/** The year's expected closed cases per house (one or all) and municipality, from the history through the given month. */
export class GetForecast extends Query<Report<ForecastRow>> {
  constructor(
    readonly year: number,
    /** The last month of history used: YYYY-MM. */
    readonly through: string,
    readonly house: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetForecast)
export class GetForecastHandler implements IQueryHandler<GetForecast> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, through, house }: GetForecast): Promise<Report<ForecastRow>> {
    const monthly = await withLiveReadModels(this.dataSource, (m) => monthlyClosures(m, house));
    const houses = (house ? [house] : [...houseCodes]).map((code) => {
      const history = monthly.filter((m) => m.houseCode === code);
      try {
        return { houseCode: code, name: referenceNames.get(code) ?? code, ...forecast(history, year, through) };
      } catch (e) {
        if (e instanceof ModelInputError) return { houseCode: code, name: referenceNames.get(code) ?? code, targetYear: year, unavailable: e.message };
        throw e;
      }
    });
    if (house && 'unavailable' in houses[0]) {
      throw problem(422, 'FORECAST.NO_HISTORY', 'Not enough history to forecast', `${houses[0].unavailable} (house ${house})`, [{ field: 'house', message: houses[0].unavailable as string }]);
    }
    const rows: ForecastRow[] = houses.flatMap((h) => {
      if ('unavailable' in h) return [];
      const f = h as Forecast & { houseCode: string; name: string };
      return [
        { level: 'house' as const, houseCode: f.houseCode, municipalityCode: null, name: f.name, expectedCases: f.expectedCases, low: f.interval.low, high: f.interval.high, lastYear: f.lastYearActual?.year ?? null, lastYearCases: f.lastYearActual?.cases ?? null },
        ...f.municipalities.map((m) => ({
          level: 'municipality' as const,
          houseCode: f.houseCode,
          municipalityCode: m.municipalityCode,
          name: referenceNames.get(m.municipalityCode) ?? m.municipalityCode,
          expectedCases: m.expectedCases,
          low: m.interval.low,
          high: m.interval.high,
          lastYear: f.lastYearActual?.year ?? null,
          lastYearCases: m.lastYearActual,
        })),
      ];
    });
    return {
      name: `forecast-${year}${house ? `-${house}` : ''}`,
      json: {
        year,
        historyThrough: through,
        counted: 'closed (settled) cases by closing month, by the house that handled them and the handlekommune',
        method,
        houses: houses.map((h) => ('municipalities' in h ? { ...h, municipalities: h.municipalities.map((m) => ({ ...m, name: referenceNames.get(m.municipalityCode) ?? m.municipalityCode })) } : h)),
      },
      csv: () => forecastCsv(rows),
    };
  }
}

export interface ForecastBacktest {
  historyThrough: string;
  counted: string;
  method: string;
  houses: ({ houseCode: string } & BacktestSummary)[];
  allHouses?: BacktestSummary;
}

/** The forecast method run on every complete past year through the given month, per house (one or all) and for all houses together. */
export class GetForecastBacktest extends Query<ForecastBacktest> {
  constructor(
    readonly through: string,
    readonly house: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetForecastBacktest)
export class GetForecastBacktestHandler implements IQueryHandler<GetForecastBacktest> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ through, house }: GetForecastBacktest): Promise<ForecastBacktest> {
    const monthly = await withLiveReadModels(this.dataSource, (m) => monthlyClosures(m, house));
    const run = (history: MonthlyCount[]) => backtest(annualTotals(history, through).complete);
    return {
      historyThrough: through,
      counted: 'closed (settled) cases per complete calendar year',
      method,
      houses: (house ? [house] : [...houseCodes]).map((code) => ({ houseCode: code, ...run(monthly.filter((m) => m.houseCode === code)) })),
      ...(house ? {} : { allHouses: run(monthly) }),
    };
  }
}
