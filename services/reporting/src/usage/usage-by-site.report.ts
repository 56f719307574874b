import { type NamedSite, siteOfRow, sitesOfHouse } from '../lead-times/lead-times-by-site.report';
import type { UsageRow } from './usage.report';

// The usage report's closed cases per site of each house (ADR 0075), and the police video
// interviews held at each site (ADR 0076). The house counts of cases are the usage table's
// (suppressed as published); the site counts add up to them. Our rule, so that no site count below
// 3 can be read or worked out from the house's total: a house with one site shows its house count;
// a house with more shows every site's count only when every one is 3 or more and the house count
// is shown, else none of them (without saying which is small). The interviews follow the same rule
// on their own counts: no house total of interviews is published to every role, so a house's
// interview counts are shown when every site of it has 3 or more (a one-site house: its count),
// else none of them. Pure.

export interface SiteClosedCount {
  houseCode: string;
  siteCode: string | null;
  cases: number;
}

/** The interviews conducted in the year by the house an interview is at now and the site it was put at (null: none). */
export interface SiteInterviewCount {
  houseCode: string;
  siteCode: string | null;
  interviews: number;
}

export interface UsageSiteRow {
  houseCode: string;
  houseName: string;
  siteCode: string;
  siteName: string;
  main: boolean;
  closedCases: number | null;
  /** Why the count is not shown (null when it is). */
  suppressionReason: string | null;
  /** Police video interviews conducted at the site in the year (ADR 0076); null when not shown. */
  videoInterviews: number | null;
  /** Why the interview count is not shown (null when it is). */
  videoInterviewsSuppressionReason: string | null;
}

export const SITE_SUPPRESSION =
  "A house with one site shows the house's count. A house with more shows its sites' counts only when the house's count is shown and every site has 3 or more, else none of them (which site has fewer than 3 is not shown either): a site count of 0-2 cannot be read or worked out from the house's total.";

export const SITE_INTERVIEW_SUPPRESSION =
  "The video interviews of a house's sites are shown only when every site of the house has 3 or more (a house with one site: when it has 3 or more), else none of them (which site has fewer than 3 is not shown either). No house total of video interviews is published to every role, so a site count of 0-2 can neither be read nor worked out.";

export function usageBySite(
  houseRows: readonly UsageRow[],
  counts: { cases: readonly SiteClosedCount[]; interviews: readonly SiteInterviewCount[] },
  sites: readonly NamedSite[],
  locale: 'en' | 'da' = 'en',
): UsageSiteRow[] {
  const reasons = {
    house: locale === 'da' ? 'børnehusets tal offentliggøres ikke' : "the house's count is not published",
    small: locale === 'da' ? 'en afdeling har færre end 3 sager: afdelingernes tal offentliggøres ikke' : "a site has fewer than 3 cases: the house's site counts are not published",
    smallInterviews:
      locale === 'da' ? 'en afdeling har færre end 3 videoafhøringer: afdelingernes tal for videoafhøringer offentliggøres ikke' : "a site has fewer than 3 video interviews: the house's site counts of video interviews are not published",
  };
  return houseRows
    .filter((h) => h.level === 'house')
    .flatMap((h) => {
      const own = sitesOfHouse(sites, h.code);
      const countOf = (site: string) => counts.cases.filter((c) => c.houseCode === h.code && siteOfRow(sites, c) === site).reduce((n, c) => n + c.cases, 0);
      const shown = h.closedCases !== null && (own.length === 1 || own.every((s) => countOf(s.code) >= 3));
      const reason = h.closedCases === null ? reasons.house : shown ? null : reasons.small;
      const interviewsOf = (site: string) => counts.interviews.filter((c) => c.houseCode === h.code && siteOfRow(sites, c) === site).reduce((n, c) => n + c.interviews, 0);
      const interviewsShown = own.every((s) => interviewsOf(s.code) >= 3);
      return own.map((s) => ({
        houseCode: h.code,
        houseName: h.name,
        siteCode: s.code,
        siteName: s.name,
        main: s.main,
        closedCases: shown ? (own.length === 1 ? h.closedCases : countOf(s.code)) : null,
        suppressionReason: reason,
        videoInterviews: interviewsShown ? interviewsOf(s.code) : null,
        videoInterviewsSuppressionReason: interviewsShown ? null : reasons.smallInterviews,
      }));
    });
}
