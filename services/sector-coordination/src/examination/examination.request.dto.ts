import { ApiProperty } from '@nestjs/swagger';
import { type ExaminationKind, examinationKinds } from '@sagsspor/contracts';
import { IsCalendarDate, IsCallerId } from '@sagsspor/platform';
import { IsIn, IsUUID } from 'class-validator';

export class RecordExaminationRequest {
  @ApiProperty({ example: 'EX-2025-17', description: "The house's own id for the examination: sending it again with the same content changes nothing" })
  @IsCallerId()
  examinationId!: string;

  @ApiProperty({ example: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', description: 'The børnehus case (caseId from case-lifecycle)' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ enum: examinationKinds, description: 'paediatric (pædiatrisk) or forensic (retsmedicinsk)' })
  @IsIn(examinationKinds)
  kind!: ExaminationKind;

  @ApiProperty({ example: '2025-03-20', description: "The day of the examination: within the case's open period, not in the future" })
  @IsCalendarDate()
  performedAt!: string;
}

export class ExaminationResponse extends RecordExaminationRequest {}
