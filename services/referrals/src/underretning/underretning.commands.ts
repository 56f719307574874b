import type { CalendarDate } from '@sagsspor/calendar';
import type { PoliceInvolvementDefinition } from '@sagsspor/contracts';
import type { DecisionField, NotReferredReasons, UnderretningFacts } from './underretning.events';

/**
 * The underretning as it arrives: the facts with the child's birth date (from the CPR, in the command
 * only) where the events keep the age on receivedAt.
 */
export type UnderretningArrival = Omit<UnderretningFacts, 'childAgeYears'> & { childBirthDate: CalendarDate };

/** A date sets (or corrects) that decision; `null` withdraws a date recorded by mistake; a field left out stays as it is. */
export type DecisionChanges = Partial<Record<DecisionField, CalendarDate | null>>;

/**
 * `policeInvolvement` is the setting in force: it travels in the command so the decision stays pure.
 * `decisions`: the decisions already made when the underretning is sent after the fact (a batch of a
 * municipality's history), recorded with the receipt or not at all.
 */
export type ReceiveUnderretning = { type: 'ReceiveUnderretning'; data: UnderretningArrival; policeInvolvement: PoliceInvolvementDefinition; decisions?: DecisionChanges };

export type RecordUnderretningDecisions = {
  type: 'RecordUnderretningDecisions';
  data: { underretningId: string; changes: DecisionChanges };
  policeInvolvement: PoliceInvolvementDefinition;
  /**
   * The child's birth date from its sealed CPR (ChildRegistry.birthDateOf), for the age rule on each
   * decision date and the age on the day the criteria are met; undefined once the child is erased
   * (then the age rule is skipped and the age on receipt stands in: ADR 0099).
   */
  childBirthDate: CalendarDate | undefined;
};

/** Why the child was not referred: the whole set of reasons (replacing any recorded before) and an optional note. */
export type RecordNotReferredReasons = { type: 'RecordNotReferredReasons'; data: { underretningId: string } & NotReferredReasons };

export type UnderretningCommand = ReceiveUnderretning | RecordUnderretningDecisions | RecordNotReferredReasons;
