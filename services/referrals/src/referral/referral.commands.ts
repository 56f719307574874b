import type { CalendarDate } from '@sagsspor/calendar';
import type { ReferralAcceptance, ReferralFacts, ReferralRejection, ReferralWithdrawal } from './referral.events';

/**
 * The underretning a referral names, as the handler found it: the decider checks that it is the
 * same child's and the same municipality's. `undefined`: none was found.
 */
export interface LinkedUnderretning {
  childRef: string;
  municipalityCode: string;
}

/** The referral as submitted: the facts with the child's birth date (from the CPR, in the command only) where the events keep the age on referredAt. */
export type ReferralSubmission = Omit<ReferralFacts, 'childAgeYears'> & { childBirthDate: CalendarDate };

export type SubmitReferral = { type: 'SubmitReferral'; data: ReferralSubmission; linkedUnderretning?: LinkedUnderretning };
/** `caseId` is derived from the referral id by the handler, so the decision stays pure and a retry names the same case. */
export type AcceptReferral = { type: 'AcceptReferral'; data: { referralId: string } & ReferralAcceptance };
export type RejectReferral = { type: 'RejectReferral'; data: { referralId: string } & ReferralRejection };
export type WithdrawReferral = { type: 'WithdrawReferral'; data: { referralId: string } & ReferralWithdrawal };

export type ReferralCommand = SubmitReferral | AcceptReferral | RejectReferral | WithdrawReferral;
