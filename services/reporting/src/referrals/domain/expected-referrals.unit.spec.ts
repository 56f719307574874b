import { actualVsExpected, expectedForPeriod, monthsOf, shareOfChildren, yearSlices, yearToDate } from './expected-referrals';

describe('expected referrals for a period (flat over the year, shared out by the children 0-17)', () => {
  it("Børnehus Midt's 2021 chart, 1.1.2021 – 1.11.2021: 305 of 365 days of the 380 expected cases", () => {
    // Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 + Aug 31 + Sep 30 + Oct 31 = 304, and 1 November: 305 days.
    expect(yearSlices({ from: '2021-01-01', to: '2021-11-01' })).toEqual([{ year: 2021, days: 305, daysInYear: 365 }]);
    // 380 × 305 / 365 = 317.534…
    expect(expectedForPeriod({ from: '2021-01-01', to: '2021-11-01' }, () => 380)).toBeCloseTo(317.534, 3);
    // Aarhus: 62,903 of the 273,897 children of Midt's 19 municipalities: 380 × 62,903 / 273,897 = 87.2705…;
    // × 305 / 365 = 72.9247…
    const aarhus = expectedForPeriod({ from: '2021-01-01', to: '2021-11-01' }, () => shareOfChildren(380, 62_903, 273_897));
    expect(aarhus).toBeCloseTo(72.9247, 4);
    // 70 referrals from Aarhus against 72.92 expected: 70 / 72.9247 = 0.9599 → 0.96.
    expect(actualVsExpected(70, aarhus)).toBe(0.96);
  });

  it('a period across a new year takes each year its own days, year length and expected count', () => {
    // December 2020: 31 of 366 days (leap year) of 400; January 2021: 31 of 365 of 380.
    // 400 × 31 / 366 = 33.8798 and 380 × 31 / 365 = 32.2740: 66.1538.
    expect(yearSlices({ from: '2020-12-01', to: '2021-01-31' })).toEqual([
      { year: 2020, days: 31, daysInYear: 366 },
      { year: 2021, days: 31, daysInYear: 365 },
    ]);
    expect(expectedForPeriod({ from: '2020-12-01', to: '2021-01-31' }, (y) => (y === 2020 ? 400 : 380))).toBeCloseTo(66.1538, 4);
    // A year without an expected count makes the period's unknown, not smaller.
    expect(expectedForPeriod({ from: '2020-12-01', to: '2021-01-31' }, (y) => (y === 2020 ? null : 380))).toBeNull();
  });

  it('shares nothing out when the population or the budget is missing', () => {
    expect(shareOfChildren(null, 100, 1000)).toBeNull();
    expect(shareOfChildren(380, undefined, 1000)).toBeNull();
    expect(shareOfChildren(380, 100, 0)).toBeNull();
    expect(shareOfChildren(380, 100, 1000)).toBe(38);
  });

  it('rounds actual/expected half up to 2 decimals, and has none without an expectation or a shown count', () => {
    expect(actualVsExpected(1, 8)).toBe(0.13); // 0.125
    expect(actualVsExpected(2, 3)).toBe(0.67);
    expect(actualVsExpected(5, 0)).toBeNull();
    expect(actualVsExpected(5, null)).toBeNull();
    expect(actualVsExpected(null, 3)).toBeNull();
  });

  it('cuts a period into its calendar months, the first and last cut to the period', () => {
    expect(monthsOf({ from: '2021-10-15', to: '2022-01-01' })).toEqual([
      { month: '2021-10', from: '2021-10-15', to: '2021-10-31' },
      { month: '2021-11', from: '2021-11-01', to: '2021-11-30' },
      { month: '2021-12', from: '2021-12-01', to: '2021-12-31' },
      { month: '2022-01', from: '2022-01-01', to: '2022-01-01' },
    ]);
    expect(monthsOf({ from: '2024-02-01', to: '2024-02-29' })).toEqual([{ month: '2024-02', from: '2024-02-01', to: '2024-02-29' }]);
  });
});

describe('the year to date against the expected count for the year', () => {
  it('Børnehus Syd, "265 (pr. 30.6.21) … Vi havde i 2021 forventet 675 sager"', () => {
    // 1.1.–30.6.2021 = 31 + 28 + 31 + 30 + 31 + 30 = 181 of 365 days.
    // Expected to date 675 × 181 / 365 = 334.726… → 334.73; 265 / 334.726 = 0.7917 → 0.79;
    // 265 / 675 = 39.26 % → 39 %; at this pace 265 × 365 / 181 = 534.392… → 534.39 for the year
    // (Syd: "et fald på knap 100 sager ift. 2020" — 621 in 2020, 621 − 534 = 87).
    expect(yearToDate(2021, '2021-06-30', 265, 675)).toEqual({
      year: 2021,
      asOf: '2021-06-30',
      daysElapsed: 181,
      daysInYear: 365,
      referrals: 265,
      expectedForYear: 675,
      expectedToDate: 334.73,
      ratioToDate: 0.79,
      percentOfYearReached: 39,
      projectedForYear: 534.39,
    });
  });

  it('a house without an expected count in the budget still gets its count and pace', () => {
    // 2024 is a leap year: 1 January alone is 1 of 366 days; 2 × 366 = 732.
    expect(yearToDate(2024, '2024-01-01', 2, null)).toMatchObject({ daysElapsed: 1, daysInYear: 366, expectedToDate: null, ratioToDate: null, percentOfYearReached: null, projectedForYear: 732 });
    // The whole year: expected to date is the year's count; 1 of 8 = 12.5 % → 13 %.
    expect(yearToDate(2023, '2023-12-31', 1, 8)).toMatchObject({ daysElapsed: 365, expectedToDate: 8, ratioToDate: 0.13, percentOfYearReached: 13, projectedForYear: 1 });
  });
});
