import { changePercent, closedCasesSeries } from './annual-statistics-series.report';

describe('the multi-year series', () => {
  it('gives the change in whole percent, half away from zero, and none from a year without cases', () => {
    expect(changePercent(882, 1665)).toBe(89); // the annual statistics: 2014 → 2017, "en stigning på 89 procent"
    expect(changePercent(8, 9)).toBe(13); // 12.5 → 13
    expect(changePercent(8, 7)).toBe(-13); // −12.5 → −13
    expect(changePercent(0, 5)).toBeNull();
  });

  it('gives every house and the total for every year, with 0 for a year without cases', () => {
    const rows = closedCasesSeries(
      [
        { year: 2014, houseCode: 'midt', cases: 3 },
        { year: 2016, houseCode: 'midt', cases: 6 },
        { year: 2016, houseCode: 'nord', cases: 1 },
      ],
      [
        { code: 'nord', name: 'Børnehus Nord' },
        { code: 'midt', name: 'Børnehus Midt' },
      ],
      2014,
      2016,
    );
    expect(rows.map((r) => [r.houseCode, r.years.map((y) => y.cases), r.changePercent])).toEqual([
      ['nord', [0, 0, 1], null],
      ['midt', [3, 0, 6], 100],
      ['total', [3, 0, 7], 133],
    ]);
  });
});
