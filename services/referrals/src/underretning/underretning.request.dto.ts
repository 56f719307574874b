import { ApiProperty } from '@nestjs/swagger';
import { type Concern, concerns, type UnderretningSource, underretningSources } from '@sagsspor/contracts';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsKnownMunicipality } from '@sagsspor/platform';
import { CPR_FORMAT } from '@sagsspor/child-identity';

export class ReceiveUnderretningRequest {
  @ApiProperty({ example: 'AAR-2025-000123', description: "The municipality's own id; unique across municipalities (prefix it with yours)" })
  @IsString()
  @Length(1, 100)
  underretningId!: string;

  @ApiProperty({ example: '010118-4002', description: "The child's CPR number. Turned into a pseudonym at once; never stored in clear or passed on." })
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr!: string;

  @ApiProperty({ example: '751' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: '2025-03-04' })
  @IsCalendarDate()
  receivedAt!: string;

  @ApiProperty({ enum: concerns, isArray: true, example: ['violence'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(concerns, { each: true })
  concerns!: Concern[];

  @ApiProperty({ enum: underretningSources, example: 'school' })
  @IsIn(underretningSources)
  source!: UnderretningSource;
}

export class UnderretningResponse {
  @ApiProperty() underretningId!: string;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty({ description: "The child's pseudonym" }) childRef!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ enum: concerns, isArray: true }) concerns!: Concern[];
  @ApiProperty({ enum: underretningSources }) source!: UnderretningSource;
}
