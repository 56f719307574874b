import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CaseEndReason,
  caseEndReasons,
  type CaseOutcome,
  caseOutcomes,
  type ServiceKind,
  type ServiceRecipient,
  serviceKinds,
  serviceRecipients,
  type SuspectAgeGroup,
  type SuspectRelation,
  type SuspectSex,
  suspectAgeGroups,
  suspectRelations,
  suspectSexes,
} from '@sagsspor/contracts';
import { IsBoundedText, IsCalendarDate, IsCallerId } from '@sagsspor/platform';
import { IsIn, IsOptional } from 'class-validator';

export class PoliceReleaseRequest {
  @ApiProperty({ example: '2025-03-18', description: 'The day the police released the child' })
  @IsCalendarDate()
  releasedAt!: string;
}

export class RecordServiceRequest {
  @ApiProperty({ example: 'MIDT-Y-2025-0117', description: "The house's own id of the service; sending it again with the same content changes nothing" })
  @IsCallerId()
  serviceId!: string;

  @ApiProperty({ enum: serviceKinds, example: 'crisis-conversation', description: 'The provider (house, police, forensic, paediatrician) follows from the kind' })
  @IsIn(serviceKinds)
  kind!: ServiceKind;

  @ApiProperty({ example: '2025-03-14', description: 'Between the opening and today (or the closing)' })
  @IsCalendarDate()
  deliveredAt!: string;

  @ApiProperty({ enum: serviceRecipients, example: 'carer', description: 'While the child awaits police release, house services to `child` or `child-and-carer` are refused' })
  @IsIn(serviceRecipients)
  recipient!: ServiceRecipient;
}

export class RegisterSuspectRequest {
  @ApiProperty({ example: 'MIDT-M-2025-0042', description: "The house's own id of the suspect (never a name)" })
  @IsCallerId()
  suspectId!: string;

  @ApiProperty({ enum: suspectSexes, example: 'male' })
  @IsIn(suspectSexes)
  sex!: SuspectSex;

  @ApiProperty({ enum: suspectRelations, example: 'step-parent', description: 'Relation to the child' })
  @IsIn(suspectRelations)
  relation!: SuspectRelation;

  @ApiProperty({ enum: suspectAgeGroups, example: '30-49' })
  @IsIn(suspectAgeGroups)
  ageGroup!: SuspectAgeGroup;
}

export class ClosingMemoRequest {
  @ApiProperty({ example: '2025-06-02', description: 'The day the closing memo (afslutningsnotat) was sent to the municipality' })
  @IsCalendarDate()
  sentAt!: string;
}

/** Why an interrupted or withdrawn case ended: the fields a closing and a correction of it share. */
class CaseEndReasonFields {
  @ApiPropertyOptional({
    enum: caseEndReasons,
    example: 'unstable-attendance',
    description:
      'Why an interrupted or withdrawn case ended (docs/services/case-lifecycle.md lists each with the wording of its source). Optional: left out, it is `not-given`. Refused (422) for a completed case.',
  })
  @IsOptional()
  @IsIn(caseEndReasons)
  endReason?: CaseEndReason;

  @ApiPropertyOptional({
    example: 'Familien udeblev fra tre aftalte samtaler.',
    description: 'A note on why it ended, at most 500 characters. Kept in this service only (shown to the house and admins), never published. No personal data: a CPR number in any form is refused (400).',
  })
  @IsOptional()
  @IsBoundedText(500)
  endNote?: string;
}

export class CloseCaseRequest extends CaseEndReasonFields {
  @ApiProperty({ example: '2025-06-10', description: 'On or after the opening and the last service, not in the future' })
  @IsCalendarDate()
  closedAt!: string;

  @ApiProperty({ enum: caseOutcomes, example: 'completed', description: 'Interrupted (the family stopped coming) and withdrawn cases are settled at the full tariff too' })
  @IsIn(caseOutcomes)
  outcome!: CaseOutcome;

  @ApiPropertyOptional({ example: '2025-06-02', description: 'When the closing memo was sent, if not recorded before; required for `completed` then' })
  @IsOptional()
  @IsCalendarDate()
  closingMemoSentAt?: string;
}

export class CorrectClosureRequest extends CaseEndReasonFields {
  @ApiPropertyOptional({ example: '2025-06-09', description: 'The corrected closing date' })
  @IsOptional()
  @IsCalendarDate()
  closedAt?: string;

  @ApiPropertyOptional({ enum: caseOutcomes, example: 'interrupted', description: 'The corrected outcome' })
  @IsOptional()
  @IsIn(caseOutcomes)
  outcome?: CaseOutcome;

  @ApiProperty({
    example: 'The closing date was typed wrong',
    description: 'Why the closing is corrected: kept in this service (shown to the house and admins), never published. No personal data: a CPR number is refused.',
  })
  @IsBoundedText(2000, 1)
  reason!: string;
}
