import { financingModel, splitBudget, splitByPopulation, tariffPerCase } from './financing';
import { ModelInputError } from './model-input-error';

describe('financing model (40 % tariff, 60 % objective financing)', () => {
  it('gives Børnehus Midt 2022 its tariff of 13,827 kr. from a budget and 440 expected cases (worked by hand)', () => {
    // Budget 15,209,700 kr.
    //   objective financing = 60 % = 15,209,700 × 0.6 = 9,125,820 kr.
    //   tariff financing    = 15,209,700 − 9,125,820 = 6,083,880 kr. (= 40 %)
    //   tariff per case     = 6,083,880 / 440 = 13,827 kr. (the source: "Taksten stiger til ca. 13.827 kr. pr. sag")
    expect(splitBudget(15_209_700)).toEqual({ budgetDkk: 15_209_700, objectiveFinancingDkk: 9_125_820, tariffFinancingDkk: 6_083_880 });
    expect(tariffPerCase(6_083_880, 440)).toBe(13_827);
  });

  it('rounds half up to whole kroner and shows what the rounding of the tariff costs (worked by hand)', () => {
    // Budget 10,000,001 kr.: 60 % = 6,000,000.6 → 6,000,001 kr.; tariff financing 10,000,001 − 6,000,001 = 4,000,000 kr.
    // 4,000,000 / 380 = 10,526.315… → 10,526 kr.; at 380 cases that brings 10,526 × 380 = 3,999,880 kr., 120 kr. short.
    const model = financingModel({ budgetDkk: 10_000_001, expectedCases: 380, municipalities: [{ municipalityCode: '751', population0to17: 1 }] });
    expect(model).toMatchObject({ objectiveFinancingDkk: 6_000_001, tariffFinancingDkk: 4_000_000, tariffPerCaseDkk: 10_526, tariffIncomeAtExpectedDkk: 3_999_880, tariffRoundingDkk: -120 });
    // 7 / 2 = 3.5 → 4 (half up); 5 / 3 = 1.67 → 2; 4 / 3 = 1.33 → 1
    expect([tariffPerCase(7, 2), tariffPerCase(5, 3), tariffPerCase(4, 3)]).toEqual([4, 2, 1]);
  });

  it('is a what-if on the expected count: more expected cases, a lower tariff, the same objective financing', () => {
    // 6,083,880 / 380 = 16,010.2… → 16,010 kr.; / 500 = 12,167.76 → 12,168 kr.
    const municipalities = [{ municipalityCode: '751', population0to17: 10 }];
    expect(financingModel({ budgetDkk: 15_209_700, expectedCases: 380, municipalities }).tariffPerCaseDkk).toBe(16_010);
    expect(financingModel({ budgetDkk: 15_209_700, expectedCases: 500, municipalities }).tariffPerCaseDkk).toBe(12_168);
    expect(financingModel({ budgetDkk: 15_209_700, expectedCases: 500, municipalities }).objectiveShares[0].amountDkk).toBe(9_125_820);
  });

  it('splits the 60 % over the municipalities by their children aged 0-17, summing exactly (worked by hand)', () => {
    // 100,000 kr. over populations 5,000 / 3,000 / 1,000 (9,000 children):
    //   A: 100,000 × 5,000 / 9,000 = 55,555.56 → 55,555 + remainder 0.56
    //   B: 100,000 × 3,000 / 9,000 = 33,333.33 → 33,333 + remainder 0.33
    //   C: 100,000 × 1,000 / 9,000 = 11,111.11 → 11,111 + remainder 0.11
    //   whole kroner: 99,999; the 1 krone left goes to the largest remainder (A) → 55,556 + 33,333 + 11,111 = 100,000
    const shares = splitByPopulation(100_000, [
      { municipalityCode: '101', population0to17: 5_000 },
      { municipalityCode: '147', population0to17: 3_000 },
      { municipalityCode: '151', population0to17: 1_000 },
    ]);
    expect(shares.map((s) => s.amountDkk)).toEqual([55_556, 33_333, 11_111]);
    expect(shares.map((s) => s.share)).toEqual([5 / 9, 3 / 9, 1 / 9]);
  });

  it('breaks ties between equal remainders by the larger population, then the lower code', () => {
    // 100 kr. over three equal populations: 33.33 each → 33 + 33 + 33 = 99; the last krone to the lowest code.
    expect(splitByPopulation(100, ['727', '101', '461'].map((c) => ({ municipalityCode: c, population0to17: 7 }))).map((s) => [s.municipalityCode, s.amountDkk])).toEqual([
      ['727', 33],
      ['101', 34],
      ['461', 33],
    ]);
  });

  it('sums to the objective financing exactly for Region Midtjylland-like populations', () => {
    const populations = [21_395, 11_893, 9_120, 65_432, 4_321, 12_345, 7_777, 30_001, 2_222, 8_888, 19_191, 5_555, 6_666, 14_141, 3_030, 9_999, 10_101, 22_022, 8_080];
    const shares = splitByPopulation(9_125_820, populations.map((p, i) => ({ municipalityCode: String(600 + i), population0to17: p })));
    expect(shares.reduce((n, s) => n + s.amountDkk, 0)).toBe(9_125_820);
    const total = populations.reduce((a, b) => a + b, 0);
    for (const s of shares) expect(Math.abs(s.amountDkk - (9_125_820 * s.population0to17) / total)).toBeLessThan(1);
  });

  it('refuses bad input with the field named, never a number', () => {
    const expectError = (f: () => unknown, field: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ModelInputError);
        expect((e as ModelInputError).field).toBe(field);
        return;
      }
      throw new Error('expected an error');
    };
    expectError(() => splitBudget(0), 'operatingBudgetDkk');
    expectError(() => splitBudget(1.5), 'operatingBudgetDkk');
    expectError(() => tariffPerCase(1_000, 0), 'expectedCases');
    expectError(() => splitByPopulation(100, []), 'municipalities');
    expectError(() => splitByPopulation(100, [{ municipalityCode: '751', population0to17: 0 }]), 'population0to17');
    expectError(() => splitByPopulation(100, [{ municipalityCode: '751', population0to17: Number.NaN }]), 'population0to17 of 751');
  });
});
