import { roundHalfUp } from '../lead-times/domain/lead-time-statistics';

// Mandatory-referral gaps (domain.md section 2): underretninger that met the three criteria with
// no referral within the set number of days. Counted by the day the gap opened. Pure.

export type GapGroupBy = 'municipality' | 'house' | 'month';

export interface GapFact {
  municipalityCode: string;
  houseCode: string;
  month: string;
  policeInvolvement: string;
  /** The provision the duty rested on (Serviceloven § 50 b before 2024, Barnets lov § 125 after). */
  legalBasis: string;
  referralWindowDays: number;
  /** Null while no referral has come. */
  daysOverdue: number | null;
}

export interface GapRow {
  key: string;
  name: string;
  opened: number;
  stillOpen: number;
  closedLate: number;
  /** Whole days after the due date, half up, over the gaps a late referral closed. */
  averageDaysOverdue: number | null;
  /** The police-involvement definitions (settings) the gaps were found with. */
  policeInvolvement: string[];
  /** The provisions the gaps' duties rested on. */
  legalBasis: string[];
  referralWindowDays: number[];
}

export function mandatoryReferralGaps(gaps: readonly GapFact[], groupBy: GapGroupBy, nameOf: (key: string) => string): GapRow[] {
  const keyOf = (g: GapFact) => ({ municipality: g.municipalityCode, house: g.houseCode, month: g.month })[groupBy];
  const groups = new Map<string, GapFact[]>();
  for (const g of gaps) groups.set(keyOf(g), [...(groups.get(keyOf(g)) ?? []), g]);
  const row = (key: string, name: string, list: GapFact[]): GapRow => {
    const overdue = list.filter((g) => g.daysOverdue !== null).map((g) => g.daysOverdue!);
    return {
      key,
      name,
      opened: list.length,
      stillOpen: list.length - overdue.length,
      closedLate: overdue.length,
      averageDaysOverdue: overdue.length === 0 ? null : roundHalfUp(overdue.reduce((a, b) => a + b, 0), overdue.length),
      policeInvolvement: [...new Set(list.map((g) => g.policeInvolvement))].sort(),
      legalBasis: [...new Set(list.map((g) => g.legalBasis))].sort(),
      referralWindowDays: [...new Set(list.map((g) => g.referralWindowDays))].sort((a, b) => a - b),
    };
  };
  const keys = [...groups.keys()].sort();
  return [...keys.map((k) => row(k, nameOf(k), groups.get(k)!)), row('total', 'I alt', [...gaps])];
}
