import { annualTotals, backtest, forecast, ForecastInputError, type MonthlyCount } from './forecast';

/** A year's cases spread over its months (the remainder in the first months), all in one municipality unless split. */
function year(y: number, total: number, municipalityCode = '751', months = 12): MonthlyCount[] {
  return Array.from({ length: months }, (_, i) => ({
    month: `${y}-${String(i + 1).padStart(2, '0')}`,
    municipalityCode,
    cases: Math.floor(total / months) + (i < total % months ? 1 : 0),
  })).filter((m) => m.cases > 0);
}

describe('forecast of next year’s closed cases', () => {
  it('extends the straight line through the last four years (worked by hand)', () => {
    // 2021-2024: 100, 110, 120, 130 → slope 10 a year → 2025: 140.
    // Backtest: 2023 from 2021-22 → 120 (actual 120); 2024 from 2021-23 → 130 (actual 130). Two backtests are
    // too few for the interval, so r = 15 %: σ = max(√140 = 11.8, 140 × 0.15 = 21) = 21; 140 ± 1.96 × 21 = 140 ± 41.2 → [99, 181].
    const f = forecast([...year(2021, 100), ...year(2022, 110), ...year(2023, 120), ...year(2024, 130)], 2025, '2024-12');
    expect(f).toMatchObject({ method: 'linear-trend', expectedCases: 140, slopePerYear: 10, interval: { low: 99, high: 181 }, intervalBasis: 'default', lastYearActual: { year: 2024, cases: 130 } });
    expect(f.backtest).toMatchObject({ mae: 0, mape: 0, years: [{ year: 2023, forecast: 120, actual: 120 }, { year: 2024, forecast: 130, actual: 130 }] });
  });

  it('completes a running year by its seasonal share before fitting (worked by hand)', () => {
    // 2022-2024: 10 a month (120 a year). 2025 through June: 12 a month = 72.
    // Seasonal share of January-June in 2022-24: 180 of 360 → 2025 ≈ 72 × 360 / 180 = 144.
    // Line through 2022-2025 = 120, 120, 120, 144: mean year 2023.5, mean 126,
    // slope = (−1.5·−6 − 0.5·−6 + 0.5·−6 + 1.5·18) / (2.25 + 0.25 + 0.25 + 2.25) = 36 / 5 = 7.2 → 2026: 126 + 7.2 × 2.5 = 144.
    const history = [...year(2022, 120), ...year(2023, 120), ...year(2024, 120), ...year(2025, 72, '751', 6)];
    const f = forecast(history, 2026, '2025-06');
    expect(f.expectedCases).toBe(144);
    expect(f.basis.at(-1)).toEqual({ year: 2025, cases: 144, monthsObserved: 6, observedCases: 72 });
    // Forecasting 2025 itself uses only the years before it: a flat 120.
    expect(forecast(history, 2025, '2025-06')).toMatchObject({ expectedCases: 120, historyThrough: '2024-12' });
  });

  it('splits the house forecast over municipalities by their share, with wider intervals for the small (worked by hand)', () => {
    // 2022-2024: Aarhus (751) 72 and Viborg (791) 24 a year: 96 in all, flat → 96; shares 0.75 / 0.25 → 72 / 24.
    // One backtest only → r = 15 %: σ = max(√96 = 9.8, 14.4) = 14.4; house 96 ± 28.2 → [68, 124].
    // Aarhus: σ = √((0.75 × 14.4)² + 72) = √188.64 = 13.73 → 72 ± 26.9 → [45, 99].
    // Viborg: σ = √((0.25 × 14.4)² + 24) = √36.96 = 6.08 → 24 ± 11.9 → [12, 36].
    const history = [2022, 2023, 2024].flatMap((y) => [...year(y, 72, '751'), ...year(y, 24, '791')]);
    const f = forecast(history, 2025, '2024-12');
    expect(f).toMatchObject({ expectedCases: 96, interval: { low: 68, high: 124 } });
    expect(f.municipalities).toEqual([
      { municipalityCode: '751', share: 0.75, expectedCases: 72, interval: { low: 45, high: 99 }, lastYearActual: 72 },
      { municipalityCode: '791', share: 0.25, expectedCases: 24, interval: { low: 12, high: 36 }, lastYearActual: 24 },
    ]);
  });

  it('backtests every year with two years before it, against the naive "same as last year" (worked by hand)', () => {
    // 2019-2024: 100, 120, 110, 130, 120, 140.
    //   2021 from 2019-20: slope 20 → 140, actual 110, error +30 (27.3 %)
    //   2022 from 2019-21: mean 110, slope (−1·−10 + 1·0)/2 = 5 → 120, actual 130, error −10 (7.7 %)
    //   2023 from 2019-22: mean 115, slope (22.5 − 2.5 − 2.5 + 22.5)/5 = 8 → 135, actual 120, error +15 (12.5 %)
    //   2024 from 2020-23: mean 120, slope (0 + 5 + 5 + 0)/5 = 2 → 125, actual 140, error −15 (10.7 %)
    //   MAE (30 + 10 + 15 + 15)/4 = 17.5; MAPE (27.27 + 7.69 + 12.5 + 10.71)/4 = 14.5 %
    //   naive: |120−110| + |110−130| + |130−120| + |120−140| = 60 → MAE 15; MAPE (9.09 + 15.38 + 8.33 + 14.29)/4 = 11.8 %
    const history = [2019, 2020, 2021, 2022, 2023, 2024].flatMap((y, i) => year(y, [100, 120, 110, 130, 120, 140][i]));
    const bt = backtest(annualTotals(history, '2024-12').complete);
    expect(bt.years.map((y) => [y.year, y.forecast, y.actual, y.error, y.absolutePercentError])).toEqual([
      [2021, 140, 110, 30, 27.3],
      [2022, 120, 130, -10, 7.7],
      [2023, 135, 120, 15, 12.5],
      [2024, 125, 140, -15, 10.7],
    ]);
    expect(bt).toMatchObject({ mae: 17.5, mape: 14.5, lastYearMae: 15, lastYearMape: 11.8, intervalCoveragePercent: 100 });
    // 2025 from 2021-24 (110, 130, 120, 140): mean 125, slope 8 → 145. Four backtests → r = √mean((30/110)², (10/130)², (15/120)², (15/140)²) = 0.164:
    // σ = max(√145, 145 × 0.164 = 23.8) → 145 ± 46.6 → [98, 192].
    expect(forecast(history, 2025, '2024-12')).toMatchObject({ expectedCases: 145, interval: { low: 98, high: 192 }, intervalBasis: 'backtest', relativeError: 0.164 });
  });

  it('skips a first year that began mid-year, and refuses a history without a complete year', () => {
    // The house opened in October 2013: 2013 is not a whole year.
    expect(annualTotals([...year(2013, 30, '751', 3).map((m) => ({ ...m, month: m.month.replace(/-0(\d)$/, (_, d) => `-1${Number(d) - 1}`) })), ...year(2014, 100)], '2014-12').complete.map((y) => y.year)).toEqual([2014]);
    expect(() => forecast([], 2026, '2025-10')).toThrow(ForecastInputError);
    expect(() => forecast(year(2025, 50, '751', 10).slice(1), 2026, '2025-10')).toThrow(/nothing to forecast from/);
  });

  it('uses last year when it is the only complete year, and never forecasts below zero', () => {
    expect(forecast(year(2024, 50), 2025, '2024-12')).toMatchObject({ method: 'last-year', expectedCases: 50 });
    expect(forecast([...year(2022, 30), ...year(2023, 10), ...year(2024, 1)], 2025, '2024-12').expectedCases).toBe(0);
  });
});
