import { nearestRank, roundHalfUp, summarize } from './lead-time-statistics';

describe('lead-time statistics', () => {
  it('counts 90 and 120 days as within, and rounds the shares half up', () => {
    expect(summarize([90, 91, 120, 121])).toEqual({
      count: 4,
      averageDays: 106, // 422 / 4 = 105.5 → 106
      medianDays: 91,
      p90Days: 121,
      within90: { count: 1, percent: 25 },
      within120: { count: 3, percent: 75 },
    });
  });

  it("reproduces Børnehus Midt's 2024 row from a matching distribution (788 closed, 130 days, 362 = 46 %, 147 = 19 %)", () => {
    const days = [...Array(147).fill(60), ...Array(215).fill(110), ...Array(320).fill(164), ...Array(106).fill(165)];
    expect(summarize(days)).toMatchObject({ count: 788, averageDays: 130, within120: { count: 362, percent: 46 }, within90: { count: 147, percent: 19 } });
  });

  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 10 }, (_, i) => i + 1);
    expect([nearestRank(sorted, 50), nearestRank(sorted, 90), nearestRank([7], 90), nearestRank([], 50)]).toEqual([5, 9, 7, null]);
  });

  it('says nothing rather than dividing by zero', () => {
    expect(summarize([])).toEqual({ count: 0, averageDays: null, medianDays: null, p90Days: null, within90: { count: 0, percent: null }, within120: { count: 0, percent: null } });
  });

  it('rounds half up exactly', () => {
    expect([roundHalfUp(1, 2), roundHalfUp(3, 2), roundHalfUp(1, 3), roundHalfUp(2, 3), roundHalfUp(36200, 788)]).toEqual([1, 2, 0, 1, 46]);
  });
});
