import { DomainError, resolveSiteAmong, type SiteOfHouse, siteOrMain } from '@sagsspor/domain';
import type { CaseFile } from './case.decider';
import type { CaseEvent, CaseIntake, CaseRef } from './case.events';

/** Where the case is: the site the house put it at, else the house's main site (ADR 0075). */
export const siteOfCase = (file: Pick<CaseFile, 'intake' | 'siteCode'>, sites: readonly SiteOfHouse[]): string => siteOrMain(sites, file.intake.houseCode, file.siteCode);

/**
 * Puts the case at a site of its house (`sites`: the houses' sites, reference data the caller
 * looked up): one of the house's, else 422 naming the house's sites; the site it is at already
 * changes nothing. A closed case may be put at the site it was handled at too (our choice: it
 * corrects where it counts in the reports).
 */
export function assignSite(siteCode: string, sites: readonly SiteOfHouse[], file: CaseFile, refOf: (intake: CaseIntake) => CaseRef): CaseEvent[] {
  const resolved = resolveSiteAmong(sites, file.intake.houseCode, siteCode);
  if (!resolved.ok) throw new DomainError('CASE.SITE_NOT_OF_HOUSE', `The case is at ${file.intake.houseCode}: ${resolved.reason}.`, 'invalid');
  if (resolved.site.code === siteOfCase(file, sites)) return [];
  return [{ type: 'CaseSiteAssigned', data: { ...refOf(file.intake), siteCode: resolved.site.code } }];
}
