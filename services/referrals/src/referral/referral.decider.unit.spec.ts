import { deciderSpec } from '@sagsspor/event-store';
import type { ReferralFacts } from './referral.events';
import { referralDecider } from './referral.decider';

const facts: ReferralFacts = {
  referralId: 'R-1',
  municipalityCode: '751',
  houseCode: 'midt',
  childRef: 'b'.repeat(64),
  childBirthDate: '2015-01-20',
  childSex: 'male',
  referredAt: '2025-05-20',
  municipalityAwareAt: '2025-05-12',
  abuseTypes: ['violence'],
  caseKind: 'abuse',
};
const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77';
const spec = deciderSpec(referralDecider, new Date('2025-06-02T10:00:00Z'));
const submitted = { type: 'ReferralSubmitted' as const, data: facts };
const accepted = { type: 'ReferralAccepted' as const, data: { ...facts, caseId, acceptedAt: '2025-05-22' } };

describe('referral decider', () => {
  describe('when there is no referral', () => {
    it('submits one', () => spec.given().when({ type: 'SubmitReferral', data: facts }).then(submitted));
    it('refuses aware after referred', () =>
      spec.given().when({ type: 'SubmitReferral', data: { ...facts, municipalityAwareAt: '2025-05-21' } }).thenFails('REFERRAL.AWARE_AFTER_REFERRAL'));
    it('refuses a future referral date', () => spec.given().when({ type: 'SubmitReferral', data: { ...facts, referredAt: '2025-06-03' } }).thenFails('REFERRAL.REFERRED_IN_FUTURE'));
    it('refuses an adult', () => spec.given().when({ type: 'SubmitReferral', data: { ...facts, childBirthDate: '2007-05-19' } }).thenFails('REFERRAL.NOT_A_CHILD'));
    it('cannot accept what was never submitted', () =>
      spec.given().when({ type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-05-22', caseId } }).thenFails('REFERRAL.NOT_FOUND'));
  });

  describe('when submitted', () => {
    it('accepts, carrying the facts and the new case id', () =>
      spec.given(submitted).when({ type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-05-22', caseId } }).then(accepted));
    it('refuses acceptance before the referral date', () =>
      spec.given(submitted).when({ type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-05-19', caseId } }).thenFails('REFERRAL.ACCEPTED_BEFORE_REFERRED'));
    it('refuses acceptance in the future', () =>
      spec.given(submitted).when({ type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-06-03', caseId } }).thenFails('REFERRAL.ACCEPTED_IN_FUTURE'));
    it('does nothing when the same referral is submitted again', () => spec.given(submitted).when({ type: 'SubmitReferral', data: facts }).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given(submitted).when({ type: 'SubmitReferral', data: { ...facts, abuseTypes: ['sexual'] } }).thenFails('REFERRAL.ID_IN_USE'));
  });

  describe('when accepted', () => {
    it('does nothing on a second acceptance (the first case id stands)', () =>
      spec.given(submitted, accepted).when({ type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-05-23', caseId: 'other' } }).thenNothingHappens());
  });
});
