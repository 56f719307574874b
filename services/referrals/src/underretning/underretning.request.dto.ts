import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { CPR_FORMAT } from '@sagsspor/domain';
import { type Concern, concerns, type NotReferredReason, notReferredReasons, type UnderretningSource, underretningSources } from '@sagsspor/contracts';
import { IsBoundedText, IsCalendarDate, IsCallerId, IsKnownMunicipality, MAX_BATCH_ITEMS } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

export class ReceiveUnderretningRequest {
  @ApiProperty({
    example: 'AAR-2025-000123',
    description: "The municipality's own id, unique across municipalities (prefix it with yours). At most 96 characters, so ids derived from it (the gap id) stay within 100.",
  })
  @IsCallerId(96)
  underretningId!: string;

  @ApiProperty({
    example: '020416-4002',
    description: "The child's CPR number (DDMMYY-SSSS, hyphen optional). Turned into a pseudonym (childRef) at once; kept only encrypted, never returned or passed on.",
  })
  @IsString()
  @Matches(CPR_FORMAT, { message: 'childCpr must be a CPR number, DDMMYY-SSSS' })
  childCpr!: string;

  @ApiProperty({ example: '751', description: 'The acting municipality (handlekommune): must be your own' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({ example: '2025-03-04', description: 'The day the municipality received it (Europe/Copenhagen); not in the future' })
  @IsCalendarDate()
  receivedAt!: string;

  @ApiProperty({
    enum: concerns,
    isArray: true,
    example: ['violence'],
    description: 'What the concern is about. `violence`, `sexual` and `psychological` count as suspected abuse for the mandatory-referral criteria.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(concerns.length)
  @ArrayUnique()
  @IsIn(concerns, { each: true })
  concerns!: Concern[];

  @ApiProperty({ enum: underretningSources, example: 'school', description: 'Who sent the underretning' })
  @IsIn(underretningSources)
  source!: UnderretningSource;
}

/** The path of an underretning's routes: `/v1/underretninger/{underretningId}`. */
export class UnderretningPath {
  @IsCallerId(96)
  underretningId!: string;
}

const dateOrNull = (meaning: string, example: string) => ({
  example,
  type: String,
  nullable: true,
  description: `${meaning}. A date records (or corrects) it; \`null\` withdraws a date recorded by mistake; left out: unchanged. On or after receivedAt, not in the future.`,
});

/** At least one field must be given (checked by the handler, which names all five when none is). */
export class RecordDecisionsRequest {
  @ApiPropertyOptional(dateOrNull('The municipality decided to make (or revise) a børnefaglig undersøgelse (Barnets lov § 20)', '2025-03-06'))
  @IsOptional()
  @IsCalendarDate()
  childInvestigationDecidedAt?: string | null;

  @ApiPropertyOptional(dateOrNull('The matter was reported to the police', '2025-03-05'))
  @IsOptional()
  @IsCalendarDate()
  policeReportedAt?: string | null;

  @ApiPropertyOptional(dateOrNull('The municipality consulted the police (initial contact or sparring)', '2025-03-05'))
  @IsOptional()
  @IsCalendarDate()
  policeConsultedAt?: string | null;

  @ApiPropertyOptional(dateOrNull('A hospital (paediatric or forensic) is involved', '2025-03-07'))
  @IsOptional()
  @IsCalendarDate()
  hospitalInvolvedAt?: string | null;

  @ApiPropertyOptional(dateOrNull('A preventive measure (Barnets lov § 11) was chosen instead of, or before, an investigation', '2025-03-10'))
  @IsOptional()
  @IsCalendarDate()
  preventiveMeasureAt?: string | null;
}

/** One underretning of a batch: the fields of `POST /v1/underretninger` but the municipality (the batch's), and the decisions made on it so far. */
export class UnderretningBatchItem extends OmitType(ReceiveUnderretningRequest, ['municipalityCode'] as const) {
  @ApiPropertyOptional({
    type: RecordDecisionsRequest,
    description: 'Decisions already made on it, recorded right after it is received, as `POST /v1/underretninger/{id}/decisions` would record them (at least one date when given)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecordDecisionsRequest)
  decisions?: RecordDecisionsRequest;
}

export class ReceiveUnderretningBatchRequest {
  @ApiProperty({ example: '751', description: 'The acting municipality (handlekommune) of every item: must be your own' })
  @IsKnownMunicipality()
  municipalityCode!: string;

  @ApiProperty({
    type: [UnderretningBatchItem],
    minItems: 1,
    maxItems: MAX_BATCH_ITEMS,
    description: `1-${MAX_BATCH_ITEMS} underretninger, each with the fields (and the checks) of \`POST /v1/underretninger\` but the municipality. A malformed item refuses the whole batch (400 naming \`items[i].field\`, nothing stored); each well-formed item is then stored or refused on its own, answered in \`results\` at the same index.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UnderretningBatchItem)
  items!: UnderretningBatchItem[];
}

/** Why the child was not referred to the børnehus (ADR 0074): the whole set of reasons, replacing any recorded before. */
export class RecordNotReferredReasonsRequest {
  @ApiProperty({
    enum: notReferredReasons,
    isArray: true,
    example: ['preventive-measure-instead', 'police-assessment-decided'],
    description:
      "Why the child was not referred: one or more of the reasons Ankestyrelsen's study found (docs/services/referrals.md lists each with its Danish wording). The whole set: it replaces the reasons recorded before.",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(notReferredReasons.length)
  @ArrayUnique()
  @IsIn(notReferredReasons, { each: true })
  reasons!: NotReferredReason[];

  @ApiPropertyOptional({
    example: 'Forældrene ønskede ikke forløb; vi følger op efter tre måneder.',
    description: 'Optional note, at most 500 characters. Kept in this service only (never published, never in a report). No personal data: no names, and a CPR number in any form is refused (400).',
  })
  @IsOptional()
  @IsBoundedText(500)
  note?: string;
}
