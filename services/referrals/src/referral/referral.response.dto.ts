import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { abuseTypes, caseKinds, houseCodes, referralRejectionReasons, referralWithdrawalReasons } from '@sagsspor/contracts';
import type { ReferralState } from './referral.decider';
import { referralStatuses } from './referral.request.dto';

export class ReferralResponse {
  @ApiProperty({ example: 'AAR-HEN-2025-0042' }) referralId!: string;
  @ApiProperty({ enum: referralStatuses, example: 'accepted' }) status!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes, example: 'midt' }) houseCode!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', description: "The child's pseudonym" }) childRef!: string;
  @ApiProperty({ format: 'date', example: '2025-03-10' }) referredAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-04' }) municipalityAwareAt!: string;
  @ApiProperty({ enum: abuseTypes, isArray: true, maxItems: abuseTypes.length, uniqueItems: true, example: ['violence'] }) abuseTypes!: string[];
  @ApiProperty({ enum: caseKinds, example: 'abuse' }) caseKind!: string;
  @ApiPropertyOptional({ example: 'AAR-2025-000123' }) underretningId?: string;
  @ApiPropertyOptional({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', description: 'The børnehus case the acceptance opened in case-lifecycle' }) caseId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-12' }) acceptedAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-12' }) rejectedAt?: string;
  @ApiPropertyOptional({ enum: referralRejectionReasons, example: 'outside-target-group' }) rejectionReason?: string;
  @ApiPropertyOptional({ maxLength: 1000, example: 'Der er ikke mistanke om vold eller seksuelle overgreb.', description: "The house's note to the municipality (never published)" })
  rejectionNote?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-11' }) withdrawnAt?: string;
  @ApiPropertyOptional({ enum: referralWithdrawalReasons, example: 'family-moved' }) withdrawalReason?: string;
}

export class ReferralListItemResponse {
  @ApiProperty({ example: 'AAR-HEN-2025-0042' }) referralId!: string;
  @ApiProperty({ enum: referralStatuses, example: 'submitted' }) status!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes, example: 'midt' }) houseCode!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d' }) childRef!: string;
  @ApiProperty({ format: 'date', example: '2025-03-10' }) referredAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-10', description: 'The date of the current status (referredAt while submitted)' }) statusChangedAt!: string;
  @ApiPropertyOptional({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f' }) caseId?: string;
}

export class ReferralListResponse {
  @ApiProperty({ type: ReferralListItemResponse, isArray: true, maxItems: 200, description: 'Oldest referral first; at most limit' }) items!: ReferralListItemResponse[];
  @ApiPropertyOptional({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', example: 'WyIyMDI1LTAzLTEwIiwiQUFSLUhFTi0yMDI1LTAwNDIiXQ', description: 'Pass as `cursor` for the next page; absent on the last page' })
  nextCursor?: string;
}

export function referralResponseOf(state: Exclude<ReferralState, { status: 'none' }>): ReferralResponse {
  const { childAgeYears: _age, childSex: _sex, ...facts } = state.facts;
  switch (state.status) {
    case 'submitted':
      return { ...facts, status: state.status };
    case 'accepted':
      return { ...facts, status: state.status, caseId: state.acceptance.caseId, acceptedAt: state.acceptance.acceptedAt };
    case 'rejected':
      return {
        ...facts,
        status: state.status,
        rejectedAt: state.rejection.rejectedAt,
        rejectionReason: state.rejection.reason,
        ...(state.rejection.note === undefined ? {} : { rejectionNote: state.rejection.note }),
      };
    case 'withdrawn':
      return { ...facts, status: state.status, withdrawnAt: state.withdrawal.withdrawnAt, withdrawalReason: state.withdrawal.reason };
  }
}
