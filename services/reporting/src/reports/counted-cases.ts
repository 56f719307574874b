/**
 * What the statistics count as a børnehus case, as the annual statistics (001_97f9d9d0223b3104.txt):
 * "børnehussager" about abuse ("sager, hvor der er mistanke eller viden om at et barn har været udsat
 * for overgreb"), closed in the year ("afsluttede børnehussager med slutdato i 2017"). One definition
 * for usage, the annual statistics' tables and their multi-year series (ADR 0073).
 */
export const COUNTED_CASE_KINDS = ['abuse'] as const;
/** Completed and interrupted: the child came to the house (an interrupted case is settled at the full tariff); a withdrawn case never became a course. */
export const COUNTED_OUTCOMES = ['completed', 'interrupted'] as const;

/** The definition in words, for the answers' `definitions`. */
export const COUNTED_CASES =
  "Børnehus cases about abuse (case kind abuse; SBA cases are not counted) whose latest closure is in the period with the outcome completed or interrupted (withdrawn cases are not counted), as the annual statistics' 'afsluttede børnehussager'";
