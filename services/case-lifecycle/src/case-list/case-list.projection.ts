import type { CaseFile } from '../case/case.decider';

/** One row of the case list: what the list filters and shows, from the case's state. */
export interface CaseListRow {
  caseId: string;
  houseCode: string;
  municipalityCode: string;
  status: string;
  childSex: string;
  childAgeYears: number;
  caseKind: string;
  abuseTypes: string[];
  referredAt: string;
  openedAt: string;
  awaitingPoliceReleaseSince: string | null;
  closedAt: string | null;
  outcome: string | null;
}

export function caseListRow(file: CaseFile): CaseListRow {
  const { intake } = file;
  return {
    caseId: intake.caseId,
    houseCode: intake.houseCode,
    municipalityCode: intake.municipalityCode,
    status: file.status,
    childSex: intake.childSex,
    childAgeYears: intake.childAgeYears,
    caseKind: intake.caseKind,
    abuseTypes: intake.abuseTypes,
    referredAt: intake.referredAt,
    openedAt: intake.openedAt,
    awaitingPoliceReleaseSince: file.police.awaitingSince ?? null,
    closedAt: file.closure?.closedAt ?? null,
    outcome: file.closure?.outcome ?? null,
  };
}
