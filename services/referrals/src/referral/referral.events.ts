import type { CalendarDate } from '@sagsspor/calendar';
import { tenantScopedStreamId } from '@sagsspor/domain';
import type { AbuseType, CaseKind, ChildSex, HouseCode, ReferralRejectionReason, ReferralWithdrawalReason } from '@sagsspor/contracts';

/**
 * A referral as the municipality made it. No CPR, and of the birth date only the age in whole years
 * on referredAt (ADR 0099); events stored with `childBirthDate` get the age on read (child-age.upcasters.ts).
 */
export interface ReferralFacts {
  referralId: string;
  municipalityCode: string;
  houseCode: HouseCode;
  childRef: string;
  /** The child's age in whole years on referredAt. */
  childAgeYears: number;
  childSex: ChildSex;
  referredAt: CalendarDate;
  municipalityAwareAt: CalendarDate;
  abuseTypes: AbuseType[];
  caseKind: CaseKind;
  underretningId?: string;
}

export interface ReferralAcceptance {
  caseId: string;
  acceptedAt: CalendarDate;
}

export interface ReferralRejection {
  rejectedAt: CalendarDate;
  reason: ReferralRejectionReason;
  /** The house's free-text note to the municipality: kept in this service only, never published. */
  note?: string;
}

export interface ReferralWithdrawal {
  withdrawnAt: CalendarDate;
  reason: ReferralWithdrawalReason;
}

/** Every event carries the facts again, so each public event is built from its own internal event. */
export type ReferralEvent =
  | { type: 'ReferralSubmitted'; data: ReferralFacts }
  | { type: 'ReferralAccepted'; data: ReferralFacts & ReferralAcceptance }
  | { type: 'ReferralRejected'; data: ReferralFacts & ReferralRejection }
  | { type: 'ReferralWithdrawn'; data: ReferralFacts & ReferralWithdrawal };

export const REFERRAL_STREAM_PREFIX = 'referral-';
/** The municipality's id is unique within the municipality only (ADR 0095). */
export const referralStreamId = (municipalityCode: string, referralId: string) => tenantScopedStreamId(REFERRAL_STREAM_PREFIX, municipalityCode, referralId);
