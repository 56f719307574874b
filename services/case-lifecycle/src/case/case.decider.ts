import { type Decider, DomainError } from '@sagsspor/event-store';
import type { CaseCommand } from './case.commands';
import type { CaseEvent, CaseIntake } from './case.events';

export type CaseState = { status: 'none' } | { status: 'opened'; intake: CaseIntake };

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'CaseOpened':
        return { status: 'opened', intake: event.data };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenCase': {
        if (state.status === 'none') return [{ type: 'CaseOpened', data: command.data }];
        if (state.intake.referralId === command.data.referralId) return [];
        throw new DomainError('CASE.ALREADY_OPENED', `case ${command.data.caseId} was opened from referral ${state.intake.referralId}, not ${command.data.referralId}`);
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
