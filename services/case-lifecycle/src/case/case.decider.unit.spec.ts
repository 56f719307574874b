import { deciderSpec } from '@sagsspor/event-store';
import type { CaseIntake } from './case.events';
import { caseDecider } from './case.decider';

const intake: CaseIntake = {
  caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77',
  referralId: 'R-1',
  childRef: 'c'.repeat(64),
  childSex: 'female',
  childAgeYears: 9,
  municipalityCode: '751',
  houseCode: 'midt',
  referredAt: '2025-05-20',
  municipalityAwareAt: '2025-05-12',
  openedAt: '2025-05-22',
  abuseTypes: ['sexual'],
  caseKind: 'abuse',
};
const spec = deciderSpec(caseDecider);

describe('case decider', () => {
  describe('when there is no case', () => {
    it('opens it', () => spec.given().when({ type: 'OpenCase', data: intake }).then({ type: 'CaseOpened', data: intake }));
  });
  describe('when opened', () => {
    it('ignores the same referral delivered again', () => spec.given({ type: 'CaseOpened', data: intake }).when({ type: 'OpenCase', data: intake }).thenNothingHappens());
    it('refuses another referral under the same case id', () =>
      spec.given({ type: 'CaseOpened', data: intake }).when({ type: 'OpenCase', data: { ...intake, referralId: 'R-2' } }).thenFails('CASE.ALREADY_OPENED'));
  });
});
