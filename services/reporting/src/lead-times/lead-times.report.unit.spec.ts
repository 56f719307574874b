import { addDays } from '@sagsspor/calendar';
import { summarize } from './domain/lead-time-statistics';
import { countedOut, leadTimesReport, leadTimeTrend, monthsTouched, type OpenCase, trendMonths } from './lead-times.report';

const asOf = '2025-06-30';
const openSince = (days: number, awareAt = '2025-06-01'): OpenCase => ({ caseId: `c${days}`, houseCode: 'midt', municipalityCode: '751', openedAt: addDays(asOf, -days), municipalityAwareAt: awareAt });
const report = (open: OpenCase[], warningDays = 14) => leadTimesReport({ closed: [], open, opened: [], houses: ['midt'], asOf, warningDays })[0].open;

describe('open cases in the lead-time report', () => {
  it('flags a case as about to pass 90 days from 14 days before it does, and as past from day 91', () => {
    const open = report([openSince(76), openSince(77), openSince(90), openSince(91)]);
    expect(open.approaching90.map((c) => [c.ageDays, c.passesOn])).toEqual([
      [90, addDays(asOf, 1)],
      [77, addDays(asOf, 14)],
    ]);
    expect(open.passed90).toBe(1);
  });

  it('puts each case in one age bucket', () => {
    expect(report([openSince(0), openSince(30), openSince(31), openSince(120), openSince(121)]).byAge).toEqual([
      { bucket: '0-30', count: 2 },
      { bucket: '31-60', count: 1 },
      { bucket: '61-90', count: 0 },
      { bucket: '91-120', count: 1 },
      { bucket: '121+', count: 1 },
    ]);
  });

  it('counts the § 20 deadline from the day the municipality became aware, 4 months on', () => {
    const open = report([openSince(10, '2025-02-28'), openSince(10, '2025-03-01'), openSince(10, '2025-03-14'), openSince(10, '2025-03-15')]);
    // aware 2025-02-28 → due 2025-06-28 (passed); 03-01 → 07-01 (1 day left); 03-14 → 07-14 (14 days: passes on 07-15, outside); 03-15 → 07-15.
    expect(open.section20.passed.map((c) => c.passesOn)).toEqual(['2025-06-29']);
    expect(open.section20.approaching.map((c) => c.passesOn)).toEqual(['2025-07-02']);
  });
});

describe('the lead-time trend', () => {
  it('has a month for every calendar month of the period that has begun, the first and the last cut to the period', () => {
    expect(trendMonths({ from: '2024-11-20', to: '2025-02-10' }, '2025-06-30')).toEqual([
      { month: '2024-11', from: '2024-11-20', to: '2024-11-30' },
      { month: '2024-12', from: '2024-12-01', to: '2024-12-31' },
      { month: '2025-01', from: '2025-01-01', to: '2025-01-31' },
      { month: '2025-02', from: '2025-02-01', to: '2025-02-10' },
    ]);
    expect(trendMonths({ from: '2025-01-01', to: '2025-12-31' }, '2025-03-01').map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(trendMonths({ from: '2024-02-01', to: '2024-02-29' }, '2025-01-01')).toEqual([{ month: '2024-02', from: '2024-02-01', to: '2024-02-29' }]);
    expect(monthsTouched({ from: '2015-01-31', to: '2024-12-01' })).toBe(120);
    expect(monthsTouched({ from: '2014-12-31', to: '2024-12-01' })).toBe(121);
  });

  it('summarises each month from the count per lead time as from the lead times themselves (median and 90th percentile by nearest rank)', () => {
    const counts = [
      { month: '2025-01', leadTimeDays: 30, cases: 3 },
      { month: '2025-01', leadTimeDays: 95, cases: 1 },
      { month: '2025-01', leadTimeDays: 121, cases: 2 },
      { month: '2025-03', leadTimeDays: 90, cases: 1 },
    ];
    const trend = leadTimeTrend({ from: '2025-01-01', to: '2025-03-31' }, '2025-06-30', counts);
    expect(trend.map((m) => m.closed)).toEqual([summarize([30, 30, 30, 95, 121, 121]), summarize([]), summarize([90])]);
    expect(trend[0].closed).toMatchObject({ count: 6, medianDays: 30, p90Days: 121, within90: { count: 3, percent: 50 } });
  });

  it('counts a summary row out as that many rows', () => {
    expect(countedOut([{ houseCode: 'midt', leadTimeDays: 4, cases: 2 }, { houseCode: 'nord', leadTimeDays: 1, cases: 1 }])).toEqual([
      { houseCode: 'midt', leadTimeDays: 4 },
      { houseCode: 'midt', leadTimeDays: 4 },
      { houseCode: 'nord', leadTimeDays: 1 },
    ]);
  });
});
