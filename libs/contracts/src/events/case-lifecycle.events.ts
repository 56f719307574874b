import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import {
  type AbuseType,
  type CaseClock,
  type CaseKind,
  type CaseOutcome,
  caseClocks,
  caseOutcomes,
  type ChildSex,
  type DeadlineStage,
  deadlineStages,
  type HouseCode,
  type ServiceKind,
  type ServiceProvider,
  type ServiceRecipient,
  serviceKinds,
  serviceProviders,
  serviceRecipients,
  type SuspectAgeGroup,
  type SuspectRelation,
  type SuspectSex,
  suspectAgeGroups,
  suspectRelations,
  suspectSexes,
} from '../vocabulary';
import {
  abuseTypeSet,
  caseKind,
  childAgeYears,
  childRef,
  childSex,
  enumOf,
  houseCode,
  identifier,
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
export interface CaseIntakeV1 {
  caseId: string;
  referralId: string;
  childRef: string;
  childSex: ChildSex;
  /** Age at the opening. */
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  caseKind: CaseKind;
  abuseTypes: AbuseType[];
  referredAt: string;
  municipalityAwareAt: string;
  openedAt: string;
}

const intake = {
  caseId: uuid,
  referralId: identifier,
  childRef,
  childSex,
  childAgeYears,
  municipalityCode,
  houseCode,
  caseKind,
  abuseTypes: abuseTypeSet,
  referredAt: isoDate,
  municipalityAwareAt: isoDate,
  openedAt: isoDate,
};
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
  schema: objectSchema(intake),
  example: intakeExample,
});

export interface CasePoliceReleasedV1 {
  caseId: string;
  houseCode: HouseCode;
  releasedAt: string;
}

export const CasePoliceReleasedV1 = defineIntegrationEvent<CasePoliceReleasedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-police-released.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'The police released (frigav) the child: the house may now start its own work with the child.',
  schema: objectSchema({ caseId: uuid, houseCode, releasedAt: isoDate }),
  example: { caseId: exampleCaseId, houseCode: 'midt', releasedAt: '2025-03-18' },
});

export interface CaseServiceDeliveredV1 {
  caseId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  serviceId: string;
  kind: ServiceKind;
  provider: ServiceProvider;
  recipient: ServiceRecipient;
  deliveredAt: string;
}

export const CaseServiceDeliveredV1 = defineIntegrationEvent<CaseServiceDeliveredV1>({
  type: 'dk.sagsspor.case-lifecycle.case-service-delivered.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A service (ydelse) was delivered in a børnehus case, by kind, provider and recipient.',
  schema: objectSchema({
    caseId: uuid,
    houseCode,
    municipalityCode,
    serviceId: identifier,
    kind: enumOf(serviceKinds),
    provider: enumOf(serviceProviders),
    recipient: enumOf(serviceRecipients),
    deliveredAt: isoDate,
  }),
  example: { caseId: exampleCaseId, houseCode: 'midt', municipalityCode: '751', serviceId: 'S-1', kind: 'crisis-conversation', provider: 'boernehus', recipient: 'carer', deliveredAt: '2025-03-14' },
});

export interface CaseSuspectRegisteredV1 {
  caseId: string;
  houseCode: HouseCode;
  suspectId: string;
  sex: SuspectSex;
  relation: SuspectRelation;
  ageGroup: SuspectAgeGroup;
}

export const CaseSuspectRegisteredV1 = defineIntegrationEvent<CaseSuspectRegisteredV1>({
  type: 'dk.sagsspor.case-lifecycle.case-suspect-registered.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A suspect (mistænkt krænker) was registered in a case: sex, relation to the child and age group only, never a name.',
  schema: objectSchema({ caseId: uuid, houseCode, suspectId: identifier, sex: enumOf(suspectSexes), relation: enumOf(suspectRelations), ageGroup: enumOf(suspectAgeGroups) }),
  example: { caseId: exampleCaseId, houseCode: 'midt', suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' },
});

export interface CaseClosingMemoSentV1 {
  caseId: string;
  houseCode: HouseCode;
  sentAt: string;
}

export const CaseClosingMemoSentV1 = defineIntegrationEvent<CaseClosingMemoSentV1>({
  type: 'dk.sagsspor.case-lifecycle.case-closing-memo-sent.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'The house sent its closing memo (afslutningsnotat) to the municipality.',
  schema: objectSchema({ caseId: uuid, houseCode, sentAt: isoDate }),
  example: { caseId: exampleCaseId, houseCode: 'midt', sentAt: '2025-06-02' },
});

export interface CaseClosedV1 extends CaseIntakeV1 {
  closedAt: string;
  outcome: CaseOutcome;
  closingMemoSentAt?: string;
  /** Calendar days from openedAt to closedAt. */
  leadTimeDays: number;
  /** 1 for the closing; a correction publishes CaseClosureCorrectedV1 with the next revision. */
  revision: number;
}

const closure = { ...intake, closedAt: isoDate, outcome: enumOf(caseOutcomes), closingMemoSentAt: isoDate, leadTimeDays: nonNegativeInteger, revision };

export const CaseClosedV1 = defineIntegrationEvent<CaseClosedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-closed.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'A børnehus case was closed (completed, interrupted or withdrawn). Carries the whole intake, so a consumer needs no other event to count it.',
  schema: objectSchema(closure, ['closingMemoSentAt']),
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

export interface CaseSettledV1 {
  caseId: string;
  municipalityCode: string;
  houseCode: HouseCode;
  outcome: CaseOutcome;
  closedAt: string;
  /** The month the case is settled in (its closing month). */
  settlementMonth: string;
  tariffYear: number;
  /** The house's tariff for the year, DKK; interrupted cases pay the full tariff. */
  amountDkk: number;
  /**
   * 1 (or absent) for the first settlement. A correction of a settled case's closing settles it
   * again with the next revision (new month, amount or outcome); the highest revision is the truth.
   */
  revision?: number;
}

export const CaseSettledV1 = defineIntegrationEvent<CaseSettledV1>({
  type: 'dk.sagsspor.case-lifecycle.case-settled.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description:
    'A closed case was settled (afregnet) at the house\'s tariff for the year, payable by the handlekommune. A correction of the closing settles it again: the same caseId with the next revision; the highest revision is the truth.',
  schema: objectSchema({
    caseId: uuid,
    municipalityCode,
    houseCode,
    outcome: enumOf(caseOutcomes),
    closedAt: isoDate,
    settlementMonth: isoMonth,
    tariffYear: { type: 'integer', minimum: 2013 },
    amountDkk: { type: 'number', minimum: 0 },
    revision,
  }, ['revision']),
  example: { caseId: exampleCaseId, municipalityCode: '751', houseCode: 'midt', outcome: 'completed', closedAt: '2025-06-10', settlementMonth: '2025-06', tariffYear: 2025, amountDkk: 13827, revision: 1 },
});

export interface CaseDeadlineReachedV1 {
  caseId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  clock: CaseClock;
  stage: DeadlineStage;
  /** The deadline itself: openedAt + 90 or 120 days, or municipalityAwareAt + 4 months. */
  dueDate: string;
  /** The business date the stage was reached (approaching: a set number of days before dueDate). */
  reachedAt: string;
}

export const CaseDeadlineReachedV1 = defineIntegrationEvent<CaseDeadlineReachedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-deadline-reached.v1',
  topic: Topics.caseLifecycleEvents,
  source,
  description: 'An open case neared or passed one of its deadlines: 90 or 120 days enrolled, or the municipality\'s § 20 deadline. Fired by a durable schedule, so dashboards and alerts can act before the breach.',
  schema: objectSchema({ caseId: uuid, houseCode, municipalityCode, clock: enumOf(caseClocks), stage: enumOf(deadlineStages), dueDate: isoDate, reachedAt: isoDate }),
  example: { caseId: exampleCaseId, houseCode: 'midt', municipalityCode: '751', clock: 'lead-time-120', stage: 'approaching', dueDate: '2025-07-10', reachedAt: '2025-06-26' },
});
