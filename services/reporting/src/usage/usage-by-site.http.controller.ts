import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { FIRST_YEAR, invalidParameter, ReportFormatQuery, today } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetUsageBySite } from './usage-by-site.query';

export class UsageBySiteQuery extends ReportFormatQuery {
  @ApiProperty({ example: 2025, description: 'Cases closed in this calendar year' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2025' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2025' })
  year!: number;

  @ApiPropertyOptional({ enum: houseCodes, description: 'Only the sites of this house' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

@ApiTags('reports')
@Controller('v1/reports/usage/sites')
export class UsageBySiteHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Suppressed as the usage table is: every role that reads the usage report reads this (ADR 0075).
  @ReportEndpoint({ ops: 'any', boernehus: 'any', municipality: 'any', admin: 'any' }, "The usage report's closed cases of the year per site of each house (Syd's three houses, Midt's Aarhus and Herning, ...), adding up to the house's count, suppressed with it", 'A bad parameter (year, house), named in the answer')
  @ApiUnprocessableEntityResponse({ description: "The year's population (FOLK1A) has not been imported (the houses' suppression is decided on the usage table)" })
  async bySite(@Query() query: UsageBySiteQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (query.year > Number(today(this.clock).slice(0, 4))) throw invalidParameter('year', `${query.year} has not begun`);
    return answer(request, response, query, await this.queryBus.execute(new GetUsageBySite(query.year, query.house)));
  }
}
