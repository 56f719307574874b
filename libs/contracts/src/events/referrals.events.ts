import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import {
  type AbuseType,
  type CaseKind,
  type ChildSex,
  type Concern,
  type ConsultationOutcome,
  concerns,
  consultationOutcomes,
  type HouseCode,
  type PoliceInvolvementDefinition,
  policeInvolvementDefinitions,
  type ReferralRejectionReason,
  type ReferralWithdrawalReason,
  referralRejectionReasons,
  referralWithdrawalReasons,
  type UnderretningSource,
  underretningSources,
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
  municipalityCode,
  nonNegativeInteger,
  objectSchema,
  uuid,
} from './common.schemas';

const source = '/sagsspor/referrals';
const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

export interface UnderretningReceivedV1 {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
  childSex: ChildSex;
  childAgeYears: number;
  receivedAt: string;
  concerns: Concern[];
  source: UnderretningSource;
}

export const UnderretningReceivedV1 = defineIntegrationEvent<UnderretningReceivedV1>({
  type: 'dk.sagsspor.referrals.underretning-received.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A municipality received an underretning (notification of concern) about a child.',
  schema: objectSchema({
    underretningId: identifier,
    municipalityCode,
    childRef,
    childSex,
    childAgeYears,
    receivedAt: isoDate,
    concerns: { type: 'array', minItems: 1, uniqueItems: true, items: enumOf(concerns) },
    source: enumOf(underretningSources),
  }),
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

/** The dates the municipality has recorded for an underretning so far (each optional, the latest values). */
export interface UnderretningDecisionsV1 {
  childInvestigationDecidedAt?: string;
  policeReportedAt?: string;
  policeConsultedAt?: string;
  hospitalInvolvedAt?: string;
  preventiveMeasureAt?: string;
}

export interface UnderretningDecisionsRecordedV1 extends UnderretningDecisionsV1 {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
}

const decisionDates = ['childInvestigationDecidedAt', 'policeReportedAt', 'policeConsultedAt', 'hospitalInvolvedAt', 'preventiveMeasureAt'] as const;

export const UnderretningDecisionsRecordedV1 = defineIntegrationEvent<UnderretningDecisionsRecordedV1>({
  type: 'dk.sagsspor.referrals.underretning-decisions-recorded.v1',
  topic: Topics.referralsEvents,
  source,
  description:
    'The municipality recorded what it decided or learned about an underretning: § 20 investigation decided, police reported or consulted, hospital involved, or a § 11 preventive measure instead. Carries every date known so far.',
  schema: objectSchema({ underretningId: identifier, municipalityCode, childRef, ...Object.fromEntries(decisionDates.map((d) => [d, isoDate])) }, decisionDates),
  example: { underretningId: 'AAR-2025-000123', municipalityCode: '751', childRef: exampleChildRef, childInvestigationDecidedAt: '2025-03-06', policeReportedAt: '2025-03-05' },
});

export interface MandatoryReferralCriteriaEvaluatedV1 {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
  /** The police-involvement definition this evaluation used (a setting). */
  policeInvolvement: PoliceInvolvementDefinition;
  abuseSuspected: boolean;
  investigationDecided: boolean;
  policeOrHospitalInvolved: boolean;
  met: boolean;
  /** When all three held: the latest of the three dates. */
  metAt?: string;
}

export const MandatoryReferralCriteriaEvaluatedV1 = defineIntegrationEvent<MandatoryReferralCriteriaEvaluatedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-criteria-evaluated.v1',
  topic: Topics.referralsEvents,
  source,
  description:
    'The three criteria for mandatory use of the børnehus (Barnets lov § 125) were evaluated for an underretning after a change: abuse suspected, § 20 investigation decided, police or hospital involved. Says which police-involvement definition it used.',
  schema: objectSchema(
    {
      underretningId: identifier,
      municipalityCode,
      childRef,
      policeInvolvement: enumOf(policeInvolvementDefinitions),
      abuseSuspected: { type: 'boolean' },
      investigationDecided: { type: 'boolean' },
      policeOrHospitalInvolved: { type: 'boolean' },
      met: { type: 'boolean' },
      metAt: isoDate,
    },
    ['metAt'],
  ),
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

export interface MandatoryReferralGapOpenedV1 {
  gapId: string;
  underretningId: string;
  municipalityCode: string;
  houseCode: HouseCode;
  childRef: string;
  childSex: ChildSex;
  childAgeYears: number;
  criteriaMetAt: string;
  /** The last day a referral was due: criteriaMetAt + referralWindowDays. */
  referralDueBy: string;
  referralWindowDays: number;
  policeInvolvement: PoliceInvolvementDefinition;
  openedAt: string;
}

export const MandatoryReferralGapOpenedV1 = defineIntegrationEvent<MandatoryReferralGapOpenedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-gap-opened.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'The mandatory-referral criteria were met for a child and no referral followed within the set number of days: a gap.',
  schema: objectSchema({
    gapId: identifier,
    underretningId: identifier,
    municipalityCode,
    houseCode,
    childRef,
    childSex,
    childAgeYears,
    criteriaMetAt: isoDate,
    referralDueBy: isoDate,
    referralWindowDays: nonNegativeInteger,
    policeInvolvement: enumOf(policeInvolvementDefinitions),
    openedAt: isoDate,
  }),
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

export interface MandatoryReferralGapClosedV1 {
  gapId: string;
  underretningId: string;
  municipalityCode: string;
  childRef: string;
  referralId: string;
  referredAt: string;
  /** Days the referral came after referralDueBy. */
  daysOverdue: number;
}

export const MandatoryReferralGapClosedV1 = defineIntegrationEvent<MandatoryReferralGapClosedV1>({
  type: 'dk.sagsspor.referrals.mandatory-referral-gap-closed.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A referral for the child arrived after a mandatory-referral gap had opened: the gap is closed, late.',
  schema: objectSchema({ gapId: identifier, underretningId: identifier, municipalityCode, childRef, referralId: identifier, referredAt: isoDate, daysOverdue: nonNegativeInteger }),
  example: { gapId: 'gap-AAR-2025-000123', underretningId: 'AAR-2025-000123', municipalityCode: '751', childRef: exampleChildRef, referralId: 'AAR-HEN-2025-0042', referredAt: '2025-04-02', daysOverdue: 13 },
});

export interface ConsultationRecordedV1 {
  consultationId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  askedAt: string;
  outcome: ConsultationOutcome;
  /** Present when the inquiry named a child. */
  childRef?: string;
  childSex?: ChildSex;
  childAgeYears?: number;
}

export const ConsultationRecordedV1 = defineIntegrationEvent<ConsultationRecordedV1>({
  type: 'dk.sagsspor.referrals.consultation-recorded.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A consultative inquiry (konsultativ henvendelse): a municipal caseworker asked the house for advice.',
  schema: objectSchema(
    { consultationId: identifier, houseCode, municipalityCode, askedAt: isoDate, outcome: enumOf(consultationOutcomes), childRef, childSex, childAgeYears },
    ['childRef', 'childSex', 'childAgeYears'],
  ),
  example: { consultationId: 'MIDT-K-2025-311', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-02-11', outcome: 'advice-given' },
});

/** What every referral event says about the referral and the child. */
export interface ReferralFactsV1 {
  referralId: string;
  childRef: string;
  childSex: ChildSex;
  /** Age at the referral date. */
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  /** When the municipality became aware: the start of its 4-month § 20 clock. */
  municipalityAwareAt: string;
  abuseTypes: AbuseType[];
  caseKind: CaseKind;
  underretningId?: string;
}

const referralFacts = {
  referralId: identifier,
  childRef,
  childSex,
  childAgeYears,
  municipalityCode,
  houseCode,
  referredAt: isoDate,
  municipalityAwareAt: isoDate,
  abuseTypes: abuseTypeSet,
  caseKind,
  underretningId: identifier,
};
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
  schema: objectSchema(referralFacts, ['underretningId']),
  example: referralExample,
});

export interface ReferralAcceptedV1 extends ReferralFactsV1 {
  caseId: string;
  acceptedAt: string;
}

export const ReferralAcceptedV1 = defineIntegrationEvent<ReferralAcceptedV1>({
  type: 'dk.sagsspor.referrals.referral-accepted.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A børnehus accepted a referral: this opens the børnehus case with the given caseId in case-lifecycle.',
  schema: objectSchema({ ...referralFacts, caseId: uuid, acceptedAt: isoDate }, ['underretningId']),
  example: { ...referralExample, caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', acceptedAt: '2025-03-12' },
});

export interface ReferralRejectedV1 extends ReferralFactsV1 {
  rejectedAt: string;
  reason: ReferralRejectionReason;
}

export const ReferralRejectedV1 = defineIntegrationEvent<ReferralRejectedV1>({
  type: 'dk.sagsspor.referrals.referral-rejected.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A børnehus rejected a referral, with the reason as a code (the free-text note stays in the referrals service).',
  schema: objectSchema({ ...referralFacts, rejectedAt: isoDate, reason: enumOf(referralRejectionReasons) }, ['underretningId']),
  example: { ...referralExample, rejectedAt: '2025-03-12', reason: 'outside-target-group' },
});

export interface ReferralWithdrawnV1 extends ReferralFactsV1 {
  withdrawnAt: string;
  reason: ReferralWithdrawalReason;
}

export const ReferralWithdrawnV1 = defineIntegrationEvent<ReferralWithdrawnV1>({
  type: 'dk.sagsspor.referrals.referral-withdrawn.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'The municipality withdrew a referral before the house accepted or rejected it.',
  schema: objectSchema({ ...referralFacts, withdrawnAt: isoDate, reason: enumOf(referralWithdrawalReasons) }, ['underretningId']),
  example: { ...referralExample, withdrawnAt: '2025-03-11', reason: 'municipality-withdrew' },
});
