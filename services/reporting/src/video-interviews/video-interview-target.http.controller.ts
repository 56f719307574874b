import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK } from '@sagsspor/platform';
import { policeDistricts } from '@sagsspor/reference-data';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseFilterQuery, periodOf } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetVideoInterviewTarget } from './video-interview-target.query';

const districtCodes = policeDistricts.map((d) => d.code);

export class VideoInterviewTargetQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ enum: districtCodes, description: 'Only this police district (reference data)' })
  @IsOptional()
  @IsIn(districtCodes, { message: `policeDistrict must be one of ${districtCodes.join(', ')}` })
  policeDistrict?: string;
}

@ApiTags('reports')
@Controller('v1/reports/video-interview-target')
export class VideoInterviewTargetHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, "The police's 7-day target (video interview within 7 days of the police report) by police district and month: interviews, within target, late, median days from report")
  async report(@Query() query: VideoInterviewTargetQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const house = houseScopeOf(caller, query.house);
    return answer(request, response, query, await this.queryBus.execute(new GetVideoInterviewTarget(period, house, query.policeDistrict)));
  }
}
