// Expected cases ("estimerede sager ift. kommunestørrelse", Børnehus Midt's presentation): the one
// basis every report states (docs/glossary.md, docs/services/reporting.md, ADR 0073).

/**
 * The basis, word for word in every response that shows expected cases: a count for a whole
 * (a region, a house's area, the nation) shared out by the children aged 0-17 (FOLK1A, the year's
 * K1 import); which count, and which whole, each report says next to it.
 */
export const EXPECTED_CASES_BASIS =
  "Expected cases ('estimerede sager ift. kommunestørrelse') = a count for a whole × the group's share of the whole's children aged 0-17 (Statistics Denmark FOLK1A, the year's K1 import). The report says which count and which whole.";

/** Half-up rounding to 2 decimals of a non-negative number (a float: 1e-9 absorbs the binary error of x × 100). */
export function round2(x: number): number {
  return Math.floor(x * 100 + 0.5 + 1e-9) / 100;
}
