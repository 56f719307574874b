import { Controller, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import { houseCodes } from '@sagsspor/contracts';
import { Caller } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { FIRST_YEAR, ReportFormatQuery } from '../reports/report-query';
import { ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetFinancing } from './financing.query';

export class FinancingQuery extends ReportFormatQuery {
  @ApiProperty({ example: 2022, description: 'The budget year' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2022' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2022' })
  year!: number;

  @ApiProperty({ enum: houseCodes, example: 'midt', description: 'The house (a house user: its own)' })
  @IsIn(houseCodes, { message: `house must be one of ${houseCodes.join(', ')}` })
  house!: string;

  @ApiPropertyOptional({ example: 440, description: "What-if: the expected case count to set the tariff against (default: the one stored with the year's budget)" })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'expectedCases must be a whole number of cases, e.g. 440' })
  @Min(1, { message: 'expectedCases must be at least 1' })
  @Max(100_000, { message: 'expectedCases must be at most 100000' })
  expectedCases?: number;

  @ApiPropertyOptional({ example: 2021, description: 'The FOLK1A year the objective financing is split by (default: the budget year; a budget is often set before FOLK1A <year>K1 is out)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'populationYear must be a whole year, e.g. 2021' })
  @Min(FIRST_YEAR, { message: `populationYear must be ${FIRST_YEAR} or later` })
  @Max(2100, { message: 'populationYear must be a year, e.g. 2021' })
  populationYear?: number;
}

@ApiTags('reports')
@Controller('v1/reports/financing')
export class FinancingHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ReportEndpoint({ municipality: 'any', boernehus: { in: 'query', field: 'house' }, ops: 'any', admin: 'any' }, "The house's financing for the year: tariff per case (40 % of the budget over the expected cases) and the objective financing (60 %) per municipality of its region by children aged 0-17. CSV: the municipalities.")
  @ApiUnprocessableEntityResponse({ description: 'The budget, the expected case count or the population (FOLK1A) for the year is missing: the answer names what and how to add it' })
  async financing(@Query() query: FinancingQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const houseCode = houseScopeOf(caller, query.house)!;
    return answer(request, response, query, await this.queryBus.execute(new GetFinancing(query.year, houseCode, query.expectedCases, query.populationYear)));
  }
}
