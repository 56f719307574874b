import { ageInYears, copenhagenDate } from '@sagsspor/calendar';
import { childAgeOn, type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import type { ReferralCommand, ReferralSubmission, SubmitReferral } from './referral.commands';
import type { ReferralAcceptance, ReferralEvent, ReferralFacts, ReferralRejection, ReferralWithdrawal } from './referral.events';

export type ReferralState =
  | { status: 'none' }
  | { status: 'submitted'; facts: ReferralFacts }
  | { status: 'accepted'; facts: ReferralFacts; acceptance: ReferralAcceptance }
  | { status: 'rejected'; facts: ReferralFacts; rejection: ReferralRejection }
  | { status: 'withdrawn'; facts: ReferralFacts; withdrawal: ReferralWithdrawal };

type Decided = Exclude<ReferralState, { status: 'none' | 'submitted' }>;

/** Equal content whatever the key order (events come back from jsonb with their keys reordered). */
const sameContent = (a: unknown, b: unknown) => fingerprintOf(a) === fingerprintOf(b);

/** What the events keep of a submission: the age on referredAt in place of the birth date. */
function factsOf({ childBirthDate, ...submission }: ReferralSubmission): ReferralFacts {
  const { referralId, municipalityCode, houseCode, childRef, childSex, referredAt, municipalityAwareAt, abuseTypes, caseKind, underretningId } = submission;
  return {
    referralId,
    municipalityCode,
    houseCode,
    childRef,
    childAgeYears: ageInYears(childBirthDate, referredAt),
    childSex,
    referredAt,
    municipalityAwareAt,
    abuseTypes,
    caseKind,
    ...(underretningId === undefined ? {} : { underretningId }),
  };
}

function checkSubmission({ data: facts, linkedUnderretning }: SubmitReferral, today: string): void {
  if (facts.referredAt > today) throw new DomainError('REFERRAL.REFERRED_IN_FUTURE', `referredAt ${facts.referredAt} is in the future (today is ${today})`, 'invalid');
  if (facts.municipalityAwareAt > facts.referredAt) {
    throw new DomainError('REFERRAL.AWARE_AFTER_REFERRAL', `municipalityAwareAt ${facts.municipalityAwareAt} is after referredAt ${facts.referredAt}`, 'invalid');
  }
  childAgeOn(facts.childBirthDate, facts.referredAt, 'REFERRAL.NOT_A_CHILD', 'referredAt');
  if (facts.underretningId === undefined) return;
  // Another municipality's underretning answers as a missing one, so ids cannot be probed.
  if (!linkedUnderretning || linkedUnderretning.municipalityCode !== facts.municipalityCode) {
    throw new DomainError('REFERRAL.UNDERRETNING_NOT_FOUND', `underretningId ${facts.underretningId} names no underretning of municipality ${facts.municipalityCode}`, 'invalid');
  }
  if (linkedUnderretning.childRef !== facts.childRef) {
    throw new DomainError('REFERRAL.UNDERRETNING_OTHER_CHILD', `underretningId ${facts.underretningId} is about another child than childCpr`, 'invalid');
  }
}

/** A decision on a submitted referral: on or after the referral date, and not in the future. */
function checkDecisionDate(facts: ReferralFacts, field: string, date: string, code: string, today: string): void {
  if (date > today) throw new DomainError(`REFERRAL.${code}_IN_FUTURE`, `${field} ${date} is in the future (today is ${today})`, 'invalid');
  if (date < facts.referredAt) throw new DomainError(`REFERRAL.${code}_BEFORE_REFERRED`, `${field} ${date} is before the referral date ${facts.referredAt}`, 'invalid');
}

function statusText(state: Decided): string {
  switch (state.status) {
    case 'accepted':
      return `accepted on ${state.acceptance.acceptedAt}`;
    case 'rejected':
      return `rejected on ${state.rejection.rejectedAt} (reason ${state.rejection.reason})`;
    case 'withdrawn':
      return `withdrawn on ${state.withdrawal.withdrawnAt} (reason ${state.withdrawal.reason})`;
  }
}

/**
 * The answer to accept/reject/withdraw on a referral that is no longer submitted: nothing when it is
 * the same transition with the same content (a retry), else a 409 that names the current status.
 */
function alreadyDecided(state: Decided, verb: 'accepted' | 'rejected' | 'withdrawn', sameAsBefore: boolean): ReferralEvent[] {
  if (state.status === verb && sameAsBefore) return [];
  const again = state.status === verb ? ' with other details' : '';
  throw new DomainError(
    `REFERRAL.ALREADY_${state.status.toUpperCase()}`,
    `referral ${state.facts.referralId} cannot be ${verb}${again}: it was ${statusText(state)}. Only a submitted referral can be accepted, rejected or withdrawn.`,
  );
}

export const referralDecider: Decider<ReferralState, ReferralCommand, ReferralEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ReferralSubmitted':
        return { status: 'submitted', facts: event.data };
      case 'ReferralAccepted': {
        const { caseId, acceptedAt, ...facts } = event.data;
        return { status: 'accepted', facts, acceptance: { caseId, acceptedAt } };
      }
      case 'ReferralRejected': {
        const { rejectedAt, reason, note, ...facts } = event.data;
        return { status: 'rejected', facts, rejection: { rejectedAt, reason, ...(note === undefined ? {} : { note }) } };
      }
      case 'ReferralWithdrawn': {
        const { withdrawnAt, reason, ...facts } = event.data;
        return { status: 'withdrawn', facts, withdrawal: { withdrawnAt, reason } };
      }
    }
  },
  decide: (command, state, { now }) => {
    const today = copenhagenDate(now);
    if (command.type === 'SubmitReferral') {
      const facts = factsOf(command.data);
      if (state.status !== 'none') {
        if (sameContent(state.facts, facts)) return [];
        throw new DomainError('REFERRAL.ID_IN_USE', `referral ${command.data.referralId} was already submitted with other content`);
      }
      checkSubmission(command, today);
      return [{ type: 'ReferralSubmitted', data: facts }];
    }
    if (state.status === 'none') throw new DomainError('REFERRAL.NOT_FOUND', `there is no referral ${command.data.referralId}`, 'not-found');
    switch (command.type) {
      case 'AcceptReferral': {
        const { referralId: _id, ...acceptance } = command.data;
        if (state.status !== 'submitted') return alreadyDecided(state, 'accepted', state.status === 'accepted' && state.acceptance.acceptedAt === acceptance.acceptedAt);
        checkDecisionDate(state.facts, 'acceptedAt', acceptance.acceptedAt, 'ACCEPTED', today);
        return [{ type: 'ReferralAccepted', data: { ...state.facts, ...acceptance } }];
      }
      case 'RejectReferral': {
        const { referralId: _id, ...rejection } = command.data;
        if (state.status !== 'submitted') return alreadyDecided(state, 'rejected', state.status === 'rejected' && sameContent(state.rejection, rejection));
        checkDecisionDate(state.facts, 'rejectedAt', rejection.rejectedAt, 'REJECTED', today);
        return [{ type: 'ReferralRejected', data: { ...state.facts, ...rejection } }];
      }
      case 'WithdrawReferral': {
        const { referralId: _id, ...withdrawal } = command.data;
        if (state.status !== 'submitted') return alreadyDecided(state, 'withdrawn', state.status === 'withdrawn' && sameContent(state.withdrawal, withdrawal));
        checkDecisionDate(state.facts, 'withdrawnAt', withdrawal.withdrawnAt, 'WITHDRAWN', today);
        return [{ type: 'ReferralWithdrawn', data: { ...state.facts, ...withdrawal } }];
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
