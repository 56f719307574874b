import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type AbuseType, abuseTypes, type CaseKind, caseKinds, type HouseCode, houseCodes } from '@sagsspor/contracts';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsKnownMunicipality } from '@sagsspor/platform';
import { CPR_FORMAT } from '@sagsspor/child-identity';

export class SubmitReferralRequest {
  @ApiProperty({ example: 'AAR-HEN-2025-0042', description: "The municipality's own id; unique across municipalities" })
  @IsString()
  @Length(1, 100)
  referralId!: string;

  @ApiProperty({ example: '010118-4002' })
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr!: string;

  @ApiProperty({ example: '751' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: '2025-03-10' })
  @IsCalendarDate()
  referredAt!: string;

  @ApiProperty({ enum: abuseTypes, isArray: true, example: ['violence'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(abuseTypes, { each: true })
  abuseTypes!: AbuseType[];

  @ApiProperty({ example: '2025-03-04', description: 'When the municipality became aware: start of the 4-month § 20 clock' })
  @IsCalendarDate()
  municipalityAwareAt!: string;

  @ApiPropertyOptional({ enum: caseKinds, default: 'abuse', description: '`abuse`: violence or sexual abuse; `sba`: sexually concerning behaviour' })
  @IsOptional()
  @IsIn(caseKinds)
  caseKind?: CaseKind;

  @ApiPropertyOptional({ example: 'AAR-2025-000123' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  underretningId?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: "Default: the house of the municipality's region" })
  @IsOptional()
  @IsIn(houseCodes)
  houseCode?: HouseCode;
}

export class AcceptReferralRequest {
  @ApiProperty({ example: '2025-03-12' })
  @IsCalendarDate()
  acceptedAt!: string;
}

export class ReferralResponse {
  @ApiProperty() referralId!: string;
  @ApiProperty({ enum: ['submitted', 'accepted'] }) status!: string;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty() childRef!: string;
  @ApiProperty() referredAt!: string;
  @ApiProperty() municipalityAwareAt!: string;
  @ApiProperty({ enum: abuseTypes, isArray: true }) abuseTypes!: string[];
  @ApiPropertyOptional({ description: 'The børnehus case opened by the acceptance' }) caseId?: string;
  @ApiPropertyOptional() acceptedAt?: string;
}
