import { type Decider, DomainError } from '@sagsspor/event-store';
import { ageInYears } from '@sagsspor/calendar';
import type { ReferralCommand } from './referral.commands';
import type { ReferralEvent, ReferralFacts } from './referral.events';

export type ReferralState =
  | { status: 'none' }
  | { status: 'submitted'; facts: ReferralFacts }
  | { status: 'accepted'; facts: ReferralFacts; caseId: string; acceptedAt: string };

const today = (now: Date) => now.toISOString().slice(0, 10);

export const referralDecider: Decider<ReferralState, ReferralCommand, ReferralEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ReferralSubmitted':
        return { status: 'submitted', facts: event.data };
      case 'ReferralAccepted': {
        const { caseId, acceptedAt, ...facts } = event.data;
        return { status: 'accepted', facts, caseId, acceptedAt };
      }
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'SubmitReferral': {
        const facts = command.data;
        if (facts.referredAt > today(now)) throw new DomainError('REFERRAL.REFERRED_IN_FUTURE', `referredAt ${facts.referredAt} is in the future`, 'invalid');
        if (facts.municipalityAwareAt > facts.referredAt) {
          throw new DomainError('REFERRAL.AWARE_AFTER_REFERRAL', 'municipalityAwareAt cannot be after referredAt', 'invalid');
        }
        const age = ageInYears(facts.childBirthDate, facts.referredAt);
        if (age < 0 || age > 17) throw new DomainError('REFERRAL.NOT_A_CHILD', `the child must be 0-17 years old on ${facts.referredAt}; the CPR number gives ${age}`, 'invalid');
        if (state.status === 'none') return [{ type: 'ReferralSubmitted', data: facts }];
        if (JSON.stringify(state.facts) === JSON.stringify(facts)) return [];
        throw new DomainError('REFERRAL.ID_IN_USE', `referral ${facts.referralId} was already submitted with other content`);
      }
      case 'AcceptReferral': {
        if (state.status === 'none') throw new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${command.data.referralId}`, 'not-found');
        if (state.status === 'accepted') return [];
        const { acceptedAt, caseId } = command.data;
        if (acceptedAt < state.facts.referredAt) throw new DomainError('REFERRAL.ACCEPTED_BEFORE_REFERRED', `acceptedAt ${acceptedAt} is before the referral date ${state.facts.referredAt}`, 'invalid');
        if (acceptedAt > today(now)) throw new DomainError('REFERRAL.ACCEPTED_IN_FUTURE', `acceptedAt ${acceptedAt} is in the future`, 'invalid');
        return [{ type: 'ReferralAccepted', data: { ...state.facts, caseId, acceptedAt } }];
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
