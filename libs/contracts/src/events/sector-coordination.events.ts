import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { identifier, isoDate, uuid } from './common.schemas';

export interface ExaminationPerformedV1 {
  examinationId: string;
  caseId: string;
  kind: 'paediatric' | 'forensic';
  performedAt: string;
}

export const ExaminationPerformedV1 = defineIntegrationEvent<ExaminationPerformedV1>({
  type: 'dk.sagsspor.sector-coordination.examination-performed.v1',
  topic: Topics.sectorCoordinationEvents,
  source: '/sagsspor/sector-coordination',
  description: 'A paediatric or forensic examination was performed in a børnehus case.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['examinationId', 'caseId', 'kind', 'performedAt'],
    properties: {
      examinationId: identifier,
      caseId: uuid,
      kind: { type: 'string', enum: ['paediatric', 'forensic'] },
      performedAt: isoDate,
    },
  },
  example: {
    examinationId: 'EX-2025-17',
    caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f',
    kind: 'paediatric',
    performedAt: '2025-03-20',
  },
});
