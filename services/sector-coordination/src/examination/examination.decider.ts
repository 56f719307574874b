import { copenhagenDate } from '@sagsspor/calendar';
import { type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import { assertWithinCasePeriod, caseUnknown } from '../known-cases/domain/known-case';
import type { ExaminationCommand } from './examination.commands';
import type { ExaminationEvent, ExaminationFacts } from './examination.events';

export type ExaminationState = { status: 'none' } | { status: 'performed'; facts: ExaminationFacts };

export const examinationDecider: Decider<ExaminationState, ExaminationCommand, ExaminationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ExaminationPerformed':
        return { status: 'performed', facts: event.data };
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'RecordExamination': {
        const { examination, knownCase } = command.data;
        const facts: ExaminationFacts = { examinationId: examination.examinationId, caseId: examination.caseId, kind: examination.kind, performedAt: examination.performedAt };
        if (state.status === 'performed') {
          // Compared key-order-free: events come back from jsonb with their keys reordered.
          if (fingerprintOf(state.facts) === fingerprintOf(facts)) return [];
          throw new DomainError('EXAMINATION.ID_IN_USE', `examination ${facts.examinationId} was already recorded with other content`);
        }
        if (!knownCase) throw caseUnknown(facts.caseId);
        if (facts.performedAt > copenhagenDate(now)) {
          throw new DomainError('EXAMINATION.PERFORMED_IN_FUTURE', `performedAt ${facts.performedAt} is in the future`, 'invalid');
        }
        assertWithinCasePeriod(facts.performedAt, knownCase, 'EXAMINATION', 'performedAt');
        return [{ type: 'ExaminationPerformed', data: facts }];
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
