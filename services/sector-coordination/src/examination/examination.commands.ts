import type { ExaminationFacts } from './examination.events';

export type RecordExamination = { type: 'RecordExamination'; data: ExaminationFacts };
export type ExaminationCommand = RecordExamination;
