import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import {
  concerns,
  consultationOutcomes,
  mandatoryReferralProvisionOn,
  mandatoryReferralProvisions,
  policeInvolvementDefinitions,
  referralRejectionReasons,
  referralWithdrawalReasons,
  underretningSources,
} from '../vocabulary';
import {
  abuseTypeSet,
  caseKind,
  childAgeYears,
  childRef,
  childSex,
  type DataOf,
  eachOf,
  enumOf,
  houseCode,
  identifier,
  municipalityGivenId,
  isoDate,
  municipalityCode,
  nonNegativeInteger,
  type ObjectSchema,
  objectSchema,
  uuid,
} from './common.schemas';

const source = '/sagsspor/referrals';
const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

const underretningReceivedSchema = objectSchema({
  underretningId: municipalityGivenId,
  municipalityCode,
  childRef,
  childSex,
  childAgeYears,
  receivedAt: isoDate,
  concerns: { type: 'array', minItems: 1, uniqueItems: true, items: enumOf(concerns) },
  source: enumOf(underretningSources),
});
export type UnderretningReceivedV1 = DataOf<typeof underretningReceivedSchema>;

export const UnderretningReceivedV1 = defineIntegrationEvent<UnderretningReceivedV1>({
  type: 'dk.sagsspor.referrals.underretning-received.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A municipality received an underretning (notification of concern) about a child.',
  schema: underretningReceivedSchema,
  example: {
    underretningId: 'AAR-2025-000123',
    municipalityCode: '751',
    childRef: exampleChildRef,
    childSex: 'female',
    childAgeYears: 9,
    receivedAt: '2025-03-04',
    concerns: ['violence'],
    source: 'school',
  },
});

const decisionDates = ['childInvestigationDecidedAt', 'policeReportedAt', 'policeConsultedAt', 'hospitalInvolvedAt', 'preventiveMeasureAt'] as const;
const decisions = eachOf(decisionDates, isoDate);

/** The dates the municipality has recorded for an underretning so far (each optional, the latest values). */
export type UnderretningDecisionsV1 = DataOf<ObjectSchema<typeof decisions, (typeof decisionDates)[number]>>;

const underretningDecisionsRecordedSchema = objectSchema({ underretningId: municipalityGivenId, municipalityCode, childRef, ...decisions }, decisionDates);
export type UnderretningDecisionsRecordedV1 = DataOf<typeof underretningDecisionsRecordedSchema>;

export const UnderretningDecisionsRecordedV1 = defineIntegrationEvent<UnderretningDecisionsRecordedV1>({
  type: 'dk.sagsspor.referrals.underretning-decisions-recorded.v1',
  topic: Topics.referralsEvents,
  source,
  description:
    'The municipality recorded what it decided or learned about an underretning: § 20 investigation decided, police reported or consulted, hospital involved, or a § 11 preventive measure instead. Carries every date known so far.',
  schema: underretningDecisionsRecordedSchema,
  example: { underretningId: 'AAR-2025-000123', municipalityCode: '751', childRef: exampleChildRef, childInvestigationDecidedAt: '2025-03-06', policeReportedAt: '2025-03-05' },
});

const mandatoryReferralCriteriaEvaluatedSchema = objectSchema(
  {
    underretningId: municipalityGivenId,
    municipalityCode,
    childRef,
    /** The police-involvement definition this evaluation used (a setting). */
    policeInvolvement: enumOf(policeInvolvementDefinitions),
    abuseSuspected: { type: 'boolean' },
    investigationDecided: { type: 'boolean' },
    policeOrHospitalInvolved: { type: 'boolean' },
    met: { type: 'boolean' },
    /** When all three held: the latest of the three dates. */
    metAt: isoDate,
  },
  ['metAt'],
);
export type MandatoryReferralCriteriaEvaluatedV1 = DataOf<typeof mandatoryReferralCriteriaEvaluatedSchema>;

export const MandatoryReferralCriteriaEvaluatedV1 = defineIntegrationEvent<MandatoryReferralCriteriaEvaluatedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-criteria-evaluated.v1',
  topic: Topics.referralsEvents,
  source,
  description:
    'The three criteria for mandatory use of the børnehus (Barnets lov § 125) were evaluated for an underretning after a change: abuse suspected, § 20 investigation decided, police or hospital involved. Says which police-involvement definition it used.',
  schema: mandatoryReferralCriteriaEvaluatedSchema,
  example: {
    underretningId: 'AAR-2025-000123',
    municipalityCode: '751',
    childRef: exampleChildRef,
    policeInvolvement: 'reported',
    abuseSuspected: true,
    investigationDecided: true,
    policeOrHospitalInvolved: true,
    met: true,
    metAt: '2025-03-06',
  },
});

const mandatoryReferralGapOpenedFields = {
  gapId: { ...identifier, description: 'Unique together with municipalityCode (derived from the underretning id, ADR 0095)' },
  underretningId: municipalityGivenId,
  municipalityCode,
  houseCode,
  childRef,
  childSex,
  childAgeYears,
  criteriaMetAt: isoDate,
  /** The last day a referral was due: criteriaMetAt + referralWindowDays. */
  referralDueBy: isoDate,
  referralWindowDays: nonNegativeInteger,
  policeInvolvement: enumOf(policeInvolvementDefinitions),
  openedAt: isoDate,
} as const;
const mandatoryReferralGapOpenedSchema = objectSchema(mandatoryReferralGapOpenedFields);
export type MandatoryReferralGapOpenedV1 = DataOf<typeof mandatoryReferralGapOpenedSchema>;

export const MandatoryReferralGapOpenedV1 = defineIntegrationEvent<MandatoryReferralGapOpenedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-gap-opened.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'The mandatory-referral criteria were met for a child and no referral followed within the set number of days: a gap.',
  schema: mandatoryReferralGapOpenedSchema,
  example: {
    gapId: 'gap-AAR-2025-000123',
    underretningId: 'AAR-2025-000123',
    municipalityCode: '751',
    houseCode: 'midt',
    childRef: exampleChildRef,
    childSex: 'female',
    childAgeYears: 9,
    criteriaMetAt: '2025-03-06',
    referralDueBy: '2025-03-20',
    referralWindowDays: 14,
    policeInvolvement: 'reported',
    openedAt: '2025-03-21',
  },
});

const mandatoryReferralGapOpenedV2Schema = objectSchema({
  ...mandatoryReferralGapOpenedFields,
  legalBasis: enumOf(
    mandatoryReferralProvisions,
    'The provision the duty to refer rests on, by the law in force on criteriaMetAt: Serviceloven § 50 b until 2023, Barnets lov § 125 from 1 January 2024',
  ),
});
export type MandatoryReferralGapOpenedV2 = DataOf<typeof mandatoryReferralGapOpenedV2Schema>;

export const MandatoryReferralGapOpenedV2 = defineIntegrationEvent<MandatoryReferralGapOpenedV2>({
  type: 'dk.sagsspor.referrals.mandatory-referral-gap-opened.v2',
  topic: Topics.referralsEvents,
  source,
  description:
    'The mandatory-referral criteria were met for a child and no referral followed within the set number of days: a gap. Says which provision the duty rested on (legalBasis): a duty that arose before 2024 is a Serviceloven § 50 b duty, not a Barnets lov § 125 one. Replaces v1.',
  schema: mandatoryReferralGapOpenedV2Schema,
  example: { ...MandatoryReferralGapOpenedV1.example, legalBasis: 'barnets-lov-125' },
});

/** A v1 gap as v2: the provision follows from the day the duty arose, so nothing is guessed. */
export const mandatoryReferralGapOpenedV2FromV1 = (v1: MandatoryReferralGapOpenedV1): MandatoryReferralGapOpenedV2 => ({ ...v1, legalBasis: mandatoryReferralProvisionOn(v1.criteriaMetAt) });

const mandatoryReferralGapClosedSchema = objectSchema({
  gapId: { ...identifier, description: 'Unique together with municipalityCode (derived from the underretning id, ADR 0095)' },
  underretningId: municipalityGivenId,
  municipalityCode,
  childRef,
  referralId: municipalityGivenId,
  referredAt: isoDate,
  /** Days the referral came after referralDueBy. */
  daysOverdue: nonNegativeInteger,
});
export type MandatoryReferralGapClosedV1 = DataOf<typeof mandatoryReferralGapClosedSchema>;

export const MandatoryReferralGapClosedV1 = defineIntegrationEvent<MandatoryReferralGapClosedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-gap-closed.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A referral for the child arrived after a mandatory-referral gap had opened: the gap is closed, late.',
  schema: mandatoryReferralGapClosedSchema,
  example: { gapId: 'gap-AAR-2025-000123', underretningId: 'AAR-2025-000123', municipalityCode: '751', childRef: exampleChildRef, referralId: 'AAR-HEN-2025-0042', referredAt: '2025-04-02', daysOverdue: 13 },
});

const consultationRecordedSchema = objectSchema(
  // childRef, childSex and childAgeYears: present when the inquiry named a child.
  { consultationId: identifier, houseCode, municipalityCode, askedAt: isoDate, outcome: enumOf(consultationOutcomes), childRef, childSex, childAgeYears },
  ['childRef', 'childSex', 'childAgeYears'],
);
export type ConsultationRecordedV1 = DataOf<typeof consultationRecordedSchema>;

export const ConsultationRecordedV1 = defineIntegrationEvent<ConsultationRecordedV1>({
  type: 'dk.sagsspor.referrals.consultation-recorded.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A consultative inquiry (konsultativ henvendelse): a municipal caseworker asked the house for advice.',
  schema: consultationRecordedSchema,
  example: { consultationId: 'MIDT-K-2025-311', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-02-11', outcome: 'advice-given' },
});

/** What every referral event says about the referral and the child. */
const referralFacts = {
  referralId: municipalityGivenId,
  childRef,
  childSex,
  /** Age at the referral date. */
  childAgeYears,
  municipalityCode,
  houseCode,
  referredAt: isoDate,
  /** When the municipality became aware: the start of its 4-month § 20 clock. */
  municipalityAwareAt: isoDate,
  abuseTypes: abuseTypeSet,
  caseKind,
  underretningId: municipalityGivenId,
} as const;
const referralFactsSchema = objectSchema(referralFacts, ['underretningId']);
export type ReferralFactsV1 = DataOf<typeof referralFactsSchema>;
const referralExample: ReferralFactsV1 = {
  referralId: 'AAR-HEN-2025-0042',
  childRef: exampleChildRef,
  childSex: 'female',
  childAgeYears: 9,
  municipalityCode: '751',
  houseCode: 'midt',
  referredAt: '2025-03-10',
  municipalityAwareAt: '2025-03-04',
  abuseTypes: ['violence'],
  caseKind: 'abuse',
  underretningId: 'AAR-2025-000123',
};

export type ReferralSubmittedV1 = ReferralFactsV1;

export const ReferralSubmittedV1 = defineIntegrationEvent<ReferralSubmittedV1>({
  type: 'dk.sagsspor.referrals.referral-submitted.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A municipality referred a child to a børnehus (default: its region\'s house).',
  schema: referralFactsSchema,
  example: referralExample,
});

const referralAcceptedSchema = objectSchema({ ...referralFacts, caseId: uuid, acceptedAt: isoDate }, ['underretningId']);
export type ReferralAcceptedV1 = DataOf<typeof referralAcceptedSchema>;

export const ReferralAcceptedV1 = defineIntegrationEvent<ReferralAcceptedV1>({
  type: 'dk.sagsspor.referrals.referral-accepted.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A børnehus accepted a referral: this opens the børnehus case with the given caseId in case-lifecycle.',
  schema: referralAcceptedSchema,
  example: { ...referralExample, caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', acceptedAt: '2025-03-12' },
});

const referralRejectedSchema = objectSchema({ ...referralFacts, rejectedAt: isoDate, reason: enumOf(referralRejectionReasons) }, ['underretningId']);
export type ReferralRejectedV1 = DataOf<typeof referralRejectedSchema>;

export const ReferralRejectedV1 = defineIntegrationEvent<ReferralRejectedV1>({
  type: 'dk.sagsspor.referrals.referral-rejected.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A børnehus rejected a referral, with the reason as a code (the free-text note stays in the referrals service).',
  schema: referralRejectedSchema,
  example: { ...referralExample, rejectedAt: '2025-03-12', reason: 'outside-target-group' },
});

const referralWithdrawnSchema = objectSchema({ ...referralFacts, withdrawnAt: isoDate, reason: enumOf(referralWithdrawalReasons) }, ['underretningId']);
export type ReferralWithdrawnV1 = DataOf<typeof referralWithdrawnSchema>;

export const ReferralWithdrawnV1 = defineIntegrationEvent<ReferralWithdrawnV1>({
  type: 'dk.sagsspor.referrals.referral-withdrawn.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'The municipality withdrew a referral before the house accepted or rejected it.',
  schema: referralWithdrawnSchema,
  example: { ...referralExample, withdrawnAt: '2025-03-11', reason: 'municipality-withdrew' },
});
