export interface ExaminationFacts {
  examinationId: string;
  caseId: string;
  kind: 'paediatric' | 'forensic';
  performedAt: string;
}

export type ExaminationEvent = { type: 'ExaminationPerformed'; data: ExaminationFacts };

export const examinationStreamId = (examinationId: string) => `examination-${examinationId}`;
