import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CPR_FORMAT } from '@sagsspor/domain';
import { type ConsultationOutcome, consultationOutcomes, type HouseCode, houseCodes } from '@sagsspor/contracts';
import { IsCalendarDate, IsCallerId, IsKnownMunicipality } from '@sagsspor/platform';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class RecordConsultationRequest {
  @ApiProperty({ example: 'MIDT-K-2025-311', description: 'The id of whoever records it (house or municipality), unique across Sagsspor (prefix it with yours)' })
  @IsCallerId(100)
  consultationId!: string;

  @ApiProperty({ enum: houseCodes, example: 'midt', description: 'The house that was asked (house staff: your own)' })
  @IsIn(houseCodes)
  houseCode!: HouseCode;

  @ApiProperty({ example: '751', description: 'The municipality that asked (municipality users: your own)' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: '2025-02-11', description: 'The day the caseworker asked; not in the future' })
  @IsCalendarDate()
  askedAt!: string;

  @ApiPropertyOptional({
    example: '020416-4002',
    description: 'The child, when the inquiry named one: turned into a pseudonym at once and kept only encrypted. Leave out for an anonymous inquiry.',
  })
  @IsOptional()
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr?: string;

  @ApiProperty({ enum: consultationOutcomes, example: 'advice-given' })
  @IsIn(consultationOutcomes)
  outcome!: ConsultationOutcome;
}

/** The path of a consultation: `/v1/consultations/{consultationId}`. */
export class ConsultationPath {
  @IsCallerId(100)
  consultationId!: string;
}
