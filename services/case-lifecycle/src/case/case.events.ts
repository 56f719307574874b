import type { AbuseType, CaseKind, HouseCode } from '@sagsspor/contracts';

export interface CaseIntake {
  caseId: string;
  referralId: string;
  childRef: string;
  childSex: 'female' | 'male';
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  municipalityAwareAt: string;
  openedAt: string;
  abuseTypes: AbuseType[];
  caseKind: CaseKind;
}

export type CaseEvent = { type: 'CaseOpened'; data: CaseIntake };

export const caseStreamId = (caseId: string) => `case-${caseId}`;
