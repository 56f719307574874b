// Why a child was not referred to the børnehus, and why a case ended before it was completed
// (issue 23, items 6 and 9; ADR 0074). Codes only: the free text a municipality or a house may add
// stays in the service that received it and is never published.
import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { caseEndReasons, notReferredReasons } from '../vocabulary';
import { type DataOf, enumOf, houseCode, isoDate, municipalityCode, municipalityGivenId, objectSchema, revision, uuid } from './common.schemas';

const notReferredReasonsRecordedSchema = objectSchema({
  underretningId: municipalityGivenId,
  municipalityCode,
  /** Every reason now recorded (the whole set: a later event replaces it; empty: the reasons were withdrawn). */
  reasons: { type: 'array', maxItems: notReferredReasons.length, uniqueItems: true, items: enumOf(notReferredReasons) },
  /** The day it was recorded (Europe/Copenhagen). */
  recordedOn: isoDate,
});
export type UnderretningNotReferredReasonsRecordedV1 = DataOf<typeof notReferredReasonsRecordedSchema>;

export const UnderretningNotReferredReasonsRecordedV1 = defineIntegrationEvent<UnderretningNotReferredReasonsRecordedV1>({
  type: 'dk.sagsspor.referrals.underretning-not-referred-reasons-recorded.v1',
  topic: Topics.referralsEvents,
  source: '/sagsspor/referrals',
  description:
    "The municipality recorded why the child of an underretning was not referred to the børnehus, as codes drawn from Ankestyrelsen's study of the municipalities' use of the børnehuse. The whole set each time: the latest event is the truth. The municipality's free-text note stays in the referrals service.",
  schema: notReferredReasonsRecordedSchema,
  example: { underretningId: 'AAR-2025-000123', municipalityCode: '751', reasons: ['preventive-measure-instead', 'police-assessment-decided'], recordedOn: '2025-03-20' },
});

const caseEndReasonRecordedSchema = objectSchema({
  caseId: uuid,
  houseCode,
  municipalityCode,
  /** The outcome of the closing (or its correction) this reason belongs to: never `completed`. */
  outcome: enumOf(['interrupted', 'withdrawn'] as const),
  closedAt: isoDate,
  reason: enumOf(caseEndReasons),
  /** The closure's revision (1 for the closing, +1 per correction): the highest is the truth. */
  revision,
});
export type CaseEndReasonRecordedV1 = DataOf<typeof caseEndReasonRecordedSchema>;

export const CaseEndReasonRecordedV1 = defineIntegrationEvent<CaseEndReasonRecordedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-end-reason-recorded.v1',
  topic: Topics.caseLifecycleEvents,
  source: '/sagsspor/case-lifecycle',
  description:
    'Why a case was closed as interrupted or withdrawn, as a code (`not-given` when the house gave none). Published right after the case-closed or closure-corrected event whose outcome is not `completed`, with the same revision. The house\'s free-text note stays in case-lifecycle.',
  schema: caseEndReasonRecordedSchema,
  example: { caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', houseCode: 'midt', municipalityCode: '751', outcome: 'interrupted', closedAt: '2025-06-10', reason: 'unstable-attendance', revision: 1 },
});
