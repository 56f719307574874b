import { DomainError } from '@sagsspor/domain';
import type { HouseCode } from '@sagsspor/contracts';

/**
 * What this service knows of a børnehus case, from case-lifecycle's events: enough to check that a
 * conference or an examination belongs to an existing case, in its house, within its open period.
 */
export interface KnownCase {
  caseId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  openedAt: string;
  closedAt?: string;
  /** The revision of the closure that set closedAt (a corrected closure carries a higher one). */
  closureRevision?: number;
}

export function caseUnknown(caseId: string): DomainError {
  return new DomainError(
    'CASE.UNKNOWN',
    `case ${caseId} is not known here. A case that was just opened may take a moment to arrive from case-lifecycle: try again in a few seconds`,
    'not-found',
  );
}

/**
 * Refuses a business date outside the case's open period (from openedAt to closedAt, both days
 * included). `codePrefix` is the caller's, e.g. `CONFERENCE` gives `CONFERENCE.BEFORE_CASE_OPENED`.
 */
export function assertWithinCasePeriod(date: string, knownCase: KnownCase, codePrefix: string, field: string): void {
  if (date < knownCase.openedAt) {
    throw new DomainError(`${codePrefix}.BEFORE_CASE_OPENED`, `${field} ${date} is before the case was opened on ${knownCase.openedAt}`, 'invalid');
  }
  if (knownCase.closedAt !== undefined && date > knownCase.closedAt) {
    throw new DomainError(`${codePrefix}.AFTER_CASE_CLOSED`, `${field} ${date} is after the case was closed on ${knownCase.closedAt}`, 'invalid');
  }
}
