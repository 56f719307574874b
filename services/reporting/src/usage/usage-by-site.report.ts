import { type NamedSite, siteOfRow, sitesOfHouse } from '../lead-times/lead-times-by-site.report';
import type { UsageRow } from './usage.report';

// The usage report's closed cases per site of each house (ADR 0075). The house counts are the
// usage table's (suppressed as published); the site counts add up to them. Our rule, so that no
// site count below 3 can be read or worked out from the house's total: a house with one site shows
// its house count; a house with more shows every site's count only when every one is 3 or more and
// the house count is shown, else none of them (without saying which is small). Pure.

export interface SiteClosedCount {
  houseCode: string;
  siteCode: string | null;
  cases: number;
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
}

export const SITE_SUPPRESSION =
  "A house with one site shows the house's count. A house with more shows its sites' counts only when the house's count is shown and every site has 3 or more, else none of them (which site has fewer than 3 is not shown either): a site count of 0-2 cannot be read or worked out from the house's total.";

export function usageBySite(houseRows: readonly UsageRow[], counts: readonly SiteClosedCount[], sites: readonly NamedSite[], locale: 'en' | 'da' = 'en'): UsageSiteRow[] {
  const reasons = {
    house: locale === 'da' ? 'børnehusets tal offentliggøres ikke' : "the house's count is not published",
    small: locale === 'da' ? 'en afdeling har færre end 3 sager: afdelingernes tal offentliggøres ikke' : "a site has fewer than 3 cases: the house's site counts are not published",
  };
  return houseRows
    .filter((h) => h.level === 'house')
    .flatMap((h) => {
      const own = sitesOfHouse(sites, h.code);
      const countOf = (site: string) => counts.filter((c) => c.houseCode === h.code && siteOfRow(sites, c) === site).reduce((n, c) => n + c.cases, 0);
      const shown = h.closedCases !== null && (own.length === 1 || own.every((s) => countOf(s.code) >= 3));
      const reason = h.closedCases === null ? reasons.house : shown ? null : reasons.small;
      return own.map((s) => ({
        houseCode: h.code,
        houseName: h.name,
        siteCode: s.code,
        siteName: s.name,
        main: s.main,
        closedCases: shown ? (own.length === 1 ? h.closedCases : countOf(s.code)) : null,
        suppressionReason: reason,
      }));
    });
}
