import { type Decider, DomainError } from '@sagsspor/event-store';
import { ageInYears } from '@sagsspor/calendar';
import type { UnderretningCommand } from './underretning.commands';
import type { UnderretningEvent } from './underretning.events';

export type UnderretningState = { status: 'none' } | { status: 'received'; received: UnderretningEvent['data'] };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const underretningDecider: Decider<UnderretningState, UnderretningCommand, UnderretningEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'UnderretningReceived':
        return { status: 'received', received: event.data };
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'ReceiveUnderretning': {
        const { receivedAt, childBirthDate } = command.data;
        if (receivedAt > now.toISOString().slice(0, 10)) {
          throw new DomainError('UNDERRETNING.RECEIVED_IN_FUTURE', `receivedAt ${receivedAt} is in the future`, 'invalid');
        }
        const age = ageInYears(childBirthDate, receivedAt);
        if (age < 0 || age > 17) {
          throw new DomainError('UNDERRETNING.NOT_A_CHILD', `the child must be 0-17 years old on ${receivedAt}; the CPR number gives ${age}`, 'invalid');
        }
        if (state.status === 'received') {
          if (sameJson(state.received, command.data)) return [];
          throw new DomainError('UNDERRETNING.ID_IN_USE', `underretning ${command.data.underretningId} was already received with other content`);
        }
        return [{ type: 'UnderretningReceived', data: command.data }];
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
