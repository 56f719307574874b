import { addDays } from '@sagsspor/calendar';
import { leadTimesReport, type OpenCase } from './lead-times.report';

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
