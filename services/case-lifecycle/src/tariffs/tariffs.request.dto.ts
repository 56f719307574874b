import { type PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { type HouseCode, houseCodes } from '@sagsspor/contracts';
import { FIRST_YEAR, type FieldProblem, flattenValidationErrors, IsBoundedInt, LAST_YEAR, validationProblem } from '@sagsspor/platform';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsPositive, Max, validateSync } from 'class-validator';

export class TariffEntryRequest {
  @ApiProperty({ enum: houseCodes, example: 'midt' })
  @IsIn(houseCodes)
  houseCode!: HouseCode;

  @ApiProperty({ example: 13827, description: 'The tariff per case in DKK (at most 2 decimals)' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1_000_000)
  dkkPerCase!: number;
}

/** Validates the JSON list a tariff PUT sends (the global pipe leaves arrays alone), naming each bad entry. */
export class TariffListPipe implements PipeTransform<unknown, TariffEntryRequest[]> {
  transform(value: unknown): TariffEntryRequest[] {
    if (!Array.isArray(value) || value.length === 0) {
      throw validationProblem([{ field: '(body)', message: 'the body must be a non-empty JSON list of {houseCode, dkkPerCase}' }]);
    }
    const problems: FieldProblem[] = [];
    const entries = value.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ field: `[${i}]`, message: 'each entry must be an object {houseCode, dkkPerCase}' });
        return undefined;
      }
      const entry = plainToInstance(TariffEntryRequest, item);
      problems.push(...flattenValidationErrors(validateSync(entry, { whitelist: true, forbidNonWhitelisted: true }), `[${i}]`));
      return entry;
    });
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      if (!entry?.houseCode) return;
      if (seen.has(entry.houseCode)) problems.push({ field: `[${i}].houseCode`, message: `houseCode ${entry.houseCode} is listed more than once` });
      seen.add(entry.houseCode);
    });
    if (problems.length > 0) throw validationProblem(problems);
    return entries as TariffEntryRequest[];
  }
}

export class TariffsQuery {
  @ApiProperty({ required: false, example: 2025, description: 'Only this year' })
  @IsOptional()
  @IsBoundedInt(FIRST_YEAR, LAST_YEAR, { message: `year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}, such as 2025` })
  year?: number;
}

export class TariffResponse {
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ example: 13827 }) dkkPerCase!: number;
  @ApiProperty({ example: 2, description: 'Increases each time the value changes; every version is kept' }) version!: number;
  @ApiProperty({ enum: ['reference-data', 'api'], description: 'The reference data shipped with the service, or an administrator (PUT)' }) source!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TariffChangeResponse {
  @ApiProperty({ enum: houseCodes }) houseCode!: string;
  @ApiProperty() version!: number;
}

export class TariffYearResponse {
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ type: [TariffResponse], maxItems: houseCodes.length }) tariffs!: TariffResponse[];
  @ApiProperty({ type: [TariffChangeResponse], maxItems: houseCodes.length, description: 'The houses whose tariff this request changed' }) changed!: TariffChangeResponse[];
  @ApiProperty({ description: 'Closed cases that waited for one of the changed tariffs and are now being settled' }) casesToSettle!: number;
}
