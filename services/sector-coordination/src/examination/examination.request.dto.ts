import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@sagsspor/platform';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';

export class RecordExaminationRequest {
  @ApiProperty({ example: 'EX-2025-17', description: "The caller's own id for the examination" })
  @IsString()
  @Length(1, 100)
  examinationId!: string;

  @ApiProperty({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ enum: ['paediatric', 'forensic'] })
  @IsIn(['paediatric', 'forensic'])
  kind!: 'paediatric' | 'forensic';

  @ApiProperty({ example: '2025-03-20' })
  @IsCalendarDate()
  performedAt!: string;
}

export class ExaminationResponse extends RecordExaminationRequest {}
