import { defineIntegrationEvent } from '../integration-event';
import type { AbuseType, ChildSex, Concern, HouseCode, UnderretningSource } from '../vocabulary';
import { Topics } from '../topics';
import { abuseType, childAgeYears, childRef, childSex, concern, houseCode, identifier, isoDate, municipalityCode, underretningSource, uuid } from './common.schemas';

const source = '/sagsspor/referrals';

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
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['underretningId', 'municipalityCode', 'childRef', 'childSex', 'childAgeYears', 'receivedAt', 'concerns', 'source'],
    properties: {
      underretningId: identifier,
      municipalityCode,
      childRef,
      childSex,
      childAgeYears,
      receivedAt: isoDate,
      concerns: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: concern,
      },
      source: underretningSource,
    },
  },
  example: {
    underretningId: 'AAR-2025-000123',
    municipalityCode: '751',
    childRef: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
    childSex: 'female',
    childAgeYears: 9,
    receivedAt: '2025-03-04',
    concerns: ['violence'],
    source: 'school',
  },
});

export interface ReferralAcceptedV1 {
  referralId: string;
  caseId: string;
  childRef: string;
  childSex: ChildSex;
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  municipalityAwareAt: string;
  acceptedAt: string;
  abuseTypes: AbuseType[];
}

export const ReferralAcceptedV1 = defineIntegrationEvent<ReferralAcceptedV1>({
  type: 'dk.sagsspor.referrals.referral-accepted.v1',
  topic: Topics.referralsEvents,
  source,
  description: 'A børnehus accepted a referral: this opens the børnehus case with the given caseId in case-lifecycle.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['referralId', 'caseId', 'childRef', 'childSex', 'childAgeYears', 'municipalityCode', 'houseCode', 'referredAt', 'municipalityAwareAt', 'acceptedAt', 'abuseTypes'],
    properties: {
      referralId: identifier,
      caseId: uuid,
      childRef,
      childSex,
      childAgeYears,
      municipalityCode,
      houseCode,
      referredAt: isoDate,
      municipalityAwareAt: isoDate,
      acceptedAt: isoDate,
      abuseTypes: { type: 'array', uniqueItems: true, items: abuseType },
    },
  },
  example: {
    referralId: 'AAR-HEN-2025-0042',
    caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f',
    childRef: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
    childSex: 'female',
    childAgeYears: 9,
    municipalityCode: '751',
    houseCode: 'midt',
    referredAt: '2025-03-10',
    municipalityAwareAt: '2025-03-04',
    acceptedAt: '2025-03-12',
    abuseTypes: ['violence'],
  },
});
