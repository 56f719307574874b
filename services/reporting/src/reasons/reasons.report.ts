import { type CaseEndReason, caseEndReasons, type NotReferredReason, notReferredReasons } from '@sagsspor/contracts';
import { type SuppressionKind, suppressTable, type TableCell } from '../usage/domain/suppression';

// The two reports of ADR 0074, pure: before the criteria (underretninger about suspected abuse by
// municipality and month: a § 11 measure instead of an investigation, the police only consulted,
// why the child was not referred) and why cases ended early (by house and year). No I/O.

/** The counts of one municipality and month, as the read model gives them. */
export interface BeforeReferralFact {
  municipalityCode: string;
  month: string;
  underretninger: number;
  preventiveMeasureInstead: number;
  policeOnlyConsulted: number;
  withReasons: number;
  reasons: Partial<Record<NotReferredReason, number>>;
}

export type BeforeReferralMeasure = 'underretninger' | 'preventiveMeasureInstead' | 'policeOnlyConsulted' | 'withReasons' | `reason:${NotReferredReason}`;
export const beforeReferralMeasures: readonly BeforeReferralMeasure[] = ['underretninger', 'preventiveMeasureInstead', 'policeOnlyConsulted', 'withReasons', ...notReferredReasons.map((r) => `reason:${r}` as const)];

export interface BeforeReferralRow {
  /** A municipality code, or `total` for the national row of a month. */
  municipalityCode: string;
  name: string;
  month: string;
  underretninger: number | null;
  preventiveMeasureInstead: number | null;
  policeOnlyConsulted: number | null;
  withReasons: number | null;
  /** Underretninger per recorded reason (one may have several); every reason of the list. */
  reasons: Record<NotReferredReason, number | null>;
  /** The measures hidden by disclosure control, and how (ADR 0044's rule). */
  suppressed: Partial<Record<BeforeReferralMeasure, SuppressionKind>>;
}

const valueOf = (f: Pick<BeforeReferralFact, 'underretninger' | 'preventiveMeasureInstead' | 'policeOnlyConsulted' | 'withReasons' | 'reasons'>, measure: BeforeReferralMeasure): number =>
  measure.startsWith('reason:') ? (f.reasons[measure.slice('reason:'.length) as NotReferredReason] ?? 0) : (f[measure as Exclude<BeforeReferralMeasure, `reason:${string}`>] as number);

const sumOf = (facts: readonly BeforeReferralFact[], municipalityCode: string, month: string): BeforeReferralFact => ({
  municipalityCode,
  month,
  underretninger: facts.reduce((s, f) => s + f.underretninger, 0),
  preventiveMeasureInstead: facts.reduce((s, f) => s + f.preventiveMeasureInstead, 0),
  policeOnlyConsulted: facts.reduce((s, f) => s + f.policeOnlyConsulted, 0),
  withReasons: facts.reduce((s, f) => s + f.withReasons, 0),
  reasons: Object.fromEntries(notReferredReasons.map((r) => [r, facts.reduce((s, f) => s + (f.reasons[r] ?? 0), 0)])),
});

/**
 * The rows by municipality and month, with a national row per month (`total`). With `suppress`
 * (figures released beyond the municipality itself), each measure is one linked table: the
 * municipalities' counts of a month add up to the month's national count, and `suppressTable`
 * hides the counts 0-2 and what else would let them be narrowed (ADR 0044), on the whole national
 * table before any filter. `keep` filters the municipality rows afterwards; the national rows are
 * shown only when `withTotals`.
 */
export function beforeReferral(
  facts: readonly BeforeReferralFact[],
  nameOf: (municipalityCode: string) => string,
  options: { suppress: boolean; keep: (municipalityCode: string) => boolean; withTotals: boolean },
): BeforeReferralRow[] {
  const months = [...new Set(facts.map((f) => f.month))].sort();
  const totals = months.map((month) => sumOf(facts.filter((f) => f.month === month), 'total', month));
  const all = [...facts, ...totals];
  const idOf = (f: BeforeReferralFact) => `${f.municipalityCode}|${f.month}`;
  const hidden = new Map<string, Partial<Record<BeforeReferralMeasure, SuppressionKind>>>();
  if (options.suppress) {
    for (const measure of beforeReferralMeasures) {
      const cells: TableCell[] = all.map((f) => ({ id: idOf(f), count: valueOf(f, measure), population: 0, ...(f.municipalityCode === 'total' ? {} : { parent: `total|${f.month}` }) }));
      for (const [id, decision] of suppressTable(cells)) hidden.set(id, { ...hidden.get(id), [measure]: decision.kind });
    }
  }
  const rowOf = (f: BeforeReferralFact): BeforeReferralRow => {
    const suppressed = hidden.get(idOf(f)) ?? {};
    const shown = (measure: BeforeReferralMeasure) => (suppressed[measure] ? null : valueOf(f, measure));
    return {
      municipalityCode: f.municipalityCode,
      name: f.municipalityCode === 'total' ? 'I alt' : nameOf(f.municipalityCode),
      month: f.month,
      underretninger: shown('underretninger'),
      preventiveMeasureInstead: shown('preventiveMeasureInstead'),
      policeOnlyConsulted: shown('policeOnlyConsulted'),
      withReasons: shown('withReasons'),
      reasons: Object.fromEntries(notReferredReasons.map((r) => [r, shown(`reason:${r}`)])) as Record<NotReferredReason, number | null>,
      suppressed,
    };
  };
  const order = (a: BeforeReferralFact, b: BeforeReferralFact) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0);
  return [...facts.filter((f) => options.keep(f.municipalityCode)), ...(options.withTotals ? totals : [])].sort(order).map(rowOf);
}

/** One closed case that ended early, as the read model gives it. */
export interface CaseEndFact {
  houseCode: string;
  year: number;
  outcome: 'interrupted' | 'withdrawn';
  reason: CaseEndReason;
}

export interface CaseEndReasonRow {
  houseCode: string;
  name: string;
  year: number;
  /** A reason of the list, or `total`. */
  reason: CaseEndReason | 'total';
  interrupted: number;
  withdrawn: number;
  total: number;
}

/** For each house and closing year with a case that ended early: a row per reason of the list (zeros included) and a total row. */
export function caseEndReasonRows(facts: readonly CaseEndFact[], nameOf: (houseCode: string) => string): CaseEndReasonRow[] {
  const groups = [...new Set(facts.map((f) => `${f.houseCode}|${f.year}`))].sort();
  return groups.flatMap((group) => {
    const [houseCode, year] = group.split('|');
    const mine = facts.filter((f) => f.houseCode === houseCode && f.year === Number(year));
    const row = (reason: CaseEndReason | 'total', list: readonly CaseEndFact[]): CaseEndReasonRow => {
      const interrupted = list.filter((f) => f.outcome === 'interrupted').length;
      const withdrawn = list.filter((f) => f.outcome === 'withdrawn').length;
      return { houseCode, name: nameOf(houseCode), year: Number(year), reason, interrupted, withdrawn, total: interrupted + withdrawn };
    };
    return [...caseEndReasons.map((r) => row(r, mine.filter((f) => f.reason === r))), row('total', mine)];
  });
}
