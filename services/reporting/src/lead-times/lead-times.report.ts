import { addDays, addMonths, daysBetween } from '@sagsspor/calendar';
import type { Period } from '../reports/report-query';
import { ageBuckets, type LeadTimeSummary, nearestRank, roundHalfUp, summarize } from './domain/lead-time-statistics';

// Lead times (indskrivningstid) for closed cases, the open cases by age with those about to pass
// 90 and 120 days, the wait from referral to opening, and the municipality's § 20 deadline
// (aware + 4 months). Pure: rows and dates come in.

export interface ClosedCase {
  houseCode: string;
  leadTimeDays: number;
}

export interface OpenCase {
  caseId: string;
  houseCode: string;
  municipalityCode: string;
  openedAt: string;
  municipalityAwareAt: string;
}

export interface OpenedCase {
  houseCode: string;
  waitingDays: number;
}

export interface DeadlineCase {
  caseId: string;
  houseCode: string;
  municipalityCode: string;
  openedAt: string;
  ageDays: number;
  /** The day the deadline is passed (the first day beyond it). */
  passesOn: string;
}

export interface OpenCasesSummary {
  count: number;
  byAge: { bucket: string; count: number }[];
  /** Within 90 days today, beyond 90 within the warning window. */
  approaching90: DeadlineCase[];
  passed90: number;
  approaching120: DeadlineCase[];
  passed120: number;
  section20: { approaching: DeadlineCase[]; passed: DeadlineCase[] };
}

export interface WaitingSummary {
  casesOpened: number;
  averageDays: number | null;
  medianDays: number | null;
}

export interface LeadTimesGroup {
  houseCode: string | 'all';
  closed: LeadTimeSummary;
  open: OpenCasesSummary;
  waitingReferralToOpened: WaitingSummary;
}

function openSummary(cases: readonly OpenCase[], asOf: string, warningDays: number): OpenCasesSummary {
  const aged = cases.map((c) => ({ ...c, ageDays: daysBetween(c.openedAt, asOf) }));
  const deadline = (limit: number) => {
    const approaching: DeadlineCase[] = [];
    let passed = 0;
    for (const c of aged) {
      if (c.ageDays > limit) passed++;
      else if (limit + 1 - c.ageDays <= warningDays) approaching.push({ caseId: c.caseId, houseCode: c.houseCode, municipalityCode: c.municipalityCode, openedAt: c.openedAt, ageDays: c.ageDays, passesOn: addDays(c.openedAt, limit + 1) });
    }
    return { approaching: approaching.sort((a, b) => b.ageDays - a.ageDays || (a.caseId < b.caseId ? -1 : 1)), passed };
  };
  const lead90 = deadline(90);
  const lead120 = deadline(120);
  const section20 = { approaching: [] as DeadlineCase[], passed: [] as DeadlineCase[] };
  for (const c of aged) {
    const due = addMonths(c.municipalityAwareAt, 4);
    const entry = { caseId: c.caseId, houseCode: c.houseCode, municipalityCode: c.municipalityCode, openedAt: c.openedAt, ageDays: c.ageDays, passesOn: addDays(due, 1) };
    if (asOf > due) section20.passed.push(entry);
    else if (daysBetween(asOf, due) < warningDays) section20.approaching.push(entry);
  }
  return {
    count: cases.length,
    byAge: ageBuckets.map((b) => ({ bucket: b.label, count: aged.filter((c) => c.ageDays >= b.min && c.ageDays <= b.max).length })),
    approaching90: lead90.approaching,
    passed90: lead90.passed,
    approaching120: lead120.approaching,
    passed120: lead120.passed,
    section20,
  };
}

function waitingSummary(opened: readonly OpenedCase[]): WaitingSummary {
  const sorted = opened.map((o) => o.waitingDays).sort((a, b) => a - b);
  return { casesOpened: sorted.length, averageDays: sorted.length === 0 ? null : roundHalfUp(sorted.reduce((a, b) => a + b, 0), sorted.length), medianDays: nearestRank(sorted, 50) };
}

/** One group for all the cases in scope, then one per house. */
export function leadTimesReport(input: { closed: ClosedCase[]; open: OpenCase[]; opened: OpenedCase[]; houses: string[]; asOf: string; warningDays: number }): LeadTimesGroup[] {
  const group = (houseCode: string | 'all'): LeadTimesGroup => {
    const mine = <T extends { houseCode: string }>(rows: T[]) => (houseCode === 'all' ? rows : rows.filter((r) => r.houseCode === houseCode));
    return {
      houseCode,
      closed: summarize(mine(input.closed).map((c) => c.leadTimeDays)),
      open: openSummary(mine(input.open), input.asOf, input.warningDays),
      waitingReferralToOpened: waitingSummary(mine(input.opened)),
    };
  };
  return [group('all'), ...input.houses.map(group)];
}

/** A summary's rows (a count per key) as the rows they count: `cases` of each. */
export function countedOut<Row>(counts: readonly (Row & { cases: number })[]): Row[] {
  const rows: Row[] = [];
  for (const { cases, ...row } of counts) for (let i = 0; i < cases; i++) rows.push(row as Row);
  return rows;
}

/** A trend covers at most ten years. */
export const MAX_TREND_MONTHS = 120;

export interface TrendMonth {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

export interface LeadTimeTrendMonth extends TrendMonth {
  closed: LeadTimeSummary;
}

/** The calendar months of a period that have begun by `today`, the first and the last cut to the period. */
export function trendMonths(period: Period, today: string): TrendMonth[] {
  const months: TrendMonth[] = [];
  for (let first = `${period.from.slice(0, 7)}-01`; first <= period.to && first <= today; first = addMonths(first, 1)) {
    const last = addDays(addMonths(first, 1), -1);
    months.push({ month: first.slice(0, 7), from: first < period.from ? period.from : first, to: last > period.to ? period.to : last });
  }
  return months;
}

/** How many calendar months a period touches. */
export function monthsTouched(period: Period): number {
  const [fromYear, fromMonth] = period.from.split('-').map(Number);
  const [toYear, toMonth] = period.to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** The closed-case lead times of each month of the period, from the count of closed cases per month and lead time. */
export function leadTimeTrend(period: Period, today: string, counts: readonly { month: string; leadTimeDays: number; cases: number }[]): LeadTimeTrendMonth[] {
  const days = new Map<string, number[]>();
  for (const c of counts) {
    if (!days.has(c.month)) days.set(c.month, []);
    const list = days.get(c.month)!;
    for (let i = 0; i < c.cases; i++) list.push(c.leadTimeDays);
  }
  return trendMonths(period, today).map((m) => ({ ...m, closed: summarize(days.get(m.month) ?? []) }));
}
