import type { ReferralFacts } from './referral.events';

export type SubmitReferral = { type: 'SubmitReferral'; data: ReferralFacts };
/** `caseId` is assigned by the caller of the decider (derived from the referral id), so the decision stays pure. */
export type AcceptReferral = { type: 'AcceptReferral'; data: { referralId: string; acceptedAt: string; caseId: string } };
export type ReferralCommand = SubmitReferral | AcceptReferral;
