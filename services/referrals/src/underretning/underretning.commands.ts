import type { CalendarDate } from '@sagsspor/calendar';
import type { PoliceInvolvementDefinition } from '@sagsspor/contracts';
import type { DecisionField, UnderretningFacts } from './underretning.events';

/** `policeInvolvement` is the setting in force: it travels in the command so the decision stays pure. */
export type ReceiveUnderretning = { type: 'ReceiveUnderretning'; data: UnderretningFacts; policeInvolvement: PoliceInvolvementDefinition };

/** A date sets (or corrects) that decision; `null` withdraws a date recorded by mistake; a field left out stays as it is. */
export type DecisionChanges = Partial<Record<DecisionField, CalendarDate | null>>;

export type RecordUnderretningDecisions = {
  type: 'RecordUnderretningDecisions';
  data: { underretningId: string; changes: DecisionChanges };
  policeInvolvement: PoliceInvolvementDefinition;
};

export type UnderretningCommand = ReceiveUnderretning | RecordUnderretningDecisions;
