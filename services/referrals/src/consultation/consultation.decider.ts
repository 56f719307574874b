import { ageInYears, copenhagenDate } from '@sagsspor/calendar';
import { childAgeOn, type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import type { ConsultationCommand, ConsultationRecord } from './consultation.commands';
import type { ConsultationEvent, ConsultationFacts } from './consultation.events';

export type ConsultationState = { status: 'none' } | { status: 'recorded'; facts: ConsultationFacts };

/** What the event keeps of a record: a named child's age on askedAt in place of its birth date. */
function factsOf({ child, ...record }: ConsultationRecord): ConsultationFacts {
  if (child === undefined) return record;
  return { ...record, child: { childRef: child.childRef, childAgeYears: ageInYears(child.childBirthDate, record.askedAt), childSex: child.childSex } };
}

export const consultationDecider: Decider<ConsultationState, ConsultationCommand, ConsultationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ConsultationRecorded':
        return { status: 'recorded', facts: event.data };
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'RecordConsultation': {
        const facts = factsOf(command.data);
        if (state.status === 'recorded') {
          if (fingerprintOf(state.facts) === fingerprintOf(facts)) return [];
          throw new DomainError('CONSULTATION.ID_IN_USE', `consultation ${facts.consultationId} was already recorded with other content`);
        }
        const today = copenhagenDate(now);
        if (facts.askedAt > today) throw new DomainError('CONSULTATION.ASKED_IN_FUTURE', `askedAt ${facts.askedAt} is in the future (today is ${today})`, 'invalid');
        if (command.data.child) childAgeOn(command.data.child.childBirthDate, facts.askedAt, 'CONSULTATION.NOT_A_CHILD', 'askedAt');
        return [{ type: 'ConsultationRecorded', data: facts }];
      }
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${unhandled}`);
      }
    }
  },
};
