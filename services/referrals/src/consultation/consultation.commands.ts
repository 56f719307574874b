import type { ConsultationFacts } from './consultation.events';

export type RecordConsultation = { type: 'RecordConsultation'; data: ConsultationFacts };
export type ConsultationCommand = RecordConsultation;
