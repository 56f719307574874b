import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { consultationOutcomes, houseCodes } from '@sagsspor/contracts';
import type { ConsultationState } from './consultation.decider';

export class ConsultationResponse {
  @ApiProperty({ example: 'MIDT-K-2025-311' }) consultationId!: string;
  @ApiProperty({ enum: houseCodes, example: 'midt' }) houseCode!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ format: 'date', example: '2025-02-11' }) askedAt!: string;
  @ApiProperty({ enum: consultationOutcomes, example: 'advice-given' }) outcome!: string;
  @ApiPropertyOptional({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', description: "The child's pseudonym, when the inquiry named a child" })
  childRef?: string;
}

export function consultationResponseOf(state: Extract<ConsultationState, { status: 'recorded' }>): ConsultationResponse {
  const { child, ...facts } = state.facts;
  return { ...facts, ...(child ? { childRef: child.childRef } : {}) };
}
