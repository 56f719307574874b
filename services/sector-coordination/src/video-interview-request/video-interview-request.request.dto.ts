import { ApiProperty } from '@nestjs/swagger';
import { CPR_FORMAT } from '@sagsspor/domain';
import { type HouseCode, houseCodes } from '@sagsspor/contracts';
import { IsCalendarDate, IsCallerId, IsKnownMunicipality } from '@sagsspor/platform';
import { policeDistricts } from '@sagsspor/reference-data';
import { IsIn, IsString, Matches } from 'class-validator';

const policeDistrictCodes = policeDistricts.map((d) => d.code);

export class RequestVideoInterviewRequest {
  @ApiProperty({ example: 'OJP-REQ-2025-0311', description: "The police system's own id of the request: sending it again with the same content changes nothing" })
  @IsCallerId()
  requestId!: string;

  @ApiProperty({ example: '020416-4002', description: "The child's CPR number. Turned into a pseudonym (childRef) at once; kept only encrypted, never passed on." })
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr!: string;

  @ApiProperty({ example: 'oestjylland', enum: policeDistrictCodes })
  @IsIn(policeDistrictCodes, { message: 'policeDistrict must be a known police district code' })
  policeDistrict!: string;

  @ApiProperty({ example: '751', description: 'The acting municipality (handlekommune)' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: 'midt', enum: houseCodes, description: 'The børnehus where the interview is to be held' })
  @IsIn(houseCodes, { message: 'houseCode must be a known børnehus code' })
  houseCode!: HouseCode;

  @ApiProperty({ example: '2025-03-06', description: 'The day the interview was requested (Europe/Copenhagen); not in the future' })
  @IsCalendarDate()
  requestedAt!: string;
}

export class VideoInterviewRequestResponse {
  @ApiProperty({ example: 'OJP-REQ-2025-0311' }) requestId!: string;
  @ApiProperty({ example: 'oestjylland' }) policeDistrict!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', description: "The child's pseudonym (never the CPR)" }) childRef!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: HouseCode;
  @ApiProperty({ format: 'date', example: '2025-03-06' }) requestedAt!: string;
}
