import { annualTotals, backtest, forecast, type MonthlyCount } from './forecast';
import { ModelInputError } from './model-input-error';

/** A year's cases spread over its months (the remainder in the first months), all in one municipality unless split. */
function year(y: number, total: number, municipalityCode = '751', months = 12): MonthlyCount[] {
  return Array.from({ length: months }, (_, i) => ({
    month: `${y}-${String(i + 1).padStart(2, '0')}`,
    municipalityCode,
    cases: Math.floor(total / months) + (i < total % months ? 1 : 0),
  })).filter((m) => m.cases > 0);
}

describe('forecast of next year’s closed cases', () => {
  it('extends the straight line through the last years when there are four or more (worked by hand)', () => {
    // 2021-2024: 100, 110, 120, 130 → slope 10 a year → 2025: 140.
    // Backtest: 2023 from 2021-22 and 2024 from 2021-23 have fewer than four years: last year's total, 110 (actual 120)
    // and 120 (actual 130): MAE 10, MAPE (8.33 + 7.69) / 2 = 8.0 %. Two backtests are too few for the interval, so
    // r = 15 %: σ = max(√140 = 11.8, 140 × 0.15 = 21) = 21; 140 ± 1.96 × 21 = 140 ± 41.2 → [99, 181].
    const f = forecast([...year(2021, 100), ...year(2022, 110), ...year(2023, 120), ...year(2024, 130)], 2025, '2024-12');
    expect(f).toMatchObject({ method: 'linear-trend', expectedCases: 140, slopePerYear: 10, interval: { low: 99, high: 181 }, intervalBasis: 'default', lastYearActual: { year: 2024, cases: 130 } });
    expect(f.backtest).toMatchObject({ mae: 10, mape: 8, years: [{ year: 2023, forecast: 110, actual: 120 }, { year: 2024, forecast: 120, actual: 130 }] });
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
    // Forecasting 2025 itself uses only the years before it: three years, so last year's 120.
    expect(forecast(history, 2025, '2025-06')).toMatchObject({ method: 'last-year', expectedCases: 120, historyThrough: '2024-12' });
  });

  it('splits the house forecast over municipalities by their share, with wider intervals for the small (worked by hand)', () => {
    // 2022-2024: Aarhus (751) 72 and Viborg (791) 24 a year: 96 in all; three years → last year's 96; shares over
    // 2022-24 0.75 / 0.25 → 72 / 24.
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
    //   2021 from 2019-20 (two years: last year) → 120, actual 110, error +10 (9.1 %)
    //   2022 from 2019-21 (three years: last year) → 110, actual 130, error −20 (15.4 %)
    //   2023 from 2019-22: mean year 2020.5, mean 115, slope (−1.5·−15 − 0.5·5 + 0.5·−5 + 1.5·15) / 5 = 8 → 115 + 8 × 2.5 = 135,
    //        actual 120, error +15 (12.5 %)
    //   2024 from 2019-23: mean year 2021, mean 116, slope (−2·−16 − 1·4 + 0 + 1·14 + 2·4) / 10 = 5 → 116 + 5 × 3 = 131,
    //        actual 140, error −9 (6.4 %)
    //   MAE (10 + 20 + 15 + 9) / 4 = 13.5; MAPE (9.09 + 15.38 + 12.5 + 6.43) / 4 = 10.9 %
    //   naive: |120−110| + |110−130| + |130−120| + |120−140| = 60 → MAE 15; MAPE (9.09 + 15.38 + 8.33 + 14.29) / 4 = 11.8 %
    const history = [2019, 2020, 2021, 2022, 2023, 2024].flatMap((y, i) => year(y, [100, 120, 110, 130, 120, 140][i]));
    const bt = backtest(annualTotals(history, '2024-12').complete);
    expect(bt.years.map((y) => [y.year, y.forecast, y.actual, y.error, y.absolutePercentError])).toEqual([
      [2021, 120, 110, 10, 9.1],
      [2022, 110, 130, -20, 15.4],
      [2023, 135, 120, 15, 12.5],
      [2024, 131, 140, -9, 6.4],
    ]);
    expect(bt).toMatchObject({ mae: 13.5, mape: 10.9, lastYearMae: 15, lastYearMape: 11.8, intervalCoveragePercent: 100 });
    // 2025 from 2020-24 (120, 110, 130, 120, 140): mean 124, slope (−2·−4 − 1·−14 + 0 + 1·−4 + 2·16) / 10 = 5 → 124 + 5 × 3 = 139.
    // Four backtests → r = √mean((10/110)², (20/130)², (15/120)², (9/140)²) = 0.114: σ = max(√139 = 11.8, 139 × 0.114 = 15.8)
    // → 139 ± 31.0 → [108, 170].
    expect(forecast(history, 2025, '2024-12')).toMatchObject({ expectedCases: 139, interval: { low: 108, high: 170 }, intervalBasis: 'backtest', relativeError: 0.114 });
  });

  it('skips a first year that began mid-year, and refuses a history without a complete year', () => {
    // The house opened in October 2013: 2013 is not a whole year.
    expect(annualTotals([...year(2013, 30, '751', 3).map((m) => ({ ...m, month: m.month.replace(/-0(\d)$/, (_, d) => `-1${Number(d) - 1}`) })), ...year(2014, 100)], '2014-12').complete.map((y) => y.year)).toEqual([2014]);
    expect(() => forecast([], 2026, '2025-10')).toThrow(ModelInputError);
    expect(() => forecast(year(2025, 50, '751', 10).slice(1), 2026, '2025-10')).toThrow(/nothing to forecast from/);
  });

  it('uses last year with fewer than four complete years, and never forecasts below zero', () => {
    expect(forecast(year(2024, 50), 2025, '2024-12')).toMatchObject({ method: 'last-year', expectedCases: 50 });
    expect(forecast([...year(2022, 30), ...year(2023, 40), ...year(2024, 50)], 2025, '2024-12')).toMatchObject({ method: 'last-year', expectedCases: 50 });
    // 40, 30, 10, 1: slope −13.7 → 20.25 − 13.7 × 2.5 = −14 → 0.
    expect(forecast([...year(2021, 40), ...year(2022, 30), ...year(2023, 10), ...year(2024, 1)], 2025, '2024-12').expectedCases).toBe(0);
  });
});

describe('backtest on a generated history', () => {
  // A house like Børnehus Midt 2014-2025: about 160 closed cases in 2014 growing ~9 % a year (toward ~420 in 2025),
  // a summer dip (July at 60 %), a Covid dip in spring 2020, monthly counts drawn from a Poisson distribution with a
  // fixed seed. The figures are in docs/forecasting.md.
  function generatedHistory(seed: number): MonthlyCount[] {
    let state = seed >>> 0;
    const uniform = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) + 0.5) / 2 ** 32;
    const poisson = (mean: number) => {
      let k = 0;
      for (let p = uniform(), limit = Math.exp(-mean); p > limit; p *= uniform()) k++;
      return k;
    };
    const season = [1.05, 1.05, 1.1, 1.0, 1.05, 0.95, 0.6, 0.85, 1.1, 1.1, 1.1, 1.05];
    const history: MonthlyCount[] = [];
    for (let y = 2014; y <= 2025; y++) {
      for (let m = 0; m < 12; m++) {
        const covid = y === 2020 && (m === 3 || m === 4) ? 0.6 : 1;
        const mean = ((160 * 1.09 ** (y - 2014)) / 12) * season[m] * covid;
        history.push({ month: `${y}-${String(m + 1).padStart(2, '0')}`, municipalityCode: m % 3 === 0 ? '791' : '751', cases: poisson(mean) });
      }
    }
    return history;
  }

  it('forecasts each year 2016-2025 within about 10 % on average, better than "same as last year", and the 95 % interval holds', () => {
    const figures = [1, 2, 3].map((seed) => backtest(annualTotals(generatedHistory(seed), '2025-12').complete));
    for (const bt of figures) {
      expect(bt.years.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
      expect(bt.mape!).toBeLessThan(10);
      expect(bt.mape!).toBeLessThan(bt.lastYearMape!);
      expect(bt.intervalCoveragePercent!).toBeGreaterThanOrEqual(80);
    }
    // The figures quoted in docs/forecasting.md.
    expect(figures.map((f) => [f.mae, f.mape, f.lastYearMae, f.lastYearMape, f.intervalCoveragePercent])).toEqual([
      [24.3, 8, 27.2, 9.3, 90],
      [16.4, 6, 24.3, 8.3, 100],
      [13.4, 4.8, 20.6, 7.2, 100],
    ]);
    process.stdout.write(`generated-history backtest: ${JSON.stringify(figures.map((f) => ({ mae: f.mae, mape: f.mape, lastYearMae: f.lastYearMae, lastYearMape: f.lastYearMape, coverage: f.intervalCoveragePercent, r: f.rmsRelativeError })))}\n`);
  });
});
