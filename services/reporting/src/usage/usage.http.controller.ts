import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiPropertyOptional, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { FIRST_YEAR, invalidParameter, ReportFormatQuery, today } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetUsageReport } from './usage.query';

const regionCodes = ['1081', '1082', '1083', '1084', '1085'];

export class UsageQuery extends ReportFormatQuery {
  @ApiProperty({ example: 2017, description: 'Cases closed in this calendar year, against FOLK1A <year>K1' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2017' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2017' })
  year!: number;

  @ApiPropertyOptional({ enum: ['municipality', 'region', 'house'], default: 'municipality' })
  @IsOptional()
  @IsIn(['municipality', 'region', 'house'], { message: 'groupBy must be one of municipality, region, house' })
  groupBy?: 'municipality' | 'region' | 'house';

  @ApiPropertyOptional({ enum: ['region', 'national'], default: 'region', description: "Expected cases of a municipality from its region's rate (default) or the national rate" })
  @IsOptional()
  @IsIn(['region', 'national'])
  basis?: 'region' | 'national';

  @ApiPropertyOptional({ enum: regionCodes, description: 'Only this region (municipalities of it and its total; or its row)' })
  @IsOptional()
  @IsIn(regionCodes, { message: `region must be one of ${regionCodes.join(', ')}` })
  region?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: "Only this house (municipalities it is the default house of; or its row)" })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, example: 1, description: 'Show this publication of the year (frozen, see GET /v1/publications) instead of the live table' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'publication must be a publication number, e.g. 1' })
  @Min(1, { message: 'publication must be a publication number from 1 to 10000' })
  @Max(10_000, { message: 'publication must be a publication number from 1 to 10000' })
  publication?: number;
}

@ApiTags('reports')
@Controller('v1/reports/usage')
export class UsageHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Suppressed, published-grade figures: every role that reads reports sees the whole table.
  @ReportEndpoint({ ops: 'any', boernehus: 'any', municipality: 'any', admin: 'any' }, 'One row per municipality (with region totals), region (with the national total) or house (with the national total)', 'A bad parameter (year, groupBy, basis, region, house), named in the answer')
  @ApiUnprocessableEntityResponse({ description: "The year's population (FOLK1A) has not been imported" })
  @ApiNotFoundResponse({ description: 'No such publication of the year' })
  async usage(@Query() query: UsageQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    if (query.year > Number(today(this.clock).slice(0, 4))) throw invalidParameter('year', `${query.year} has not begun`);
    const groupBy = query.groupBy ?? 'municipality';
    const basis = query.basis ?? 'region';
    return answer(request, response, query, await this.queryBus.execute(new GetUsageReport(query.year, groupBy, basis, query.region, query.house, query.publication)));
  }
}
