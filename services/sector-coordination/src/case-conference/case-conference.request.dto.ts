import { ApiProperty } from '@nestjs/swagger';
import { type ConferenceKind, conferenceKinds, type HouseCode, houseCodes, type ParticipationMode, participationModes, type Sector, sectors } from '@sagsspor/contracts';
import { IsCalendarDate, IsCallerId } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsUUID, ValidateNested } from 'class-validator';

export class ConferenceParticipantDto {
  @ApiProperty({ enum: sectors, example: 'municipality', description: 'Each sector at most once; the børnehus always (it holds the conference)' })
  @IsIn(sectors)
  sector!: Sector;

  @ApiProperty({ enum: participationModes, example: 'attended', description: 'attended, a written assessment, phone feedback, or absent. The børnehus: attended or phone.' })
  @IsIn(participationModes)
  mode!: ParticipationMode;
}

export class HoldCaseConferenceRequest {
  @ApiProperty({ example: 'MIDT-SR-2025-77', description: "The house's own id for the conference, unique across cases: sending it again with the same content changes nothing" })
  @IsCallerId()
  conferenceId!: string;

  @ApiProperty({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', description: 'The børnehus case (caseId from case-lifecycle)' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({
    enum: conferenceKinds,
    description: 'coordinating (koordinerende: the first, opens the coordination; one per case), follow-up (opfølgende), concluding (afsluttende: the last; nothing after it)',
  })
  @IsIn(conferenceKinds)
  kind!: ConferenceKind;

  @ApiProperty({ example: '2025-03-14', description: "The day it was held: within the case's open period, not in the future" })
  @IsCalendarDate()
  heldAt!: string;

  @ApiProperty({ type: [ConferenceParticipantDto], example: [{ sector: 'municipality', mode: 'attended' }, { sector: 'police', mode: 'phone' }, { sector: 'boernehus', mode: 'attended' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(sectors.length)
  @ValidateNested({ each: true })
  @Type(() => ConferenceParticipantDto)
  participants!: ConferenceParticipantDto[];
}

export class CaseConferenceResponse extends HoldCaseConferenceRequest {
  @ApiProperty({ enum: houseCodes, description: "The case's house" })
  houseCode!: HouseCode;
}
