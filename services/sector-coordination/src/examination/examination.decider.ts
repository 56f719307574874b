import { type Decider, DomainError } from '@sagsspor/event-store';
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
        if (command.data.performedAt > now.toISOString().slice(0, 10)) {
          throw new DomainError('EXAMINATION.PERFORMED_IN_FUTURE', `performedAt ${command.data.performedAt} is in the future`, 'invalid');
        }
        if (state.status === 'none') return [{ type: 'ExaminationPerformed', data: command.data }];
        if (JSON.stringify(state.facts) === JSON.stringify(command.data)) return [];
        throw new DomainError('EXAMINATION.ID_IN_USE', `examination ${command.data.examinationId} was already recorded with other content`);
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
