import { ApiPropertyOptional } from '@nestjs/swagger';
import { addDays, copenhagenDate } from '@sagsspor/calendar';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { FIRST_YEAR, IsCalendarDate, LAST_YEAR, problem } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export { FIRST_YEAR } from '@sagsspor/platform';

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Answer as CSV (also with `Accept: text/csv`); JSON by default' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ enum: ['en', 'da'], description: 'CSV dialect: `da` = semicolon, decimal comma, UTF-8 BOM and Danish headings (opens in a Danish Excel)' })
  @IsOptional()
  @IsIn(['en', 'da'])
  locale?: 'en' | 'da';
}

export class ReportPeriodQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ example: 2024, description: 'A calendar year; or give from and to' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2024' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later (the houses opened in October ${FIRST_YEAR})` })
  @Max(LAST_YEAR, { message: 'year must be a year, e.g. 2024' })
  year?: number;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'First day of the period (with to; instead of year)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-10-31', description: 'Last day of the period, inclusive (with from)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class HouseFilterQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

export interface Period {
  from: string;
  to: string;
}

export function invalidParameter(name: string, message: string) {
  return problem(400, 'REPORT.INVALID_PARAMETER', 'The request is invalid', `${name}: ${message}`, [{ field: name, message }]);
}

export const today = (clock: Clock) => copenhagenDate(clock());

/** The period asked for: a whole year, or from..to (both, from ≤ to); a year that has not begun is refused. */
export function periodOf(query: ReportPeriodQuery, clock: Clock, options: { defaultToCurrentYear?: boolean } = {}): Period {
  const now = today(clock);
  if (query.year !== undefined) {
    if (query.from || query.to) throw invalidParameter('year', 'give either year or from and to, not both');
    if (query.year > Number(now.slice(0, 4))) throw invalidParameter('year', `${query.year} has not begun`);
    return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  }
  if (query.from || query.to) {
    if (!query.from) throw invalidParameter('from', 'from is required with to');
    if (!query.to) throw invalidParameter('to', 'to is required with from');
    if (query.from > query.to) throw invalidParameter('to', `to (${query.to}) is before from (${query.from})`);
    if (query.from > now) throw invalidParameter('from', `${query.from} is in the future`);
    return { from: query.from, to: query.to };
  }
  if (options.defaultToCurrentYear) return { from: `${now.slice(0, 4)}-01-01`, to: `${now.slice(0, 4)}-12-31` };
  throw invalidParameter('year', 'give year, or from and to');
}

/** The day after a period, for half-open SQL ranges on dates. */
export const dayAfter = (period: Period) => addDays(period.to, 1);
