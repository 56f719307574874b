import type { ReferralAcceptance, ReferralFacts, ReferralRejection, ReferralWithdrawal } from './referral.events';

/**
 * The underretning a referral names, as the handler found it: the decider checks that it is the
 * same child's and the same municipality's. `undefined`: none was found.
 */
export interface LinkedUnderretning {
  childRef: string;
  municipalityCode: string;
}

export type SubmitReferral = { type: 'SubmitReferral'; data: ReferralFacts; linkedUnderretning?: LinkedUnderretning };
/** `caseId` is derived from the referral id by the handler, so the decision stays pure and a retry names the same case. */
export type AcceptReferral = { type: 'AcceptReferral'; data: { referralId: string } & ReferralAcceptance };
export type RejectReferral = { type: 'RejectReferral'; data: { referralId: string } & ReferralRejection };
export type WithdrawReferral = { type: 'WithdrawReferral'; data: { referralId: string } & ReferralWithdrawal };

export type ReferralCommand = SubmitReferral | AcceptReferral | RejectReferral | WithdrawReferral;
