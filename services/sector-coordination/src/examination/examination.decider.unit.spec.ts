import { deciderSpec } from '@sagsspor/domain';
import type { KnownCase } from '../known-cases/domain/known-case';
import type { RecordExamination } from './examination.commands';
import { examinationDecider } from './examination.decider';
import type { ExaminationEvent, ExaminationFacts } from './examination.events';

const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77';
const openCase: KnownCase = { caseId, houseCode: 'midt', municipalityCode: '751', openedAt: '2025-03-12' };
const closedCase: KnownCase = { ...openCase, closedAt: '2025-05-30', closureRevision: 1 };
const facts: ExaminationFacts = { examinationId: 'EX-1', caseId, kind: 'forensic', performedAt: '2025-05-28' };
const spec = deciderSpec(examinationDecider, new Date('2025-06-02T10:00:00Z'));

const record = (examination: ExaminationFacts, knownCase: KnownCase | 'unknown' = openCase): RecordExamination => ({
  type: 'RecordExamination',
  data: { examination, knownCase: knownCase === 'unknown' ? undefined : knownCase },
});
const performed = (data: ExaminationFacts): ExaminationEvent => ({ type: 'ExaminationPerformed', data });

describe('examination decider', () => {
  describe('when none was recorded', () => {
    it('records a forensic examination', () => spec.given().when(record(facts)).then(performed(facts)));
    it('records a paediatric examination', () => spec.given().when(record({ ...facts, kind: 'paediatric' })).then(performed({ ...facts, kind: 'paediatric' })));
    it('refuses a case it does not know, saying a new case may take a moment', () => spec.given().when(record(facts, 'unknown')).thenFails('CASE.UNKNOWN', /may take a moment/));
    it('refuses a future date (Copenhagen calendar)', () => spec.given().when(record({ ...facts, performedAt: '2025-06-03' })).thenFails('EXAMINATION.PERFORMED_IN_FUTURE'));
    it('refuses a date before the case was opened', () => spec.given().when(record({ ...facts, performedAt: '2025-03-11' })).thenFails('EXAMINATION.BEFORE_CASE_OPENED'));
    it('accepts the opening day', () => spec.given().when(record({ ...facts, performedAt: '2025-03-12' })).then(performed({ ...facts, performedAt: '2025-03-12' })));
    it('refuses a date after the case was closed', () => spec.given().when(record({ ...facts, performedAt: '2025-05-31' }, closedCase)).thenFails('EXAMINATION.AFTER_CASE_CLOSED'));
    it('accepts the closing day of a closed case', () => spec.given().when(record({ ...facts, performedAt: '2025-05-30' }, closedCase)).then(performed({ ...facts, performedAt: '2025-05-30' })));
  });

  describe('when recorded', () => {
    it('ignores the same examination again (a retry)', () => spec.given(performed(facts)).when(record(facts)).thenNothingHappens());
    it('answers a retry the same after the case was closed before the date', () =>
      spec.given(performed(facts)).when(record(facts, { ...openCase, closedAt: '2025-04-01', closureRevision: 2 })).thenNothingHappens());
    it('refuses another kind under the same id', () => spec.given(performed(facts)).when(record({ ...facts, kind: 'paediatric' })).thenFails('EXAMINATION.ID_IN_USE'));
    it('refuses another case under the same id', () =>
      spec.given(performed(facts)).when(record({ ...facts, caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f' })).thenFails('EXAMINATION.ID_IN_USE'));
    it('refuses another date under the same id', () => spec.given(performed(facts)).when(record({ ...facts, performedAt: '2025-05-27' })).thenFails('EXAMINATION.ID_IN_USE'));
  });
});
