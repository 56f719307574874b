import { ageInYears, type CalendarDate, copenhagenDate } from '@sagsspor/calendar';
import { childAgeOn, type Decider, DomainError, fingerprintOf } from '@sagsspor/domain';
import { notReferredReasons, type PoliceInvolvementDefinition } from '@sagsspor/contracts';
import { evaluateMandatoryReferralCriteria } from './domain/mandatory-referral-criteria';
import type { DecisionChanges, UnderretningArrival, UnderretningCommand } from './underretning.commands';
import { type CriteriaEvaluation, type DecisionField, decisionFields, type NotReferredReasons, type UnderretningDecisions, type UnderretningEvent, type UnderretningFacts } from './underretning.events';

export type UnderretningState =
  | { status: 'none' }
  /**
   * `criteria`: the latest evaluation (every change is evaluated in the decision that makes it);
   * `criteriaEverMet`: whether any evaluation so far was met (until then the watch has nothing to do).
   */
  | {
      status: 'received';
      facts: UnderretningFacts;
      decisions: UnderretningDecisions;
      criteria?: CriteriaEvaluation;
      criteriaEverMet?: boolean;
      /** Why the child was not referred, as last recorded (ADR 0074). */
      notReferred?: NotReferredReasons & { recordedOn: CalendarDate };
    };

/** Equal content whatever the key order (events come back from jsonb with their keys reordered). */
const sameContent = (a: unknown, b: unknown) => fingerprintOf(a) === fingerprintOf(b);

/** What the events keep of an arrival: the age on receivedAt in place of the birth date. */
function factsOf({ childBirthDate, ...arrival }: UnderretningArrival): UnderretningFacts {
  const { underretningId, municipalityCode, childRef, childSex, receivedAt, concerns, source } = arrival;
  return { underretningId, municipalityCode, childRef, childAgeYears: ageInYears(childBirthDate, receivedAt), childSex, receivedAt, concerns, source };
}

/**
 * The evaluation event; when the criteria are met it carries the child's age on metAt, from the birth
 * date in the command. After an erasure (no birth date) the age on receipt, kept in the stream's first
 * event, stands in for it (ADR 0099).
 */
function evaluated(facts: UnderretningFacts, decisions: UnderretningDecisions, policeInvolvement: PoliceInvolvementDefinition, birthDate: CalendarDate | undefined): UnderretningEvent {
  const { underretningId, municipalityCode, childRef } = facts;
  const evaluation = evaluateMandatoryReferralCriteria(facts, decisions, policeInvolvement);
  const childAgeYears = evaluation.metAt === undefined ? undefined : birthDate === undefined ? facts.childAgeYears : ageInYears(birthDate, evaluation.metAt);
  return {
    type: 'MandatoryReferralCriteriaEvaluated',
    data: { underretningId, municipalityCode, childRef, ...evaluation, ...(childAgeYears === undefined ? {} : { childAgeYears }) },
  };
}

/**
 * Each given date: not in the future, not before receipt, and a day on which the child is 0-17 (when
 * the birth date is known: after an erasure that check is skipped).
 */
function checkDates(facts: UnderretningFacts, changes: DecisionChanges, today: string, birthDate: CalendarDate | undefined): void {
  for (const field of decisionFields) {
    const date = changes[field];
    if (date === undefined || date === null) continue;
    if (date > today) throw new DomainError('UNDERRETNING.DATE_IN_FUTURE', `${field} ${date} is in the future (today is ${today})`, 'invalid');
    if (date < facts.receivedAt) {
      throw new DomainError('UNDERRETNING.DATE_BEFORE_RECEIVED', `${field} ${date} is before the underretning was received (${facts.receivedAt})`, 'invalid');
    }
    if (birthDate !== undefined) childAgeOn(birthDate, date, 'UNDERRETNING.NOT_A_CHILD', field);
  }
}

/** The decisions after the changes, in a fixed field order (so equal sets compare equal). */
function applied(current: UnderretningDecisions, changes: DecisionChanges): UnderretningDecisions {
  const next: UnderretningDecisions = {};
  for (const field of decisionFields) {
    const value = field in changes ? changes[field] : current[field];
    if (value !== undefined && value !== null) next[field] = value;
  }
  return next;
}

export const underretningDecider: Decider<UnderretningState, UnderretningCommand, UnderretningEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'UnderretningReceived':
        return { status: 'received', facts: event.data, decisions: {} };
      case 'UnderretningDecisionsRecorded':
        return state.status === 'received' ? { ...state, decisions: event.data.decisions } : state;
      case 'MandatoryReferralCriteriaEvaluated': {
        if (state.status !== 'received') return state;
        const { underretningId: _u, municipalityCode: _m, childRef: _c, ...criteria } = event.data;
        return { ...state, criteria, criteriaEverMet: state.criteriaEverMet === true || criteria.met };
      }
      case 'UnderretningNotReferredReasonsRecorded': {
        if (state.status !== 'received') return state;
        const { reasons, note, recordedOn } = event.data;
        return { ...state, notReferred: { reasons, ...(note === undefined ? {} : { note }), recordedOn } };
      }
    }
  },
  decide: (command, state, { now }) => {
    const today = copenhagenDate(now);
    switch (command.type) {
      case 'ReceiveUnderretning': {
        const facts = factsOf(command.data);
        const decisions = applied({}, command.decisions ?? {});
        if (state.status === 'received') {
          if (sameContent(state.facts, facts) && (command.decisions === undefined || sameContent(state.decisions, decisions))) return [];
          throw new DomainError('UNDERRETNING.ID_IN_USE', `underretning ${facts.underretningId} was already received with other content`);
        }
        if (facts.receivedAt > today) throw new DomainError('UNDERRETNING.RECEIVED_IN_FUTURE', `receivedAt ${facts.receivedAt} is in the future (today is ${today})`, 'invalid');
        childAgeOn(command.data.childBirthDate, facts.receivedAt, 'UNDERRETNING.NOT_A_CHILD', 'receivedAt');
        if (command.decisions === undefined) return [{ type: 'UnderretningReceived', data: facts }, evaluated(facts, {}, command.policeInvolvement, command.data.childBirthDate)];
        checkDates(facts, command.decisions, today, command.data.childBirthDate);
        const { underretningId, municipalityCode, childRef } = facts;
        return [
          { type: 'UnderretningReceived', data: facts },
          { type: 'UnderretningDecisionsRecorded', data: { underretningId, municipalityCode, childRef, decisions, corrected: [] } },
          evaluated(facts, decisions, command.policeInvolvement, command.data.childBirthDate),
        ];
      }
      case 'RecordUnderretningDecisions': {
        const { underretningId, changes } = command.data;
        if (state.status !== 'received') throw new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');
        const given = decisionFields.filter((f) => f in changes);
        if (given.length === 0) throw new DomainError('UNDERRETNING.NO_DECISIONS', `give at least one of ${decisionFields.join(', ')}`, 'invalid');
        checkDates(state.facts, changes, today, command.childBirthDate);
        const decisions = applied(state.decisions, changes);
        if (sameContent(decisions, state.decisions)) return [];
        const corrected: DecisionField[] = given.filter((f) => state.decisions[f] !== undefined && state.decisions[f] !== decisions[f]);
        const { municipalityCode, childRef } = state.facts;
        return [
          { type: 'UnderretningDecisionsRecorded', data: { underretningId, municipalityCode, childRef, decisions, corrected } },
          evaluated(state.facts, decisions, command.policeInvolvement, command.childBirthDate),
        ];
      }
      case 'RecordNotReferredReasons': {
        const { underretningId, reasons, note } = command.data;
        if (state.status !== 'received') throw new DomainError('UNDERRETNING.NOT_FOUND', `there is no underretning ${underretningId}`, 'not-found');
        if (reasons.length === 0) throw new DomainError('UNDERRETNING.NO_REASONS', 'reasons: give at least one reason', 'invalid');
        // In the vocabulary's order, once each: the same set in another order is the same set.
        const ordered = notReferredReasons.filter((r) => reasons.includes(r));
        const recorded = state.notReferred;
        if (recorded && sameContent(recorded.reasons, ordered) && recorded.note === note) return [];
        const { municipalityCode, childRef } = state.facts;
        return [{ type: 'UnderretningNotReferredReasonsRecorded', data: { underretningId, municipalityCode, childRef, reasons: ordered, ...(note === undefined ? {} : { note }), recordedOn: today } }];
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
