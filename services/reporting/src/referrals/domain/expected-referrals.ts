import { addDays, daysBetween } from '@sagsspor/calendar';
import { round2 } from '../../reports/expected-cases';

// The pure arithmetic of the referral report (ADR 0073): expected referrals for any period from
// the house's expected count for each year (the operating budget's expected cases), shared out by
// the children aged 0-17 and spread evenly over the year's days (flat: no source gives the
// houses' seasonality, so we assume none); actual/expected; and the year to date.

export interface Period {
  from: string;
  to: string;
}

export interface YearSlice {
  year: number;
  /** Days of the period in this calendar year. */
  days: number;
  /** Days of the year (365 or 366). */
  daysInYear: number;
}

export const daysInYear = (year: number) => daysBetween(`${year}-01-01`, `${year + 1}-01-01`);

/** The period cut into its calendar years: the days of the period in each. */
export function yearSlices({ from, to }: Period): YearSlice[] {
  const slices: YearSlice[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const start = from > `${year}-01-01` ? from : `${year}-01-01`;
    const end = to < `${year}-12-31` ? to : `${year}-12-31`;
    slices.push({ year, days: daysBetween(start, end) + 1, daysInYear: daysInYear(year) });
  }
  return slices;
}

/** The calendar months of the period, each cut to the period (`2021-11` of 1.1.–1.11.2021 is its first day). */
export function monthsOf({ from, to }: Period): (Period & { month: string })[] {
  const months: (Period & { month: string })[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; ) {
    const next = first.slice(5, 7) === '12' ? `${Number(first.slice(0, 4)) + 1}-01-01` : `${first.slice(0, 5)}${String(Number(first.slice(5, 7)) + 1).padStart(2, '0')}-01`;
    months.push({ month: first.slice(0, 7), from: first < from ? from : first, to: addDays(next, -1) > to ? to : addDays(next, -1) });
    first = next;
  }
  return months;
}

/**
 * A group's expected referrals for the period: Σ over the period's years of the group's expected
 * count for the year × the period's days in the year / the year's days. `forYear` answers a
 * year's count (null: not known, e.g. no budget or no population, and then the whole is null).
 * Unrounded: round only what is shown.
 */
export function expectedForPeriod(period: Period, forYear: (year: number) => number | null): number | null {
  let sum = 0;
  for (const slice of yearSlices(period)) {
    const yearly = forYear(slice.year);
    if (yearly === null) return null;
    sum += (yearly * slice.days) / slice.daysInYear;
  }
  return sum;
}

/** A municipality's share of its house's expected count: children of the municipality / children of every municipality the house is the default house of. */
export function shareOfChildren(expectedForHouse: number | null, children: number | undefined, childrenOfHouseArea: number): number | null {
  if (expectedForHouse === null || children === undefined || childrenOfHouseArea === 0) return null;
  return (expectedForHouse * children) / childrenOfHouseArea;
}

/** actual / expected to 2 decimals (half up); null when nothing was expected or the count is hidden. */
export function actualVsExpected(actual: number | null, expected: number | null): number | null {
  if (actual === null || expected === null || expected === 0) return null;
  return round2(actual / expected);
}

export interface YearToDate {
  year: number;
  asOf: string;
  daysElapsed: number;
  daysInYear: number;
  referrals: number;
  /** The budget's expected cases for the year (null: the budget has none). */
  expectedForYear: number | null;
  /** expectedForYear × daysElapsed / daysInYear, 2 decimals. */
  expectedToDate: number | null;
  /** referrals / expectedToDate. */
  ratioToDate: number | null;
  /** Whole percent (half up) of the year's expected count reached: Syd's 265 of 675. */
  percentOfYearReached: number | null;
  /** referrals × daysInYear / daysElapsed, 2 decimals: the year's count if the pace holds. */
  projectedForYear: number;
}

/** Børnehus Syd's "265 (pr. 30.6.21) … forventet 675": the count so far against the year's expected count, flat over the days. */
export function yearToDate(year: number, asOf: string, referrals: number, expectedForYear: number | null): YearToDate {
  const total = daysInYear(year);
  const elapsed = daysBetween(`${year}-01-01`, asOf) + 1;
  const expectedToDate = expectedForYear === null ? null : (expectedForYear * elapsed) / total;
  return {
    year,
    asOf,
    daysElapsed: elapsed,
    daysInYear: total,
    referrals,
    expectedForYear,
    expectedToDate: expectedToDate === null ? null : round2(expectedToDate),
    ratioToDate: actualVsExpected(referrals, expectedToDate),
    percentOfYearReached: expectedForYear ? Math.floor((referrals * 200 + expectedForYear) / (2 * expectedForYear)) : null,
    projectedForYear: round2((referrals * total) / elapsed),
  };
}
