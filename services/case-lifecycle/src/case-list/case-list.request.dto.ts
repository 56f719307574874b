import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { abuseTypes, caseKinds, caseOutcomes, childSexes, type HouseCode, houseCodes } from '@sagsspor/contracts';
import { IsKnownMunicipality } from '@sagsspor/platform';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const caseStatuses = ['opened', 'in-assessment', 'closing-memo-sent', 'closed', 'settled'] as const;

export class CaseListQuery {
  @ApiPropertyOptional({ example: ['opened', 'in-assessment'], description: `One or more statuses, comma-separated: ${caseStatuses.join(', ')}` })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
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
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minAgeDays?: number;

  @ApiPropertyOptional({ example: 120, description: 'Cases at most this many days old' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxAgeDays?: number;

  @ApiPropertyOptional({ example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ example: 50, default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
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
