// The financing model of a børnehus (pure, whole kroner, no I/O).
//
// A house is financed 40 % by a tariff per case, paid by the handlekommune, and 60 % by
// "objective financing", shared by the municipalities of the house's region by their number of
// children aged 0-17 (FOLK1A). From the operating budget and the expected case count:
//
//   objective financing  = 60 % of the budget, rounded half up to whole kroner
//   tariff financing     = budget − objective financing       (so the two always sum to the budget)
//   tariff per case      = tariff financing / expected cases, rounded half up to whole kroner
//   a municipality's share of the objective financing: largest remainder (Hamilton) method on
//     objective × population / total population, so the shares are whole kroner and sum to the
//     objective financing exactly.
//
// The tariff is rounded to whole kroner as the houses publish it (12,662 kr., 13,827 kr.); the
// tariff income at the expected count (tariff × expected cases) may then differ from the tariff
// financing by less than half a krone per case: the model shows that difference, never hides it.

import { ModelInputError } from './model-input-error';

export const TARIFF_PERCENT = 40;
export const OBJECTIVE_PERCENT = 60;

const requireWholeKroner = (field: string, value: number, min: number) => {
  if (!Number.isSafeInteger(value) || value < min) throw new ModelInputError(field, `${field} must be a whole number of at least ${min}, got ${value}`);
};

/** Rounds a non-negative fraction numerator/denominator half up, in exact integer arithmetic. */
function roundHalfUp(numerator: number, denominator: number): number {
  const whole = Math.floor(numerator / denominator);
  const rest = numerator - whole * denominator;
  return 2 * rest >= denominator ? whole + 1 : whole;
}

export interface BudgetSplit {
  budgetDkk: number;
  objectiveFinancingDkk: number;
  tariffFinancingDkk: number;
}

/** 60 % objective (rounded half up to whole kroner) and the rest (≈ 40 %) from tariffs. */
export function splitBudget(budgetDkk: number): BudgetSplit {
  requireWholeKroner('operatingBudgetDkk', budgetDkk, 1);
  const objectiveFinancingDkk = roundHalfUp(budgetDkk * OBJECTIVE_PERCENT, 100);
  return { budgetDkk, objectiveFinancingDkk, tariffFinancingDkk: budgetDkk - objectiveFinancingDkk };
}

/** The tariff per case: the tariff financing over the expected cases, rounded half up to whole kroner. */
export function tariffPerCase(tariffFinancingDkk: number, expectedCases: number): number {
  requireWholeKroner('tariffFinancingDkk', tariffFinancingDkk, 0);
  requireWholeKroner('expectedCases', expectedCases, 1);
  return roundHalfUp(tariffFinancingDkk, expectedCases);
}

export interface PopulationShare {
  municipalityCode: string;
  population0to17: number;
}

export interface ObjectiveShare extends PopulationShare {
  /** The municipality's share of the children, 0..1 (unrounded). */
  share: number;
  amountDkk: number;
}

/**
 * Splits a whole-kroner amount over municipalities in proportion to their population, by the
 * largest remainder method: each gets the whole kroner of its exact quota, then the kroner left
 * go one each to the largest remainders (ties: larger population, then lower code). The amounts
 * sum to the total exactly, and no municipality is more than one krone from its exact quota.
 */
export function splitByPopulation(totalDkk: number, municipalities: readonly PopulationShare[]): ObjectiveShare[] {
  requireWholeKroner('objectiveFinancingDkk', totalDkk, 0);
  if (municipalities.length === 0) throw new ModelInputError('municipalities', 'there are no municipalities to split over');
  for (const m of municipalities) requireWholeKroner(`population0to17 of ${m.municipalityCode}`, m.population0to17, 0);
  const totalPopulation = municipalities.reduce((n, m) => n + m.population0to17, 0);
  if (totalPopulation === 0) throw new ModelInputError('population0to17', 'the municipalities have no children aged 0-17 in total: nothing to split by');
  if (!Number.isSafeInteger(totalDkk * totalPopulation)) throw new ModelInputError('objectiveFinancingDkk', 'the amount is too large to split exactly');
  const quotas = municipalities.map((m, index) => {
    const numerator = totalDkk * m.population0to17;
    const whole = Math.floor(numerator / totalPopulation);
    return { m, index, whole, remainder: numerator - whole * totalPopulation };
  });
  let left = totalDkk - quotas.reduce((n, q) => n + q.whole, 0);
  const byRemainder = [...quotas].sort((a, b) => b.remainder - a.remainder || b.m.population0to17 - a.m.population0to17 || a.m.municipalityCode.localeCompare(b.m.municipalityCode));
  const extra = new Set<number>();
  for (const q of byRemainder) {
    if (left === 0) break;
    extra.add(q.index);
    left -= 1;
  }
  return quotas.map((q) => ({ ...q.m, share: q.m.population0to17 / totalPopulation, amountDkk: q.whole + (extra.has(q.index) ? 1 : 0) }));
}

export interface FinancingModelInput {
  budgetDkk: number;
  expectedCases: number;
  municipalities: readonly PopulationShare[];
}

export interface FinancingModel extends BudgetSplit {
  expectedCases: number;
  tariffPerCaseDkk: number;
  /** tariff × expected cases: what the tariffs bring in if the expected count comes true. */
  tariffIncomeAtExpectedDkk: number;
  /** tariffIncomeAtExpected − tariffFinancing: the rounding of the tariff (|x| ≤ expected cases / 2). */
  tariffRoundingDkk: number;
  objectiveShares: ObjectiveShare[];
}

export function financingModel(input: FinancingModelInput): FinancingModel {
  const split = splitBudget(input.budgetDkk);
  const tariff = tariffPerCase(split.tariffFinancingDkk, input.expectedCases);
  return {
    ...split,
    expectedCases: input.expectedCases,
    tariffPerCaseDkk: tariff,
    tariffIncomeAtExpectedDkk: tariff * input.expectedCases,
    tariffRoundingDkk: tariff * input.expectedCases - split.tariffFinancingDkk,
    objectiveShares: splitByPopulation(split.objectiveFinancingDkk, input.municipalities),
  };
}
