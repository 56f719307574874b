import type { ChildIdentity } from '@sagsspor/domain';
import type { ConsultationFacts } from './consultation.events';

/** The consultation as recorded: a named child with its birth date (from the CPR, in the command only) where the event keeps the age on askedAt. */
export type ConsultationRecord = Omit<ConsultationFacts, 'child'> & { child?: ChildIdentity };

export type RecordConsultation = { type: 'RecordConsultation'; data: ConsultationRecord };
export type ConsultationCommand = RecordConsultation;
