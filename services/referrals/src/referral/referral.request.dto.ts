import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CPR_FORMAT } from '@sagsspor/domain';
import {
  type AbuseType,
  abuseTypes,
  type CaseKind,
  caseKinds,
  type HouseCode,
  houseCodes,
  type ReferralRejectionReason,
  referralRejectionReasons,
  type ReferralWithdrawalReason,
  referralWithdrawalReasons,
} from '@sagsspor/contracts';
import { IsBoundedInt, IsBoundedText, IsCalendarDate, IsCallerId, IsKnownMunicipality } from '@sagsspor/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const referralStatuses = ['submitted', 'accepted', 'rejected', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export class SubmitReferralRequest {
  @ApiProperty({ example: 'AAR-HEN-2025-0042', description: "The municipality's own id, unique across municipalities (prefix it with yours)" })
  @IsCallerId(100)
  referralId!: string;

  @ApiProperty({ example: '020416-4002', description: "The child's CPR number. Turned into a pseudonym at once; kept only encrypted, never returned or passed on." })
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr!: string;

  @ApiProperty({ example: '751', description: 'The acting municipality (handlekommune): must be your own' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: '2025-03-10', description: 'The day of the referral; not in the future. The child must be 0-17 on it.' })
  @IsCalendarDate()
  referredAt!: string;

  @ApiProperty({ enum: abuseTypes, isArray: true, example: ['violence'], description: 'Several allowed; empty when not yet known' })
  @IsArray()
  @ArrayMaxSize(abuseTypes.length)
  @ArrayUnique()
  @IsIn(abuseTypes, { each: true })
  abuseTypes!: AbuseType[];

  @ApiProperty({ example: '2025-03-04', description: 'When the municipality became aware of the need: the start of its 4-month § 20 clock. Not after referredAt.' })
  @IsCalendarDate()
  municipalityAwareAt!: string;

  @ApiPropertyOptional({ enum: caseKinds, default: 'abuse', example: 'abuse', description: '`abuse`: violence or sexual abuse; `sba`: sexually concerning behaviour' })
  @IsOptional()
  @IsIn(caseKinds)
  caseKind?: CaseKind;

  @ApiPropertyOptional({ example: 'AAR-2025-000123', description: 'The underretning this referral follows: it must be yours and about the same child' })
  @IsOptional()
  @IsCallerId(96)
  underretningId?: string;

  @ApiPropertyOptional({ enum: houseCodes, example: 'midt', description: "The house to refer to. Default: the house of the municipality's region" })
  @IsOptional()
  @IsIn(houseCodes)
  houseCode?: HouseCode;
}

/** The path of a referral's routes: `/v1/referrals/{referralId}`. */
export class ReferralPath {
  @IsCallerId(100)
  referralId!: string;
}

export class AcceptReferralRequest {
  @ApiProperty({ example: '2025-03-12', description: 'The day the house accepted: the børnehus case opens on it. Not before referredAt, not in the future.' })
  @IsCalendarDate()
  acceptedAt!: string;
}

export class RejectReferralRequest {
  @ApiProperty({ example: '2025-03-12', description: 'Not before referredAt, not in the future' })
  @IsCalendarDate()
  rejectedAt!: string;

  @ApiProperty({ enum: referralRejectionReasons, example: 'outside-target-group' })
  @IsIn(referralRejectionReasons)
  reason!: ReferralRejectionReason;

  @ApiPropertyOptional({
    example: 'Der er ikke mistanke om vold eller seksuelle overgreb; kontakt os gerne for sparring.',
    description: 'A note to the municipality. Kept in this service only (never published); no CPR numbers or names.',
  })
  @IsOptional()
  @IsBoundedText(1000)
  note?: string;
}

export class WithdrawReferralRequest {
  @ApiProperty({ example: '2025-03-11', description: 'Not before referredAt, not in the future' })
  @IsCalendarDate()
  withdrawnAt!: string;

  @ApiProperty({ enum: referralWithdrawalReasons, example: 'municipality-withdrew' })
  @IsIn(referralWithdrawalReasons)
  reason!: ReferralWithdrawalReason;
}

export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: referralStatuses, example: 'submitted' })
  @IsOptional()
  @IsIn(referralStatuses)
  status?: ReferralStatus;

  @ApiPropertyOptional({ enum: houseCodes, example: 'midt', description: 'Default for house staff: their own house (another house is refused)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: HouseCode;

  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @IsBoundedInt(1, 200)
  limit?: number;

  @ApiPropertyOptional({ example: 'WyIyMDI1LTAzLTEwIiwiQUFSLUhFTi0yMDI1LTAwNDIiXQ', description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
