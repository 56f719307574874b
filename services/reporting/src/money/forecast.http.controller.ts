import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { FIRST_YEAR, invalidParameter, ReportFormatQuery, today } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetForecast, GetForecastBacktest } from './forecast.query';

export class ForecastQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;

  @ApiPropertyOptional({ example: 2026, description: 'The year to forecast (default: next year); at most next year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2026' })
  @Min(FIRST_YEAR + 1, { message: `year must be ${FIRST_YEAR + 1} or later` })
  @Max(2100, { message: 'year must be a year, e.g. 2026' })
  year?: number;
}

export class BacktestQuery {
  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

/** The month before today's (Europe/Copenhagen): the last whole month of history. */
function lastCompleteMonth(clock: Clock): string {
  const [y, m] = today(clock).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

@ApiTags('reports')
@Controller('v1/reports/forecast')
export class ForecastHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, "Next year's (or the given year's) expected closed cases per house and per municipality, with a 95 % prediction interval, last year's actuals and the backtest of the method")
  async forecast(@Query() query: ForecastQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const thisYear = Number(today(this.clock).slice(0, 4));
    const year = query.year ?? thisYear + 1;
    if (year > thisYear + 1) throw invalidParameter('year', `forecasts reach one year ahead: at most ${thisYear + 1}`);
    const house = houseScopeOf(caller, query.house);
    // A forecast uses only the history before its year.
    const lastMonth = lastCompleteMonth(this.clock);
    const through = lastMonth < `${year}-01` ? lastMonth : `${year - 1}-12`;
    return answer(request, response, query, await this.queryBus.execute(new GetForecast(year, through, house)));
  }

  @Get('backtest')
  @Access(HOUSE_SCOPED_READERS)
  @ApiOkResponse({ description: 'The forecast method run on every past year from the years before it, per house and for all houses together: forecast, actual, error, MAE and MAPE (and the naive "same as last year" for comparison), and how often the 95 % interval held' })
  @ApiBadRequestResponse({ description: 'A bad parameter, named in the answer' })
  backtest(@Query() query: BacktestQuery, @Caller() caller: Principal) {
    const house = houseScopeOf(caller, query.house);
    return this.queryBus.execute(new GetForecastBacktest(lastCompleteMonth(this.clock), house));
  }
}
