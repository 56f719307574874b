import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK, IsCalendarDate } from '@sagsspor/platform';
import { IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseAndMunicipalityFilterQuery, MUNICIPALITY_SCOPED_READERS } from '../reports/municipality-scope';
import { invalidParameter, periodOf, today } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetLeadTimes, GetLeadTimeTrend } from './lead-times.query';
import { MAX_TREND_MONTHS, monthsTouched } from './lead-times.report';

export class LeadTimesQuery extends HouseAndMunicipalityFilterQuery {
  @ApiPropertyOptional({ example: '2025-11-04', description: 'The day open cases are aged at (default: today, Europe/Copenhagen)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

@ApiTags('reports')
@Controller('v1/reports/lead-times')
export class LeadTimesHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(MUNICIPALITY_SCOPED_READERS, "For all houses in scope, then each house: closed-case lead times, open cases by age and deadline (90 and 120 days, the municipality's § 20 deadline), waiting time referral → opened; `municipality` limits it to that municipality's cases (a municipality caller: always its own)")
  async leadTimes(@Query() query: LeadTimesQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const asOf = query.asOf ?? today(this.clock);
    if (asOf > today(this.clock)) throw invalidParameter('asOf', `${asOf} is in the future`);
    const house = houseScopeOf(caller, query.house);
    const municipality = municipalityScopeOf(caller, query.municipality);
    return answer(request, response, query, await this.queryBus.execute(new GetLeadTimes(period, asOf, house, municipality)));
  }
}

@ApiTags('reports')
@Controller('v1/reports/lead-times/trend')
export class LeadTimeTrendHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(
    MUNICIPALITY_SCOPED_READERS,
    `The closed-case lead times of each month of the period (at most ${MAX_TREND_MONTHS} months; the first and last cut to the period, months not yet begun left out), for the houses in scope: in one request what GET /v1/reports/lead-times answers per month`,
  )
  async trend(@Query() query: HouseAndMunicipalityFilterQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    if (monthsTouched(period) > MAX_TREND_MONTHS) throw invalidParameter('to', `a trend covers at most ${MAX_TREND_MONTHS} months (10 years); ${period.from}..${period.to} touches ${monthsTouched(period)}`);
    const house = houseScopeOf(caller, query.house);
    const municipality = municipalityScopeOf(caller, query.municipality);
    return answer(request, response, query, await this.queryBus.execute(new GetLeadTimeTrend(period, house, today(this.clock), municipality)));
  }
}
