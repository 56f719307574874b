import type { AbuseType, CaseKind, HouseCode } from '@sagsspor/contracts';

export interface ReferralFacts {
  referralId: string;
  municipalityCode: string;
  houseCode: HouseCode;
  childRef: string;
  childBirthDate: string;
  childSex: 'female' | 'male';
  referredAt: string;
  municipalityAwareAt: string;
  abuseTypes: AbuseType[];
  caseKind: CaseKind;
  underretningId?: string;
}

export type ReferralEvent =
  | { type: 'ReferralSubmitted'; data: ReferralFacts }
  /** Carries the facts again so the public referral-accepted event can be built from this event alone. */
  | { type: 'ReferralAccepted'; data: ReferralFacts & { caseId: string; acceptedAt: string } };

export const referralStreamId = (referralId: string) => `referral-${referralId}`;
