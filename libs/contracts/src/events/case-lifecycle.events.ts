import { defineIntegrationEvent } from '../integration-event';
import type { AbuseType, ChildSex, HouseCode } from '../vocabulary';
import { Topics } from '../topics';
import { abuseType, childAgeYears, childRef, childSex, houseCode, identifier, isoDate, municipalityCode, uuid } from './common.schemas';

export interface CaseOpenedV1 {
  caseId: string;
  referralId: string;
  childRef: string;
  childSex: ChildSex;
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  municipalityAwareAt: string;
  openedAt: string;
  abuseTypes: AbuseType[];
}

export const CaseOpenedV1 = defineIntegrationEvent<CaseOpenedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-opened.v1',
  topic: Topics.caseLifecycleEvents,
  source: '/sagsspor/case-lifecycle',
  description: 'A børnehus case was opened (the house took the child in).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'referralId', 'childRef', 'childSex', 'childAgeYears', 'municipalityCode', 'houseCode', 'referredAt', 'municipalityAwareAt', 'openedAt', 'abuseTypes'],
    properties: {
      caseId: uuid,
      referralId: identifier,
      childRef,
      childSex,
      childAgeYears,
      municipalityCode,
      houseCode,
      referredAt: isoDate,
      municipalityAwareAt: isoDate,
      openedAt: isoDate,
      abuseTypes: { type: 'array', uniqueItems: true, items: abuseType },
    },
  },
  example: {
    caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f',
    referralId: 'AAR-HEN-2025-0042',
    childRef: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
    childSex: 'female',
    childAgeYears: 9,
    municipalityCode: '751',
    houseCode: 'midt',
    referredAt: '2025-03-10',
    municipalityAwareAt: '2025-03-04',
    openedAt: '2025-03-12',
    abuseTypes: ['violence'],
  },
});
