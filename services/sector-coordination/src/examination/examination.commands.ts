import type { KnownCase } from '../known-cases/domain/known-case';
import type { ExaminationFacts } from './examination.events';

export type RecordExamination = {
  type: 'RecordExamination';
  data: {
    examination: ExaminationFacts;
    /** The case as known from case-lifecycle; undefined when not (yet) known. */
    knownCase: KnownCase | undefined;
  };
};
export type ExaminationCommand = RecordExamination;
