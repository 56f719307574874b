import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { abuseTypes, caseKinds, caseOutcomes, childSexes, type HouseCode, houseCodes } from '@sagsspor/contracts';
import { IsBoundedInt, IsKnownMunicipality } from '@sagsspor/platform';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';

export const caseStatuses = ['opened', 'in-assessment', 'closing-memo-sent', 'closed', 'settled'] as const;

/** A case older than a century is not a case: the bound keeps the age filters within what the database compares. */
const MAX_AGE_DAYS = 36_500;
/** Far beyond the last page of any house's cases, and within what an SQL OFFSET takes. */
const MAX_PAGE = 100_000;

export class CaseListQuery {
  @ApiPropertyOptional({ example: ['opened', 'in-assessment'], description: `One or more statuses, comma-separated: ${caseStatuses.join(', ')}` })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @ArrayMaxSize(caseStatuses.length)
  @IsIn(caseStatuses, { each: true, message: `status must be one or more of ${caseStatuses.join(', ')}, comma-separated` })
  status?: string[];

  @ApiPropertyOptional({ enum: houseCodes, description: 'A house user sees its own house only' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: HouseCode;

  @ApiPropertyOptional({ example: '751', description: 'A municipality user sees its own cases only' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;

  @ApiPropertyOptional({ example: 76, description: 'Cases at least this many days old (opening to closing, or to today while open)' })
  @IsOptional()
  @IsBoundedInt(0, MAX_AGE_DAYS)
  minAgeDays?: number;

  @ApiPropertyOptional({ example: 120, description: 'Cases at most this many days old' })
  @IsOptional()
  @IsBoundedInt(0, MAX_AGE_DAYS)
  maxAgeDays?: number;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @IsBoundedInt(1, MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ example: 50, default: 50, maximum: 200 })
  @IsOptional()
  @IsBoundedInt(1, 200)
  pageSize: number = 50;
}

export class CaseListItemResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: caseStatuses }) status!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: childSexes }) childSex!: string;
  @ApiProperty({ example: 9 }) childAgeYears!: number;
  @ApiProperty({ enum: caseKinds }) caseKind!: string;
  @ApiProperty({ enum: abuseTypes, isArray: true, maxItems: abuseTypes.length, uniqueItems: true }) abuseTypes!: string[];
  @ApiProperty({ format: 'date', example: '2025-03-10' }) referredAt!: string;
  @ApiProperty({ format: 'date', example: '2025-03-12' }) openedAt!: string;
  @ApiProperty({ nullable: true, example: null, description: 'Set while the child awaits police release' }) awaitingPoliceReleaseSince!: string | null;
  @ApiProperty({ nullable: true, example: null }) closedAt!: string | null;
  @ApiProperty({ nullable: true, enum: caseOutcomes }) outcome!: string | null;
  @ApiProperty({ example: 41, description: 'Days from the opening to the closing, or to today while open' }) ageDays!: number;
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseListItemResponse], maxItems: 200, description: 'Sorted by openedAt (oldest first); at most pageSize' }) items!: CaseListItemResponse[];
  @ApiProperty({ example: 132, description: 'Cases matching the filters, on all pages' }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
}
