import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK, problem } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { FIRST_YEAR, invalidParameter, ReportFormatQuery, today } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { annualTotals, backtest, type Forecast, forecast, type MonthlyCount } from './domain/forecast';
import { ModelInputError } from './domain/model-input-error';

export class ForecastQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;

  @ApiPropertyOptional({ example: 2026, description: 'The year to forecast (default: next year); at most next year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2026' })
  @Min(FIRST_YEAR + 1, { message: `year must be ${FIRST_YEAR + 1} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2026' })
  year?: number;
}

export class BacktestQuery {
  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

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

/** The month before today's (Europe/Copenhagen): the last whole month of history. */
function lastCompleteMonth(clock: Clock): string {
  const [y, m] = today(clock).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

interface ForecastRow {
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
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level },
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

@ApiTags('reports')
@Controller('v1/reports/forecast')
export class ForecastHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, "Next year's (or the given year's) expected closed cases per house and per municipality, with a 95 % prediction interval, last year's actuals and the backtest of the method")
  async forecast(@Query() query: ForecastQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const thisYear = Number(today(this.clock).slice(0, 4));
    const year = query.year ?? thisYear + 1;
    if (year > thisYear + 1) throw invalidParameter('year', `forecasts reach one year ahead: at most ${thisYear + 1}`);
    const house = houseScopeOf(caller, query.house);
    // A forecast uses only the history before its year.
    const lastMonth = lastCompleteMonth(this.clock);
    const through = lastMonth < `${year}-01` ? lastMonth : `${year - 1}-12`;
    const { monthly, names } = await withLiveReadModels(this.dataSource, async (m) => ({
      monthly: await monthlyClosures(m, house),
      names: {
        houses: new Map(((await m.query(`SELECT house_code AS code, name FROM ref_houses`)) as { code: string; name: string }[]).map((h) => [h.code, h.name])),
        municipalities: new Map(((await m.query(`SELECT municipality_code AS code, name FROM ref_municipalities`)) as { code: string; name: string }[]).map((h) => [h.code, h.name])),
      },
    }));
    const houses = (house ? [house] : [...houseCodes]).map((code) => {
      const history = monthly.filter((m) => m.houseCode === code);
      try {
        return { houseCode: code, name: names.houses.get(code) ?? code, ...forecast(history, year, through) };
      } catch (e) {
        if (e instanceof ModelInputError) return { houseCode: code, name: names.houses.get(code) ?? code, targetYear: year, unavailable: e.message };
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
          name: names.municipalities.get(m.municipalityCode) ?? m.municipalityCode,
          expectedCases: m.expectedCases,
          low: m.interval.low,
          high: m.interval.high,
          lastYear: f.lastYearActual?.year ?? null,
          lastYearCases: m.lastYearActual,
        })),
      ];
    });
    return answer(request, response, query, {
      name: `forecast-${year}${house ? `-${house}` : ''}`,
      json: {
        year,
        historyThrough: through,
        counted: 'closed (settled) cases by closing month, by the house that handled them and the handlekommune',
        method,
        houses: houses.map((h) => ('municipalities' in h ? { ...h, municipalities: h.municipalities.map((m) => ({ ...m, name: names.municipalities.get(m.municipalityCode) ?? m.municipalityCode })) } : h)),
      },
      csv: () => forecastCsv(rows),
    });
  }

  @Get('backtest')
  @Access(HOUSE_SCOPED_READERS)
  @ApiOkResponse({ description: 'The forecast method run on every past year from the years before it, per house and for all houses together: forecast, actual, error, MAE and MAPE (and the naive "same as last year" for comparison), and how often the 95 % interval held' })
  @ApiBadRequestResponse({ description: 'A bad parameter, named in the answer' })
  async backtest(@Query() query: BacktestQuery, @Caller() caller: Principal) {
    const house = houseScopeOf(caller, query.house);
    const through = lastCompleteMonth(this.clock);
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
