import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type PoliceInvolvementDefinition, policeInvolvementDefinitions } from '@sagsspor/contracts';
import type { MandatoryReferralWatchState } from './mandatory-referral-watch.decider';

const watchStatuses = ['watching', 'stopped', 'referred-in-time', 'gap-open', 'gap-closed'] as const;

export class MandatoryReferralWatchResponse {
  @ApiProperty({
    enum: watchStatuses,
    example: 'gap-open',
    description:
      '`watching`: the criteria are met and the referral is not yet due; `stopped`: the criteria no longer hold; `referred-in-time`: a referral came by referralDueBy; `gap-open`: none came; `gap-closed`: one came late.',
  })
  status!: (typeof watchStatuses)[number];
  @ApiProperty({ format: 'date', example: '2025-03-06', description: 'The day the last of the three criteria came to hold' }) criteriaMetAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-20', description: 'The last day a referral was due: criteriaMetAt + referralWindowDays' }) referralDueBy!: string;
  @ApiProperty({ example: 14 }) referralWindowDays!: number;
  @ApiProperty({ enum: policeInvolvementDefinitions, example: 'consulted', description: 'The police-involvement definition the criteria were met under' })
  policeInvolvement!: PoliceInvolvementDefinition;
  @ApiPropertyOptional({ maxLength: 100, example: 'gap-AAR-2025-000123', description: '`gap-` and the underretningId' }) gapId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-21', description: 'The day the gap was found' }) gapOpenedAt?: string;
  @ApiPropertyOptional({ example: 'AAR-HEN-2025-0042', description: 'The referral that answered the duty' }) referralId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-04-02' }) referredAt?: string;
  @ApiPropertyOptional({ example: 13, description: 'Days the referral came after referralDueBy' }) daysOverdue?: number;
}

export function watchResponseOf(state: MandatoryReferralWatchState): MandatoryReferralWatchResponse | undefined {
  if (state.status === 'idle') return undefined;
  const { criteriaMetAt, referralDueBy, referralWindowDays, policeInvolvement } = state.deadline;
  return {
    status: state.status,
    criteriaMetAt,
    referralDueBy,
    referralWindowDays,
    policeInvolvement,
    ...(state.status === 'gap-open' || state.status === 'gap-closed' ? { gapId: state.gapId, gapOpenedAt: state.openedAt } : {}),
    ...(state.status === 'referred-in-time' || state.status === 'gap-closed' ? { referralId: state.referral.referralId, referredAt: state.referral.referredAt } : {}),
    ...(state.status === 'gap-closed' ? { daysOverdue: state.daysOverdue } : {}),
  };
}
