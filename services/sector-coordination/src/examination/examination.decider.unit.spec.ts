import { deciderSpec } from '@sagsspor/event-store';
import type { ExaminationFacts } from './examination.events';
import { examinationDecider } from './examination.decider';

const facts: ExaminationFacts = { examinationId: 'EX-1', caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', kind: 'forensic', performedAt: '2025-05-28' };
const spec = deciderSpec(examinationDecider, new Date('2025-06-02T10:00:00Z'));

describe('examination decider', () => {
  describe('when none was recorded', () => {
    it('records it', () => spec.given().when({ type: 'RecordExamination', data: facts }).then({ type: 'ExaminationPerformed', data: facts }));
    it('refuses a future date', () => spec.given().when({ type: 'RecordExamination', data: { ...facts, performedAt: '2025-06-03' } }).thenFails('EXAMINATION.PERFORMED_IN_FUTURE'));
  });
  describe('when recorded', () => {
    it('ignores the same examination again', () => spec.given({ type: 'ExaminationPerformed', data: facts }).when({ type: 'RecordExamination', data: facts }).thenNothingHappens());
    it('refuses other content under the same id', () =>
      spec.given({ type: 'ExaminationPerformed', data: facts }).when({ type: 'RecordExamination', data: { ...facts, kind: 'paediatric' } }).thenFails('EXAMINATION.ID_IN_USE'));
  });
});
