import { nearestRank, type Share, share } from '../lead-times/domain/lead-time-statistics';
import { type AtSite, type NamedSite, siteOfRow, sitesOfHouse } from '../lead-times/lead-times-by-site.report';

// The police's target: a child's video interview within 7 days of the police report (the
// Ankestyrelsen study, 003_c4a1c813f5ce4a07.txt: "politiets frist på syv dage"). Sector-coordination
// decides per interview when it records it (daysFromReport, lateAgainstTarget: more than 7 days
// after the report); this report counts those decisions by police district and month. Pure.

/** The target in days, as sector-coordination applies it (INTERVIEW_TARGET_DAYS). */
export const INTERVIEW_TARGET_DAYS = 7;

export interface TargetInterviewFact {
  policeDistrict: string;
  /** YYYY-MM of conductedAt. */
  month: string;
  reinterview: boolean;
  /** Days from the police report to the interview; null when the report date was not sent. */
  daysFromReport: number | null;
  lateAgainstTarget: boolean;
}

export interface TargetFigures {
  /** First interviews conducted (reinterviews apart). */
  interviews: number;
  /** With a report date, at most 7 days after it; percent of the interviews with a report date. */
  withinTarget: Share;
  /** More than 7 days after the report; percent of the interviews with a report date. */
  late: Share;
  /** The police system sent no report date: neither within nor late. */
  reportDateUnknown: number;
  /** Nearest rank (the ⌈n/2⌉-th smallest) of daysFromReport over the interviews with a report date. */
  medianDaysFromReport: number | null;
  reinterviews: number;
}

export interface TargetRow extends TargetFigures {
  policeDistrict: string;
  name: string;
  /** YYYY-MM, or `all` for the district's (or the total's) whole period. */
  month: string;
}

export function targetFigures(interviews: readonly TargetInterviewFact[]): TargetFigures {
  const first = interviews.filter((i) => !i.reinterview);
  const known = first.filter((i) => i.daysFromReport !== null);
  const late = known.filter((i) => i.lateAgainstTarget).length;
  return {
    interviews: first.length,
    withinTarget: share(known.length - late, known.length),
    late: share(late, known.length),
    reportDateUnknown: first.length - known.length,
    medianDaysFromReport: nearestRank(known.map((i) => i.daysFromReport!).sort((a, b) => a - b), 50),
    reinterviews: interviews.length - first.length,
  };
}

/**
 * Per police district and month with interviews (`rows`); per district of the reference data,
 * every district also without interviews, for the whole period (`districts`); and the total.
 */
export function videoInterviewTarget(interviews: readonly TargetInterviewFact[], districts: readonly { code: string; name: string }[]) {
  const nameOf = (code: string) => districts.find((d) => d.code === code)?.name ?? code;
  const byKey = new Map<string, TargetInterviewFact[]>();
  for (const i of interviews) {
    const key = `${i.policeDistrict}|${i.month}`;
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const rows: TargetRow[] = [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, mine]) => {
      const [policeDistrict, month] = key.split('|');
      return { policeDistrict, name: nameOf(policeDistrict), month, ...targetFigures(mine) };
    });
  const known = new Set(districts.map((d) => d.code));
  const districtRows: TargetRow[] = [...districts, ...[...new Set(interviews.map((i) => i.policeDistrict))].filter((c) => !known.has(c)).map((code) => ({ code, name: code }))].map((d) => ({
    policeDistrict: d.code,
    name: d.name,
    month: 'all',
    ...targetFigures(interviews.filter((i) => i.policeDistrict === d.code)),
  }));
  const total: TargetRow = { policeDistrict: 'total', name: 'I alt', month: 'all', ...targetFigures(interviews) };
  return { rows, districts: districtRows, total };
}

/** An interview with the house it is at now and the site it was put at (null: none), for the site breakdown. */
export type TargetInterviewAtSite = TargetInterviewFact & { houseCode: string } & AtSite;

export interface TargetSiteRow extends TargetFigures {
  houseCode: string;
  siteCode: string;
  siteName: string;
}

/**
 * The same figures per site of the houses in scope (ADR 0076), main site first: an interview counts at
 * the site it was put at while that is a site of its house, else at its house's main site.
 */
export function videoInterviewTargetBySite(interviews: readonly TargetInterviewAtSite[], houses: readonly string[], sites: readonly NamedSite[]): TargetSiteRow[] {
  return houses.flatMap((house) =>
    sitesOfHouse(sites, house).map((site) => ({
      houseCode: house,
      siteCode: site.code,
      siteName: site.name,
      ...targetFigures(interviews.filter((i) => i.houseCode === house && siteOfRow(sites, i) === site.code)),
    })),
  );
}
