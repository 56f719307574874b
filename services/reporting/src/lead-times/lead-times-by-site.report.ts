import { type SiteOfHouse, siteOrMain } from '@sagsspor/domain';
import { type ClosedCase, type LeadTimesGroup, leadTimesReport, type OpenCase, type OpenedCase } from './lead-times.report';

// The lead times per site of a house (ADR 0075): the same figures as per house, for the cases at
// each site. A case is at the site its house last put it at (case-site-assigned), else at the
// house's main site; all its figures count there (our choice: a case that moved counts at the
// site it is at now, not split). Pure: rows, dates and the houses' sites (reference data) come in.

/** A row's site, when its house put the case at one (null: the house's main site). */
export interface AtSite {
  siteCode: string | null;
}

export interface LeadTimesSiteGroup extends Omit<LeadTimesGroup, 'houseCode'> {
  houseCode: string;
  siteCode: string;
  siteName: string;
}

/** A site as the reports name it. */
export interface NamedSite extends SiteOfHouse {
  name: string;
}

/** The site a case is at: the one set, else its house's main site. */
export const siteOfRow = (sites: readonly SiteOfHouse[], row: { houseCode: string } & AtSite): string => siteOrMain(sites, row.houseCode, row.siteCode);

/** A house's sites, its main site first. */
export const sitesOfHouse = <Site extends SiteOfHouse>(sites: readonly Site[], houseCode: string): Site[] => sites.filter((s) => s.houseCode === houseCode).sort((a, b) => Number(b.main) - Number(a.main));

/** One group per site of the houses in scope (main site first), each with the figures of leadTimesReport for its cases. */
export function leadTimesBySite(input: {
  closed: (ClosedCase & AtSite)[];
  open: (OpenCase & AtSite)[];
  opened: (OpenedCase & AtSite)[];
  houses: string[];
  sites: readonly NamedSite[];
  asOf: string;
  warningDays: number;
}): LeadTimesSiteGroup[] {
  return input.houses.flatMap((house) =>
    sitesOfHouse(input.sites, house).map((site) => {
      const at = <T extends { houseCode: string } & AtSite>(rows: T[]) => rows.filter((r) => r.houseCode === house && siteOfRow(input.sites, r) === site.code);
      const [all] = leadTimesReport({ closed: at(input.closed), open: at(input.open), opened: at(input.opened), houses: [], asOf: input.asOf, warningDays: input.warningDays });
      return { houseCode: house, siteCode: site.code, siteName: site.name, closed: all.closed, open: all.open, waitingReferralToOpened: all.waitingReferralToOpened };
    }),
  );
}
