import { deciderSpec } from '@sagsspor/domain';
import type { ConsultationRecord, RecordConsultation } from './consultation.commands';
import { consultationDecider } from './consultation.decider';
import type { ConsultationFacts } from './consultation.events';

const facts: ConsultationRecord & ConsultationFacts = { consultationId: 'K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-05-28', outcome: 'advice-given' };
// The command names the child with its birth date (from the CPR); the event keeps the age on askedAt.
const child = { childRef: 'd'.repeat(64), childBirthDate: '2012-09-30', childSex: 'male' as const };
const consultedChild = { childRef: 'd'.repeat(64), childAgeYears: 12, childSex: 'male' as const };
const record: RecordConsultation = { type: 'RecordConsultation', data: facts };
// Today is 2025-06-02 in Copenhagen.
const spec = deciderSpec(consultationDecider, new Date('2025-06-02T10:00:00Z'));

describe('consultation decider', () => {
  describe('when none was recorded', () => {
    it('records an inquiry that names no child', () => spec.given().when(record).then({ type: 'ConsultationRecorded', data: facts }));
    it('records an inquiry about a child', () => spec.given().when({ ...record, data: { ...facts, child } }).then({ type: 'ConsultationRecorded', data: { ...facts, child: consultedChild } }));
    it('keeps the age on the date asked, never the birth date', () =>
      spec
        .given()
        .when({ ...record, data: { ...facts, child: { ...child, childBirthDate: '2007-05-29' } } })
        .then({ type: 'ConsultationRecorded', data: { ...facts, child: { ...consultedChild, childAgeYears: 17 } } }));
    it('refuses a date in the future', () => spec.given().when({ ...record, data: { ...facts, askedAt: '2025-06-03' } }).thenFails('CONSULTATION.ASKED_IN_FUTURE', /^askedAt/));
    it('refuses a named child who is 18 on the date asked', () =>
      spec
        .given()
        .when({ ...record, data: { ...facts, child: { ...child, childBirthDate: '2007-05-28' } } })
        .thenFails('CONSULTATION.NOT_A_CHILD', /on askedAt 2025-05-28/));
  });

  describe('when recorded', () => {
    const recorded = { type: 'ConsultationRecorded' as const, data: facts };
    it('does nothing when the same inquiry arrives again', () => spec.given(recorded).when(record).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given(recorded).when({ ...record, data: { ...facts, outcome: 'referral-recommended' } }).thenFails('CONSULTATION.ID_IN_USE'));
    it('does nothing when the same inquiry about a child arrives again', () =>
      spec
        .given({ type: 'ConsultationRecorded', data: { ...facts, child: consultedChild } })
        .when({ ...record, data: { ...facts, child } })
        .thenNothingHappens());
  });
});
