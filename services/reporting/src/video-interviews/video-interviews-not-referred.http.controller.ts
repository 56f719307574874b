import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK } from '@sagsspor/platform';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseAndMunicipalityFilterQuery, MUNICIPALITY_SCOPED_READERS } from '../reports/municipality-scope';
import { periodOf, today } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetVideoInterviewsNotReferred } from './video-interviews-not-referred.query';
import type { VideoInterviewGroupBy } from './video-interviews-not-referred.report';

const groupings = ['month', 'house', 'municipality', 'policeDistrict'];

export class VideoInterviewsQuery extends HouseAndMunicipalityFilterQuery {
  @ApiPropertyOptional({ enum: groupings, default: 'month' })
  @IsOptional()
  @IsIn(groupings, { message: `groupBy must be one of ${groupings.join(', ')}` })
  groupBy?: VideoInterviewGroupBy;
}

@ApiTags('reports')
@Controller('v1/reports/video-interviews-not-referred')
export class VideoInterviewsNotReferredHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(MUNICIPALITY_SCOPED_READERS, "Video interviews conducted in the period, by group: referred, not referred (final), not referred (window still open); `municipality` limits it to that municipality's children (a municipality caller: always its own)")
  async report(@Query() query: VideoInterviewsQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const groupBy = query.groupBy ?? 'month';
    const house = houseScopeOf(caller, query.house);
    const municipality = municipalityScopeOf(caller, query.municipality);
    return answer(request, response, query, await this.queryBus.execute(new GetVideoInterviewsNotReferred(period, groupBy, house, today(this.clock), municipality)));
  }
}
