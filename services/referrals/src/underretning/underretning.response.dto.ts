import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Concern, concerns, type NotReferredReason, notReferredReasons, type PoliceInvolvementDefinition, policeInvolvementDefinitions, type UnderretningSource, underretningSources } from '@sagsspor/contracts';
import { MAX_BATCH_ITEMS } from '@sagsspor/platform';
import { MandatoryReferralWatchResponse } from '../mandatory-referral-watch/mandatory-referral-watch.response.dto';
import type { UnderretningState } from './underretning.decider';

export class UnderretningDecisionsResponse {
  @ApiPropertyOptional({ format: 'date', example: '2025-03-06', description: '§ 20 investigation decided' }) childInvestigationDecidedAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-05' }) policeReportedAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-05' }) policeConsultedAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-07' }) hospitalInvolvedAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-10', description: '§ 11 preventive measure' }) preventiveMeasureAt?: string;
}

export class MandatoryReferralCriteriaResponse {
  @ApiProperty({ enum: policeInvolvementDefinitions, example: 'consulted', description: 'The police-involvement definition this evaluation used (a setting)' })
  policeInvolvement!: PoliceInvolvementDefinition;
  @ApiProperty({ example: true, description: '1: violence, sexual or psychological abuse suspected' }) abuseSuspected!: boolean;
  @ApiProperty({ example: true, description: '2: a § 20 investigation decided' }) investigationDecided!: boolean;
  @ApiProperty({ example: true, description: '3: police or hospital involved' }) policeOrHospitalInvolved!: boolean;
  @ApiProperty({ example: true, description: 'All three hold: the municipality must use the børnehus (Barnets lov § 125)' }) met!: boolean;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-06', description: 'The day the last of the three came to hold' }) metAt?: string;
}

export class NotReferredReasonsResponse {
  @ApiProperty({ enum: notReferredReasons, isArray: true, maxItems: notReferredReasons.length, uniqueItems: true, example: ['preventive-measure-instead'] }) reasons!: NotReferredReason[];
  @ApiPropertyOptional({ maxLength: 500, example: 'Forældrene ønskede ikke forløb.', description: "The municipality's note (shown here only, never published)" }) note?: string;
  @ApiProperty({ format: 'date', example: '2025-03-20', description: 'The day the reasons were last recorded' }) recordedOn!: string;
}

export class UnderretningResponse {
  @ApiProperty({ example: 'AAR-2025-000123' }) underretningId!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', description: "The child's pseudonym (the same in every Sagsspor service)" })
  childRef!: string;
  @ApiProperty({ format: 'date', example: '2025-03-04' }) receivedAt!: string;
  @ApiProperty({ enum: concerns, isArray: true, maxItems: concerns.length, uniqueItems: true, example: ['violence'] }) concerns!: Concern[];
  @ApiProperty({ enum: underretningSources, example: 'school' }) source!: UnderretningSource;
  @ApiProperty({ type: UnderretningDecisionsResponse, description: 'Every decision date recorded, the latest value of each' }) decisions!: UnderretningDecisionsResponse;
  @ApiProperty({ type: MandatoryReferralCriteriaResponse, description: 'The latest evaluation of the three criteria' }) mandatoryReferralCriteria!: MandatoryReferralCriteriaResponse;
  @ApiPropertyOptional({
    type: MandatoryReferralWatchResponse,
    description: 'Shown by GET once the criteria have been met: the referral deadline and whether a gap opened',
  })
  mandatoryReferralWatch?: MandatoryReferralWatchResponse;
  @ApiPropertyOptional({ type: NotReferredReasonsResponse, description: 'Why the child was not referred, once the municipality recorded it (ADR 0074)' })
  notReferred?: NotReferredReasonsResponse;
}

export function underretningResponseOf(state: Extract<UnderretningState, { status: 'received' }>): UnderretningResponse {
  const { childAgeYears: _age, childSex: _sex, ...visible } = state.facts;
  const { childAgeYears: _ageWhenMet, ...criteria } = state.criteria!;
  return { ...visible, decisions: state.decisions, mandatoryReferralCriteria: criteria, ...(state.notReferred ? { notReferred: state.notReferred } : {}) };
}

export class UnderretningBatchItemResult {
  @ApiProperty({ minimum: 0, maximum: MAX_BATCH_ITEMS - 1, example: 0, description: "The item's index in `items`" }) index!: number;
  @ApiProperty({ minimum: 200, maximum: 599, example: 201, description: 'What `POST /v1/underretninger` (and the decisions) would have answered for this item alone: 201 stored (or already stored), 400, 409, 422, 503 (retry the item)' })
  status!: number;
  @ApiPropertyOptional({ type: UnderretningResponse, description: 'The underretning as stored, when stored' }) result?: UnderretningResponse;
  @ApiPropertyOptional({ allOf: [{ $ref: '#/components/schemas/Problem' }], description: 'Why the item was not stored (RFC 9457, as its own request would answer)' }) problem?: object;
}

export class UnderretningBatchResponse {
  @ApiProperty({ type: [UnderretningBatchItemResult], maxItems: MAX_BATCH_ITEMS, description: 'One result per item, in the order of `items`' }) results!: UnderretningBatchItemResult[];
  @ApiProperty({ minimum: 0, maximum: MAX_BATCH_ITEMS, example: 199, description: 'Items stored (or already stored)' }) stored!: number;
  @ApiProperty({ minimum: 0, maximum: MAX_BATCH_ITEMS, example: 1, description: 'Items not stored: see their `problem`' }) failed!: number;
}
