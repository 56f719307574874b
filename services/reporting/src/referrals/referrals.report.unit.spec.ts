import { referralReport, type ReferralReportInput } from './referrals.report';

// A small country: two regions, one house each. North (house n): A 600 children, B 400; South (house s): C 1,000.
// Budgets 2023: n expects 100 cases, s none. The period 1.1.–31.3.2023 is 90 of 365 days.
const input = (over: Partial<ReferralReportInput> = {}): ReferralReportInput => ({
  period: { from: '2023-01-01', to: '2023-03-31' },
  groupBy: 'municipality',
  municipalities: [
    { code: '001', name: 'A', regionCode: 'N', defaultHouse: 'n' },
    { code: '002', name: 'B', regionCode: 'N', defaultHouse: 'n' },
    { code: '003', name: 'C', regionCode: 'S', defaultHouse: 's' },
  ],
  regions: [
    { code: 'N', name: 'North' },
    { code: 'S', name: 'South' },
  ],
  houses: [
    { code: 'n', name: 'House N' },
    { code: 's', name: 'House S' },
  ],
  counts: [
    { municipalityCode: '001', houseCode: 'n', month: '2023-01', status: 'accepted', n: 4 },
    { municipalityCode: '001', houseCode: 'n', month: '2023-03', status: 'withdrawn', n: 1 },
    { municipalityCode: '002', houseCode: 'n', month: '2023-02', status: 'pending', n: 3 },
    { municipalityCode: '003', houseCode: 's', month: '2023-02', status: 'rejected', n: 5 },
  ],
  population: new Map([[2023, new Map([['001', 600], ['002', 400], ['003', 1000]])]]),
  expectedCases: new Map([[2023, new Map([['n', 100]])]]),
  filter: {},
  suppress: false,
  ...over,
});

describe('the referral report (pure)', () => {
  it('by municipality: counts and parts, each municipality its share of its house, region totals, the nation', () => {
    const { rows, missing } = referralReport(input());
    // A: 100 × 600/1,000 × 90/365 = 14.794 → 14.79; 5 / 14.794 = 0.338 → 0.34. B: 100 × 400/1,000 × 90/365 = 9.863 → 9.86; 3 / 9.863 = 0.30.
    // North: 24.66 (= 100 × 90/365); 8 / 24.658 = 0.32. C and South: House S has no budget count: unknown, and so the nation's.
    expect(rows.map((r) => [r.level, r.code, r.referrals, r.accepted, r.rejected, r.withdrawn, r.pending, r.expectedReferrals, r.ratio])).toEqual([
      ['municipality', '001', 5, 4, 0, 1, 0, 14.79, 0.34],
      ['municipality', '002', 3, 0, 0, 0, 3, 9.86, 0.3],
      ['region', 'N', 8, 4, 0, 1, 3, 24.66, 0.32],
      ['municipality', '003', 5, 0, 5, 0, 0, null, null],
      ['region', 'S', 5, 0, 5, 0, 0, null, null],
      ['national', 'DK', 13, 4, 5, 1, 3, null, null],
    ]);
    expect(missing).toEqual(['No expected cases in the 2023 budget of House S: its expected referrals are unknown (PUT /v1/reference/budgets/2023)']);
  });

  it('by month for one municipality: its months with their days of the expected count, and the total', () => {
    const { rows } = referralReport(input({ groupBy: 'month', filter: { municipality: '001' } }));
    // A's year: 60. January 60 × 31/365 = 5.096 → 5.10 (4 / 5.096 = 0.78); February × 28/365 = 4.60; March × 31/365 = 5.10 (1 / 5.096 = 0.20).
    expect(rows.map((r) => [r.code, r.referrals, r.expectedReferrals, r.ratio])).toEqual([
      ['2023-01', 4, 5.1, 0.78],
      ['2023-02', 0, 4.6, 0],
      ['2023-03', 1, 5.1, 0.2],
      ['total', 5, 14.79, 0.34],
    ]);
  });

  it("suppresses another's months of one municipality: all 0-2 but January's 4, which would then give the rest away", () => {
    const { rows } = referralReport(input({ groupBy: 'month', filter: { municipality: '001' }, suppress: true }));
    // February 0 and March 1 are primary; with January (4) and the total (5) shown they add up to 1: each 0 or 1, narrowed.
    // So January is hidden too: then the three hold 5, January 3 or more, the others 0-2 each; January 3 to 5.
    expect(rows.map((r) => [r.code, r.referrals, r.suppressed])).toEqual([
      ['2023-01', null, 'secondary'],
      ['2023-02', null, 'primary'],
      ['2023-03', null, 'primary'],
      ['total', 5, null],
    ]);
  });

  it('shows no parts in a suppressed table, only the counts the suppression leaves', () => {
    const { rows } = referralReport(input({ suppress: true }));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.accepted, r.rejected, r.withdrawn, r.pending]).toEqual([null, null, null, null]);
    const months = referralReport(input({ groupBy: 'month', filter: { municipality: '001' }, suppress: true })).rows;
    expect(months.at(-1)).toMatchObject({ referrals: 5, accepted: null, rejected: null, withdrawn: null, pending: null });
    // A house's or the nation's months are operational: their parts are shown.
    const national = referralReport(input({ groupBy: 'month', suppress: true })).rows.at(-1)!;
    expect([national.referrals, national.accepted, national.rejected, national.withdrawn, national.pending]).toEqual([13, 4, 5, 1, 3]);
  });

  it('by house, filtered to the region of a municipality', () => {
    const { rows } = referralReport(input({ groupBy: 'house', filter: { region: 'N' } }));
    expect(rows).toEqual([expect.objectContaining({ level: 'house', code: 'n', referrals: 8, expectedReferrals: 24.66 })]);
  });
});
