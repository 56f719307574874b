import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK, FIRST_YEAR, LAST_YEAR } from '@sagsspor/platform';
import { houseCodes } from '@sagsspor/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseFilterQuery, invalidParameter, periodOf, ReportFormatQuery, today } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetClosedCasesSeries } from './annual-statistics-series.query';
import { GetAnnualStatistics } from './annual-statistics.query';

@ApiTags('reports')
@Controller('v1/reports/annual-statistics')
export class AnnualStatisticsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, 'The tables of the annual statistics for the cases closed in the period (CSV: one row per table cell)')
  async report(@Query() query: HouseFilterQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock);
    const house = houseScopeOf(caller, query.house) ?? null;
    return answer(request, response, query, await this.queryBus.execute(new GetAnnualStatistics(period, house)));
  }
}

/** At most this many years in one series. */
const MAX_SERIES_YEARS = 50;

export class ClosedCasesSeriesQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ example: 2014, description: `First year (default ${FIRST_YEAR})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromYear must be a whole year, e.g. 2014' })
  @Min(FIRST_YEAR, { message: `fromYear must be ${FIRST_YEAR} or later (the houses opened in October ${FIRST_YEAR})` })
  @Max(LAST_YEAR, { message: 'fromYear must be a year, e.g. 2014' })
  fromYear?: number;

  @ApiPropertyOptional({ example: 2017, description: 'Last year (default the current year, counted so far)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'toYear must be a whole year, e.g. 2017' })
  @Min(FIRST_YEAR, { message: `toYear must be ${FIRST_YEAR} or later` })
  @Max(LAST_YEAR, { message: 'toYear must be a year, e.g. 2017' })
  toYear?: number;

  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

@ApiTags('reports')
@Controller('v1/reports/annual-statistics/series')
export class ClosedCasesSeriesHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, 'The multi-year series of the annual statistics: closed cases per house and calendar year, with the change from the first to the last year')
  async report(@Query() query: ClosedCasesSeriesQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const currentYear = Number(today(this.clock).slice(0, 4));
    const fromYear = query.fromYear ?? FIRST_YEAR;
    const toYear = query.toYear ?? currentYear;
    if (toYear > currentYear) throw invalidParameter('toYear', `${toYear} has not begun`);
    if (fromYear > toYear) throw invalidParameter('toYear', `toYear (${toYear}) is before fromYear (${fromYear})`);
    if (toYear - fromYear + 1 > MAX_SERIES_YEARS) throw invalidParameter('fromYear', `at most ${MAX_SERIES_YEARS} years in one series`);
    const house = houseScopeOf(caller, query.house) ?? null;
    return answer(request, response, query, await this.queryBus.execute(new GetClosedCasesSeries(fromYear, toYear, house, currentYear)));
  }
}
