// Next year's expected case count (pure, no I/O). Method and figures: docs/forecasting.md.
//
// What is counted: closed (= settled, "afregnede") cases by the month of their closing date, the
// count the tariff is set against and the one the houses present ("Afregnede sager ... per år").
//
// 1. Annual totals from the monthly history. A year is complete when the history covers all of
//    its months: the first year counts only if its first case closed in January; the running year
//    counts up to the last complete month.
// 2. A running (partial) year just before the target is completed by its seasonal share: the
//    observed months × (the cases of the complete years of the window / their cases in the same
//    months), or × 12 / months when there is no complete year to learn the season from.
// 3. Point forecast: the least-squares straight line through the last (up to) five annual totals,
//    extended to the target year (never below 0); with fewer than four years, the last year's total
//    (a line through two or three noisy years swings more than it helps: docs/forecasting.md).
// 4. 95 % prediction interval: point ± 1.96 σ, σ = max(√point, point × r), where r is the root mean
//    square of the relative errors of the same method's one-year-ahead forecasts of the earlier
//    years (the backtest); with fewer than three of those, r = 15 %. √point is the Poisson floor: a
//    count is never more certain than that.
// 5. Per municipality: the house's point split by each municipality's share of the house's cases in
//    the window's years (the last five; largest remainder, so they sum to the house's figure); its interval adds its
//    own Poisson noise to its share of the house's uncertainty: σₘ = √((share × σ)² + pointₘ).

import { ModelInputError } from './model-input-error';

export const WINDOW_YEARS = 5;
export const MIN_TREND_YEARS = 4;

export interface ForecastMethod {
  windowYears: number;
  minTrendYears: number;
}
export const defaultMethod: ForecastMethod = { windowYears: WINDOW_YEARS, minTrendYears: MIN_TREND_YEARS };
export const Z_95 = 1.96;
export const DEFAULT_RELATIVE_ERROR = 0.15;
export const MIN_BACKTESTS_FOR_INTERVAL = 3;

export interface MonthlyCount {
  /** YYYY-MM */
  month: string;
  municipalityCode: string;
  cases: number;
}

export interface YearTotal {
  year: number;
  cases: number;
  /** Months of the year the history covers (12 for a complete year). */
  monthsObserved: number;
  /** For a running year completed by its seasonal share: the cases actually observed. */
  observedCases?: number;
}

const yearOf = (month: string) => Number(month.slice(0, 4));
const monthIndexOf = (month: string) => Number(month.slice(5, 7)) - 1;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Cases per year and month (index 0-11), from the first year with a case to the year of lastCompleteMonth. */
function monthlyGrid(monthly: readonly MonthlyCount[], lastCompleteMonth: string): { firstMonth: string; years: Map<number, number[]> } | undefined {
  const observed = monthly.filter((m) => m.month <= lastCompleteMonth && m.cases > 0);
  if (observed.length === 0) return undefined;
  const firstMonth = observed.reduce((a, m) => (m.month < a ? m.month : a), observed[0].month);
  const years = new Map<number, number[]>();
  for (let y = yearOf(firstMonth); y <= yearOf(lastCompleteMonth); y++) years.set(y, Array(12).fill(0));
  for (const m of observed) years.get(yearOf(m.month))![monthIndexOf(m.month)] += m.cases;
  return { firstMonth, years };
}

/** The complete annual totals, and the running year (partial) if the history ends inside one. */
export function annualTotals(monthly: readonly MonthlyCount[], lastCompleteMonth: string): { complete: YearTotal[]; running?: { year: number; months: number[] } } {
  const grid = monthlyGrid(monthly, lastCompleteMonth);
  if (!grid) return { complete: [] };
  const lastYear = yearOf(lastCompleteMonth);
  const monthsInLastYear = monthIndexOf(lastCompleteMonth) + 1;
  const complete: YearTotal[] = [];
  for (const [year, months] of grid.years) {
    if (year === yearOf(grid.firstMonth) && monthIndexOf(grid.firstMonth) > 0) continue;
    if (year === lastYear && monthsInLastYear < 12) continue;
    complete.push({ year, cases: months.reduce((a, b) => a + b, 0), monthsObserved: 12 });
  }
  const running = monthsInLastYear < 12 && grid.years.has(lastYear) && !(lastYear === yearOf(grid.firstMonth) && monthIndexOf(grid.firstMonth) > 0) ? { year: lastYear, months: grid.years.get(lastYear)!.slice(0, monthsInLastYear) } : undefined;
  return { complete, running };
}

/** Completes a running year by its seasonal share in the complete years of the window before it. */
export function completeRunningYear(complete: readonly YearTotal[], running: { year: number; months: number[] }, monthlyByYear: Map<number, number[]>): YearTotal {
  const observedCases = running.months.reduce((a, b) => a + b, 0);
  const m = running.months.length;
  const window = complete.filter((y) => y.year < running.year).slice(-WINDOW_YEARS);
  const sameMonths = window.reduce((n, y) => n + (monthlyByYear.get(y.year) ?? []).slice(0, m).reduce((a, b) => a + b, 0), 0);
  const wholeYears = window.reduce((n, y) => n + y.cases, 0);
  const factor = m === 0 ? 0 : sameMonths > 0 ? wholeYears / sameMonths : 12 / m;
  return { year: running.year, cases: observedCases * factor, monthsObserved: m, observedCases };
}

export interface PointForecast {
  method: 'linear-trend' | 'last-year';
  /** Unrounded. */
  value: number;
  years: YearTotal[];
  slopePerYear?: number;
}

/** The straight line through the last (up to) five annual totals before the target, at the target year; with fewer than four, the last year. */
export function pointForecast(years: readonly YearTotal[], targetYear: number, method: ForecastMethod = defaultMethod): PointForecast {
  const used = years.filter((y) => y.year < targetYear).slice(-method.windowYears);
  if (used.length === 0) throw new ModelInputError('history', `no complete year of closed cases before ${targetYear} to forecast from`);
  if (used.length < Math.max(2, method.minTrendYears)) return { method: 'last-year', value: used.at(-1)!.cases, years: used.slice(-1) };
  const xMean = used.reduce((a, y) => a + y.year, 0) / used.length;
  const yMean = used.reduce((a, y) => a + y.cases, 0) / used.length;
  const slope = used.reduce((a, y) => a + (y.year - xMean) * (y.cases - yMean), 0) / used.reduce((a, y) => a + (y.year - xMean) ** 2, 0);
  return { method: 'linear-trend', value: Math.max(0, yMean + slope * (targetYear - xMean)), years: used, slopePerYear: slope };
}

export interface BacktestYear {
  year: number;
  actual: number;
  forecast: number;
  error: number;
  /** |error| / actual × 100, one decimal; null when actual is 0. */
  absolutePercentError: number | null;
  lastYearForecast: number;
  interval: { low: number; high: number };
  withinInterval: boolean;
}

export interface BacktestSummary {
  years: BacktestYear[];
  /** Mean absolute error in cases (one decimal); null without any backtest year. */
  mae: number | null;
  /** Mean absolute percentage error (one decimal). */
  mape: number | null;
  /** The same for the naive forecast "next year = last year", to compare with. */
  lastYearMae: number | null;
  lastYearMape: number | null;
  /** Share of the actuals inside their 95 % interval (percent, whole). */
  intervalCoveragePercent: number | null;
  /** Root mean square relative error of the trend forecasts (the r of the interval). */
  rmsRelativeError: number | null;
}

const interval = (point: number, sigma: number) => ({ low: Math.max(0, Math.round(point - Z_95 * sigma)), high: Math.round(point + Z_95 * sigma) });

function rmsRelative(errors: readonly { error: number; actual: number }[]): number | null {
  const relative = errors.filter((e) => e.actual > 0).map((e) => e.error / e.actual);
  return relative.length === 0 ? null : Math.sqrt(relative.reduce((a, r) => a + r * r, 0) / relative.length);
}

/** σ of a forecast from the relative errors of earlier backtests (default r when fewer than three). */
export function sigmaOf(point: number, earlier: readonly { error: number; actual: number }[]): { sigma: number; relativeError: number; basis: 'backtest' | 'default' } {
  const r = earlier.filter((e) => e.actual > 0).length >= MIN_BACKTESTS_FOR_INTERVAL ? rmsRelative(earlier) : null;
  const relativeError = r ?? DEFAULT_RELATIVE_ERROR;
  return { sigma: Math.max(Math.sqrt(point), point * relativeError), relativeError, basis: r === null ? 'default' : 'backtest' };
}

const mean = (xs: number[]) => (xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length));

/**
 * Forecasts every complete year that has at least two complete years before it from those years
 * only, as the method would have done on 1 January of that year, and compares with what happened.
 */
export function backtest(complete: readonly YearTotal[], method: ForecastMethod = defaultMethod): BacktestSummary {
  const years: BacktestYear[] = [];
  for (let i = 2; i < complete.length; i++) {
    const target = complete[i];
    const forecast = Math.round(pointForecast(complete.slice(0, i), target.year, method).value);
    const { sigma } = sigmaOf(forecast, years);
    const range = interval(forecast, sigma);
    years.push({
      year: target.year,
      actual: target.cases,
      forecast,
      error: forecast - target.cases,
      absolutePercentError: target.cases > 0 ? round1((Math.abs(forecast - target.cases) / target.cases) * 100) : null,
      lastYearForecast: complete[i - 1].cases,
      interval: range,
      withinInterval: target.cases >= range.low && target.cases <= range.high,
    });
  }
  const withPercent = years.filter((y) => y.actual > 0);
  const r = rmsRelative(years);
  return {
    years,
    mae: mean(years.map((y) => Math.abs(y.error))),
    mape: mean(withPercent.map((y) => (Math.abs(y.error) / y.actual) * 100)),
    lastYearMae: mean(years.map((y) => Math.abs(y.lastYearForecast - y.actual))),
    lastYearMape: mean(withPercent.map((y) => (Math.abs(y.lastYearForecast - y.actual) / y.actual) * 100)),
    intervalCoveragePercent: years.length === 0 ? null : Math.round((years.filter((y) => y.withinInterval).length / years.length) * 100),
    rmsRelativeError: r === null ? null : Math.round(r * 1000) / 1000,
  };
}

export interface MunicipalityForecast {
  municipalityCode: string;
  /** The municipality's share of the house's cases in the last five years (0..1, 4 decimals). */
  share: number;
  expectedCases: number;
  interval: { low: number; high: number };
  /** Cases in the last complete year. */
  lastYearActual: number;
}

export interface Forecast {
  targetYear: number;
  /** The last month the history covers. */
  historyThrough: string;
  method: PointForecast['method'];
  expectedCases: number;
  /** 95 % prediction interval. */
  interval: { low: number; high: number };
  intervalBasis: 'backtest' | 'default';
  relativeError: number;
  slopePerYear: number | null;
  /** The annual totals the line was fitted to; a running year shows its observed cases too. */
  basis: YearTotal[];
  lastYearActual: { year: number; cases: number } | null;
  municipalities: MunicipalityForecast[];
  backtest: BacktestSummary;
}

/** Splits a whole number by weights, largest remainder first (ties: lower code). */
function largestRemainder(total: number, weights: { code: string; weight: number }[]): Map<string, number> {
  const sum = weights.reduce((a, w) => a + w.weight, 0);
  const result = new Map<string, number>();
  if (sum === 0) return new Map(weights.map((w) => [w.code, 0]));
  const quotas = weights.map((w) => ({ code: w.code, exact: (total * w.weight) / sum }));
  for (const q of quotas) result.set(q.code, Math.floor(q.exact));
  let left = total - [...result.values()].reduce((a, b) => a + b, 0);
  for (const q of [...quotas].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.code.localeCompare(b.code))) {
    if (left <= 0) break;
    result.set(q.code, result.get(q.code)! + 1);
    left -= 1;
  }
  return result;
}

/** The forecast of targetYear from the monthly history up to lastCompleteMonth (which must be before targetYear). */
export function forecast(monthly: readonly MonthlyCount[], targetYear: number, lastCompleteMonth: string): Forecast {
  if (yearOf(lastCompleteMonth) >= targetYear) lastCompleteMonth = `${targetYear - 1}-12`;
  const history = monthly.filter((m) => m.month <= lastCompleteMonth);
  const { complete, running } = annualTotals(history, lastCompleteMonth);
  const grid = monthlyGrid(history, lastCompleteMonth)?.years ?? new Map<number, number[]>();
  const basisYears = running && running.months.length > 0 ? [...complete, completeRunningYear(complete, running, grid)] : complete;
  if (basisYears.length === 0) throw new ModelInputError('history', `no closed cases in a complete year before ${targetYear}: nothing to forecast from`);
  const point = pointForecast(basisYears, targetYear);
  const expectedCases = Math.round(point.value);
  const bt = backtest(complete);
  const { sigma, relativeError, basis } = sigmaOf(expectedCases, bt.years);
  const windowYears = new Set(basisYears.filter((y) => y.year < targetYear).slice(-WINDOW_YEARS).map((y) => y.year));
  const byMunicipality = new Map<string, number>();
  const lastComplete = complete.at(-1);
  const lastYearBy = new Map<string, number>();
  for (const m of history) {
    const y = yearOf(m.month);
    if (windowYears.has(y)) byMunicipality.set(m.municipalityCode, (byMunicipality.get(m.municipalityCode) ?? 0) + m.cases);
    if (lastComplete && y === lastComplete.year) lastYearBy.set(m.municipalityCode, (lastYearBy.get(m.municipalityCode) ?? 0) + m.cases);
  }
  const windowTotal = [...byMunicipality.values()].reduce((a, b) => a + b, 0);
  const split = largestRemainder(expectedCases, [...byMunicipality].map(([code, weight]) => ({ code, weight })));
  const municipalities = [...byMunicipality.keys()].sort().map((code) => {
    const share = windowTotal === 0 ? 0 : byMunicipality.get(code)! / windowTotal;
    const pointM = split.get(code)!;
    const sigmaM = Math.sqrt((share * sigma) ** 2 + pointM);
    return { municipalityCode: code, share: Math.round(share * 10_000) / 10_000, expectedCases: pointM, interval: interval(pointM, sigmaM), lastYearActual: lastYearBy.get(code) ?? 0 };
  });
  return {
    targetYear,
    historyThrough: lastCompleteMonth,
    method: point.method,
    expectedCases,
    interval: interval(expectedCases, sigma),
    intervalBasis: basis,
    relativeError: Math.round(relativeError * 1000) / 1000,
    slopePerYear: point.slopePerYear === undefined ? null : round1(point.slopePerYear),
    basis: point.years.map((y) => ({ ...y, cases: round1(y.cases) })),
    lastYearActual: lastComplete ? { year: lastComplete.year, cases: lastComplete.cases } : null,
    municipalities,
    backtest: bt,
  };
}
