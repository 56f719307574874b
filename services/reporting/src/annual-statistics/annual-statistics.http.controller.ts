import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK } from '@sagsspor/platform';
import type { Request, Response } from 'express';
import { HouseFilterQuery, periodOf } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
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
