import { ApiProperty } from '@nestjs/swagger';

export class CaseResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['opened'] }) status!: string;
  @ApiProperty() referralId!: string;
  @ApiProperty() childRef!: string;
  @ApiProperty({ enum: ['female', 'male'] }) childSex!: string;
  @ApiProperty() childAgeYears!: number;
  @ApiProperty() municipalityCode!: string;
  @ApiProperty() houseCode!: string;
  @ApiProperty() referredAt!: string;
  @ApiProperty() municipalityAwareAt!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ isArray: true }) abuseTypes!: string[];
}
