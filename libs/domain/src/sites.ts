// The sites of the houses (ADR 0075), as the domain reasons about them: the data is reference data
// (libs/reference-data house_sites.csv), handed in by the caller. Pure.

/** A site of a house: `<house>-<place>`; one main site per house. */
export interface SiteOfHouse {
  code: string;
  houseCode: string;
  main: boolean;
}

/** The site asked for, or the house's main site; a site that is not one of the house's is refused with the sites it has. */
export type SiteResolution<Site extends SiteOfHouse = SiteOfHouse> = { ok: true; site: Site } | { ok: false; reason: string; allowed: string[] };

export function resolveSiteAmong<Site extends SiteOfHouse>(sites: readonly Site[], houseCode: string, siteCode?: string): SiteResolution<Site> {
  const own = sites.filter((s) => s.houseCode === houseCode).sort((a, b) => Number(b.main) - Number(a.main));
  const allowed = own.map((s) => s.code);
  if (siteCode === undefined) {
    const main = own.find((s) => s.main);
    return main ? { ok: true, site: main } : { ok: false, reason: `house ${houseCode} has no main site in the reference data`, allowed };
  }
  const site = own.find((s) => s.code === siteCode);
  if (site) return { ok: true, site };
  const elsewhere = sites.find((s) => s.code === siteCode);
  return {
    ok: false,
    reason: elsewhere
      ? `site ${siteCode} belongs to house ${elsewhere.houseCode}, not ${houseCode}; the sites of ${houseCode} are ${allowed.join(', ')}`
      : `unknown site ${siteCode}; the sites of ${houseCode} are ${allowed.join(', ')}`,
    allowed,
  };
}

/**
 * Where a case or interview is: the site set on it when that is a site of its house, else its
 * house's main site (the house's code when it has none). A case never changes house; an interview
 * may (the police correct its houseCode, ADR 0076): it is then at the new house's main site, and at
 * the site set on it again if corrected back.
 */
export function siteOrMain(sites: readonly SiteOfHouse[], houseCode: string, siteCode: string | null | undefined): string {
  const own = sites.find((s) => s.code === siteCode && s.houseCode === houseCode);
  return own?.code ?? sites.find((s) => s.houseCode === houseCode && s.main)?.code ?? houseCode;
}
