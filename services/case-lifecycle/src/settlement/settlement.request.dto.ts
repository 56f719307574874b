import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { caseOutcomes, type HouseCode, houseCodes } from '@sagsspor/contracts';
import { IsKnownMunicipality } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class SettlementQuery {
  @ApiPropertyOptional({ example: '751', description: 'The paying municipality (a municipality user: its own)' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: 'Only cases of this house (a house user: its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: HouseCode;

  @ApiPropertyOptional({ example: '2025-06', description: 'The statement of one month: every settled case with its line. Give month or year.' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month written YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ example: 2025, description: 'The summary of a year, by month. Give month or year.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2025' })
  @Min(2013)
  @Max(2100)
  year?: number;
}

export class SettlementLineResponse {
  @ApiProperty() caseId!: string;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty({ format: 'date', example: '2025-06-10' }) closedAt!: string;
  @ApiProperty({ enum: caseOutcomes, description: 'Interrupted and withdrawn cases pay the full tariff' }) outcome!: string;
  @ApiProperty({ example: 2025 }) tariffYear!: number;
  @ApiProperty({ example: 13827, description: "The house's tariff for the year" }) amountDkk!: number;
  @ApiProperty({ example: 1 }) revision!: number;
}

export class SettlementMonthResponse {
  @ApiProperty({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2025-06' }) month!: string;
  @ApiProperty({ example: 3 }) caseCount!: number;
  @ApiProperty({ example: 41481 }) totalDkk!: number;
}

export class SettlementStatementResponse {
  @ApiPropertyOptional({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2025-06' }) month?: string;
  @ApiPropertyOptional({ example: 2025 }) year?: number;
  @ApiPropertyOptional({ example: '751', description: 'Absent: every municipality the caller may see' }) municipalityCode?: string;
  @ApiPropertyOptional({ enum: houseCodes, description: 'Absent: every house the caller may see' }) houseCode?: string;
  @ApiPropertyOptional({ type: [SettlementLineResponse], description: 'With month: one line per settled case, by closing date' }) lines?: SettlementLineResponse[];
  @ApiPropertyOptional({ type: [SettlementMonthResponse], maxItems: 12, description: 'With year: the twelve months' }) months?: SettlementMonthResponse[];
  @ApiProperty({ example: 3 }) caseCount!: number;
  @ApiProperty({ example: 41481 }) totalDkk!: number;
  @ApiProperty({ example: 0, description: "Cases closed in the period that are not settled yet: their house's tariff for the year is not set" })
  closedAwaitingTariff!: number;
}
