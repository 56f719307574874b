import { deciderSpec } from '@sagsspor/domain';
import type { AcceptReferral, ReferralSubmission, RejectReferral, SubmitReferral, WithdrawReferral } from './referral.commands';
import { referralDecider } from './referral.decider';
import type { ReferralEvent, ReferralFacts } from './referral.events';

// The command carries the birth date (from the CPR); the events keep the age on referredAt.
const submission: ReferralSubmission = {
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
const { childBirthDate: _birthDate, ...rest } = submission;
const facts: ReferralFacts = { ...rest, childAgeYears: 10 };
const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77';
// Today is 2025-06-02 in Copenhagen.
const spec = deciderSpec(referralDecider, new Date('2025-06-02T10:00:00Z'));

const submit: SubmitReferral = { type: 'SubmitReferral', data: submission };
const accept: AcceptReferral = { type: 'AcceptReferral', data: { referralId: 'R-1', acceptedAt: '2025-05-22', caseId } };
const reject: RejectReferral = { type: 'RejectReferral', data: { referralId: 'R-1', rejectedAt: '2025-05-23', reason: 'outside-target-group', note: 'Ingen mistanke om vold' } };
const withdraw: WithdrawReferral = { type: 'WithdrawReferral', data: { referralId: 'R-1', withdrawnAt: '2025-05-21', reason: 'family-moved' } };

const submitted: ReferralEvent = { type: 'ReferralSubmitted', data: facts };
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: { ...facts, caseId, acceptedAt: '2025-05-22' } };
const rejected: ReferralEvent = { type: 'ReferralRejected', data: { ...facts, rejectedAt: '2025-05-23', reason: 'outside-target-group', note: 'Ingen mistanke om vold' } };
const withdrawn: ReferralEvent = { type: 'ReferralWithdrawn', data: { ...facts, withdrawnAt: '2025-05-21', reason: 'family-moved' } };

describe('referral decider', () => {
  describe('when there is no referral', () => {
    it('submits one', () => spec.given().when(submit).then(submitted));
    it('submits one that names the same child’s underretning of the same municipality', () =>
      spec
        .given()
        .when({ ...submit, data: { ...submission, underretningId: 'U-1' }, linkedUnderretning: { childRef: facts.childRef, municipalityCode: '751' } })
        .then({ type: 'ReferralSubmitted', data: { ...facts, underretningId: 'U-1' } }));
    it('refuses an underretningId that names nothing', () =>
      spec.given().when({ ...submit, data: { ...submission, underretningId: 'U-404' } }).thenFails('REFERRAL.UNDERRETNING_NOT_FOUND', /^underretningId U-404/));
    it('refuses another municipality’s underretning as if it did not exist', () =>
      spec
        .given()
        .when({ ...submit, data: { ...submission, underretningId: 'U-1' }, linkedUnderretning: { childRef: facts.childRef, municipalityCode: '101' } })
        .thenFails('REFERRAL.UNDERRETNING_NOT_FOUND'));
    it('refuses an underretning about another child', () =>
      spec
        .given()
        .when({ ...submit, data: { ...submission, underretningId: 'U-1' }, linkedUnderretning: { childRef: 'c'.repeat(64), municipalityCode: '751' } })
        .thenFails('REFERRAL.UNDERRETNING_OTHER_CHILD'));
    it('refuses aware after referred', () =>
      spec.given().when({ ...submit, data: { ...submission, municipalityAwareAt: '2025-05-21' } }).thenFails('REFERRAL.AWARE_AFTER_REFERRAL', /^municipalityAwareAt/));
    it('refuses a future referral date', () => spec.given().when({ ...submit, data: { ...submission, referredAt: '2025-06-03' } }).thenFails('REFERRAL.REFERRED_IN_FUTURE', /^referredAt/));
    it('refuses a child of 18 on the referral date, naming the date', () =>
      spec.given().when({ ...submit, data: { ...submission, childBirthDate: '2007-05-20' } }).thenFails('REFERRAL.NOT_A_CHILD', /on referredAt 2025-05-20/));
    it('keeps the age on the referral date, never the birth date', () =>
      spec
        .given()
        .when({ ...submit, data: { ...submission, childBirthDate: '2007-05-21' } })
        .then({ type: 'ReferralSubmitted', data: { ...facts, childAgeYears: 17 } }));
    it('cannot accept what was never submitted', () => spec.given().when(accept).thenFails('REFERRAL.NOT_FOUND'));
    it('cannot reject what was never submitted', () => spec.given().when(reject).thenFails('REFERRAL.NOT_FOUND'));
    it('cannot withdraw what was never submitted', () => spec.given().when(withdraw).thenFails('REFERRAL.NOT_FOUND'));
  });

  describe('when submitted', () => {
    it('does nothing when the same referral is submitted again', () => spec.given(submitted).when(submit).thenNothingHappens());
    it('refuses other content under the same id', () => spec.given(submitted).when({ ...submit, data: { ...submission, abuseTypes: ['sexual'] } }).thenFails('REFERRAL.ID_IN_USE'));
    it('accepts, carrying the facts and the new case id', () => spec.given(submitted).when(accept).then(accepted));
    it('refuses acceptance before the referral date', () =>
      spec.given(submitted).when({ ...accept, data: { ...accept.data, acceptedAt: '2025-05-19' } }).thenFails('REFERRAL.ACCEPTED_BEFORE_REFERRED', /^acceptedAt/));
    it('refuses acceptance in the future', () => spec.given(submitted).when({ ...accept, data: { ...accept.data, acceptedAt: '2025-06-03' } }).thenFails('REFERRAL.ACCEPTED_IN_FUTURE'));
    it('rejects with a reason code and keeps the note', () => spec.given(submitted).when(reject).then(rejected));
    it('refuses rejection before the referral date', () =>
      spec.given(submitted).when({ ...reject, data: { ...reject.data, rejectedAt: '2025-05-01' } }).thenFails('REFERRAL.REJECTED_BEFORE_REFERRED', /^rejectedAt/));
    it('refuses rejection in the future', () => spec.given(submitted).when({ ...reject, data: { ...reject.data, rejectedAt: '2025-06-03' } }).thenFails('REFERRAL.REJECTED_IN_FUTURE'));
    it('is withdrawn by the municipality', () => spec.given(submitted).when(withdraw).then(withdrawn));
    it('refuses withdrawal before the referral date', () =>
      spec.given(submitted).when({ ...withdraw, data: { ...withdraw.data, withdrawnAt: '2025-05-19' } }).thenFails('REFERRAL.WITHDRAWN_BEFORE_REFERRED', /^withdrawnAt/));
    it('refuses withdrawal in the future', () =>
      spec.given(submitted).when({ ...withdraw, data: { ...withdraw.data, withdrawnAt: '2025-06-03' } }).thenFails('REFERRAL.WITHDRAWN_IN_FUTURE'));
  });

  describe('when accepted', () => {
    it('does nothing when the same referral is submitted again', () => spec.given(submitted, accepted).when(submit).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given(submitted, accepted).when({ ...submit, data: { ...submission, referredAt: '2025-05-21' } }).thenFails('REFERRAL.ID_IN_USE'));
    it('does nothing on the same acceptance again', () => spec.given(submitted, accepted).when(accept).thenNothingHappens());
    it('refuses an acceptance with another date, naming the first', () =>
      spec
        .given(submitted, accepted)
        .when({ ...accept, data: { ...accept.data, acceptedAt: '2025-05-23' } })
        .thenFails('REFERRAL.ALREADY_ACCEPTED', /cannot be accepted with other details: it was accepted on 2025-05-22/));
    it('refuses rejection: it was accepted', () =>
      spec.given(submitted, accepted).when(reject).thenFails('REFERRAL.ALREADY_ACCEPTED', /cannot be rejected: it was accepted on 2025-05-22\. Only a submitted referral/));
    it('refuses withdrawal: it was accepted', () => spec.given(submitted, accepted).when(withdraw).thenFails('REFERRAL.ALREADY_ACCEPTED', /cannot be withdrawn: it was accepted/));
  });

  describe('when rejected', () => {
    it('does nothing when the same referral is submitted again', () => spec.given(submitted, rejected).when(submit).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given(submitted, rejected).when({ ...submit, data: { ...submission, houseCode: 'nord' } }).thenFails('REFERRAL.ID_IN_USE'));
    it('refuses acceptance: it was rejected, and says why', () =>
      spec
        .given(submitted, rejected)
        .when(accept)
        .thenFails('REFERRAL.ALREADY_REJECTED', /cannot be accepted: it was rejected on 2025-05-23 \(reason outside-target-group\)/));
    it('does nothing on the same rejection again', () => spec.given(submitted, rejected).when(reject).thenNothingHappens());
    it('refuses a rejection with another reason', () =>
      spec.given(submitted, rejected).when({ ...reject, data: { ...reject.data, reason: 'duplicate' } }).thenFails('REFERRAL.ALREADY_REJECTED', /with other details/));
    it('refuses withdrawal: it was rejected', () => spec.given(submitted, rejected).when(withdraw).thenFails('REFERRAL.ALREADY_REJECTED'));
  });

  describe('when withdrawn', () => {
    it('does nothing when the same referral is submitted again', () => spec.given(submitted, withdrawn).when(submit).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given(submitted, withdrawn).when({ ...submit, data: { ...submission, caseKind: 'sba' } }).thenFails('REFERRAL.ID_IN_USE'));
    it('refuses acceptance: it was withdrawn', () =>
      spec.given(submitted, withdrawn).when(accept).thenFails('REFERRAL.ALREADY_WITHDRAWN', /cannot be accepted: it was withdrawn on 2025-05-21 \(reason family-moved\)/));
    it('refuses rejection: it was withdrawn', () => spec.given(submitted, withdrawn).when(reject).thenFails('REFERRAL.ALREADY_WITHDRAWN'));
    it('does nothing on the same withdrawal again', () => spec.given(submitted, withdrawn).when(withdraw).thenNothingHappens());
    it('refuses a withdrawal with another date', () =>
      spec.given(submitted, withdrawn).when({ ...withdraw, data: { ...withdraw.data, withdrawnAt: '2025-05-22' } }).thenFails('REFERRAL.ALREADY_WITHDRAWN', /with other details/));
  });
});
