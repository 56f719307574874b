import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { caseClocks, caseOutcomes, deadlineStages, serviceKinds, serviceProviders, serviceRecipients, suspectAgeGroups, suspectRelations, suspectSexes } from '../vocabulary';
import {
  abuseTypeSet,
  caseKind,
  childAgeYears,
  childRef,
  childSex,
  type DataOf,
  enumOf,
  houseCode,
  identifier,
  municipalityGivenId,
  isoDate,
  isoMonth,
  municipalityCode,
  nonNegativeInteger,
  objectSchema,
  revision,
  uuid,
} from './common.schemas';

const source = '/sagsspor/case-lifecycle';
const exampleCaseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f';
const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

/** What the case knows of itself from the intake; carried by the opening and the closing events. */
const intake = {
  caseId: uuid,
  referralId: municipalityGivenId,
  childRef,
  childSex,
  /** Age at the opening. */
  childAgeYears,
  municipalityCode,
  houseCode,
  caseKind,
  abuseTypes: abuseTypeSet,
  referredAt: isoDate,
  municipalityAwareAt: isoDate,
  openedAt: isoDate,
} as const;
const caseIntakeSchema = objectSchema(intake);
export type CaseIntakeV1 = DataOf<typeof caseIntakeSchema>;
const intakeExample: CaseIntakeV1 = {
  caseId: exampleCaseId,
  referralId: 'AAR-HEN-2025-0042',
  childRef: exampleChildRef,
  childSex: 'female',
  childAgeYears: 9,
  municipalityCode: '751',
  houseCode: 'midt',
  caseKind: 'abuse',
  abuseTypes: ['violence'],
  referredAt: '2025-03-10',
  municipalityAwareAt: '2025-03-04',
  openedAt: '2025-03-12',
};

export type CaseOpenedV1 = CaseIntakeV1;

export const CaseOpenedV1 = defineIntegrationEvent<CaseOpenedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-opened.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A børnehus case was opened (the house took the child in).',
  schema: caseIntakeSchema,
  example: intakeExample,
});

const casePoliceReleasedSchema = objectSchema({ caseId: uuid, houseCode, releasedAt: isoDate });
export type CasePoliceReleasedV1 = DataOf<typeof casePoliceReleasedSchema>;

export const CasePoliceReleasedV1 = defineIntegrationEvent<CasePoliceReleasedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-police-released.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'The police released (frigav) the child: the house may now start its own work with the child.',
  schema: casePoliceReleasedSchema,
  example: { caseId: exampleCaseId, houseCode: 'midt', releasedAt: '2025-03-18' },
});

const caseServiceDeliveredSchema = objectSchema({
  caseId: uuid,
  houseCode,
  municipalityCode,
  serviceId: identifier,
  kind: enumOf(serviceKinds),
  provider: enumOf(serviceProviders),
  recipient: enumOf(serviceRecipients),
  deliveredAt: isoDate,
});
export type CaseServiceDeliveredV1 = DataOf<typeof caseServiceDeliveredSchema>;

export const CaseServiceDeliveredV1 = defineIntegrationEvent<CaseServiceDeliveredV1>({
  type: 'dk.sagsspor.case-lifecycle.case-service-delivered.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A service (ydelse) was delivered in a børnehus case, by kind, provider and recipient.',
  schema: caseServiceDeliveredSchema,
  example: { caseId: exampleCaseId, houseCode: 'midt', municipalityCode: '751', serviceId: 'S-1', kind: 'crisis-conversation', provider: 'boernehus', recipient: 'carer', deliveredAt: '2025-03-14' },
});

const caseSuspectRegisteredSchema = objectSchema({ caseId: uuid, houseCode, suspectId: identifier, sex: enumOf(suspectSexes), relation: enumOf(suspectRelations), ageGroup: enumOf(suspectAgeGroups) });
export type CaseSuspectRegisteredV1 = DataOf<typeof caseSuspectRegisteredSchema>;

export const CaseSuspectRegisteredV1 = defineIntegrationEvent<CaseSuspectRegisteredV1>({
  type: 'dk.sagsspor.case-lifecycle.case-suspect-registered.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A suspect (mistænkt krænker) was registered in a case: sex, relation to the child and age group only, never a name.',
  schema: caseSuspectRegisteredSchema,
  example: { caseId: exampleCaseId, houseCode: 'midt', suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' },
});

const caseClosingMemoSentSchema = objectSchema({ caseId: uuid, houseCode, sentAt: isoDate });
export type CaseClosingMemoSentV1 = DataOf<typeof caseClosingMemoSentSchema>;

export const CaseClosingMemoSentV1 = defineIntegrationEvent<CaseClosingMemoSentV1>({
  type: 'dk.sagsspor.case-lifecycle.case-closing-memo-sent.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'The house sent its closing memo (afslutningsnotat) to the municipality.',
  schema: caseClosingMemoSentSchema,
  example: { caseId: exampleCaseId, houseCode: 'midt', sentAt: '2025-06-02' },
});

const closure = {
  ...intake,
  closedAt: isoDate,
  outcome: enumOf(caseOutcomes),
  closingMemoSentAt: isoDate,
  /** Calendar days from openedAt to closedAt. */
  leadTimeDays: nonNegativeInteger,
  /** 1 for the closing; a correction publishes CaseClosureCorrectedV1 with the next revision. */
  revision,
} as const;
const caseClosedSchema = objectSchema(closure, ['closingMemoSentAt']);
export type CaseClosedV1 = DataOf<typeof caseClosedSchema>;

export const CaseClosedV1 = defineIntegrationEvent<CaseClosedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-closed.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A børnehus case was closed (completed, interrupted or withdrawn). Carries the whole intake, so a consumer needs no other event to count it.',
  schema: caseClosedSchema,
  example: { ...intakeExample, closedAt: '2025-06-10', outcome: 'completed', closingMemoSentAt: '2025-06-02', leadTimeDays: 90, revision: 1 },
});

export type CaseClosureCorrectedV1 = CaseClosedV1;

export const CaseClosureCorrectedV1 = defineIntegrationEvent<CaseClosureCorrectedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-closure-corrected.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'The closing of a case was corrected (closing date or outcome). The whole closure again, with the next revision; the highest revision is the truth. The reason stays in case-lifecycle.',
  schema: objectSchema(closure, ['closingMemoSentAt']),
  example: { ...intakeExample, closedAt: '2025-06-09', outcome: 'interrupted', closingMemoSentAt: '2025-06-02', leadTimeDays: 89, revision: 2 },
});

const caseSettledSchema = objectSchema(
  {
    caseId: uuid,
    municipalityCode,
    houseCode,
    outcome: enumOf(caseOutcomes),
    closedAt: isoDate,
    /** The month the case is settled in (its closing month). */
    settlementMonth: isoMonth,
    tariffYear: { type: 'integer', minimum: 2013 },
    /** The house's tariff for the year, DKK; interrupted cases pay the full tariff. */
    amountDkk: { type: 'number', minimum: 0 },
    /**
     * 1 (or absent) for the first settlement. A correction of a settled case's closing settles it
     * again with the next revision (new month, amount or outcome); the highest revision is the truth.
     */
    revision,
  },
  ['revision'],
);
export type CaseSettledV1 = DataOf<typeof caseSettledSchema>;

export const CaseSettledV1 = defineIntegrationEvent<CaseSettledV1>({
  type: 'dk.sagsspor.case-lifecycle.case-settled.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description:
    'A closed case was settled (afregnet) at the house\'s tariff for the year, payable by the handlekommune. A correction of the closing settles it again: the same caseId with the next revision; the highest revision is the truth.',
  schema: caseSettledSchema,
  example: { caseId: exampleCaseId, municipalityCode: '751', houseCode: 'midt', outcome: 'completed', closedAt: '2025-06-10', settlementMonth: '2025-06', tariffYear: 2025, amountDkk: 13827, revision: 1 },
});

const caseDeadlineReachedSchema = objectSchema({
  caseId: uuid,
  houseCode,
  municipalityCode,
  clock: enumOf(caseClocks),
  stage: enumOf(deadlineStages),
  /** The deadline itself: openedAt + 90 or 120 days, or municipalityAwareAt + 4 months. */
  dueDate: isoDate,
  /** The business date the stage was reached (approaching: a set number of days before dueDate). */
  reachedAt: isoDate,
});
export type CaseDeadlineReachedV1 = DataOf<typeof caseDeadlineReachedSchema>;

export const CaseDeadlineReachedV1 = defineIntegrationEvent<CaseDeadlineReachedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-deadline-reached.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'An open case neared or passed one of its deadlines: 90 or 120 days enrolled, or the municipality\'s § 20 deadline. Fired by a durable schedule, so dashboards and alerts can act before the breach.',
  schema: caseDeadlineReachedSchema,
  example: { caseId: exampleCaseId, houseCode: 'midt', municipalityCode: '751', clock: 'lead-time-120', stage: 'approaching', dueDate: '2025-07-10', reachedAt: '2025-06-26' },
});
