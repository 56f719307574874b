import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiForbiddenResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { daysBetween } from '@sagsspor/calendar';
import { houseCodes } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK, FIRST_YEAR, IsCalendarDate, IsKnownMunicipality, LAST_YEAR, problem } from '@sagsspor/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseFilterQuery, invalidParameter, periodOf, ReportFormatQuery, today } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetReferralsReport, GetReferralsYearToDate } from './referrals.query';
import type { ReferralGroupBy } from './referrals.report';

const groupings = ['municipality', 'region', 'house', 'month'];
const regionCodes = ['1081', '1082', '1083', '1084', '1085'];
/** The longest period one request covers: five years (Midt's charts span 1.1.2019 – 1.11.2021). */
export const MAX_REFERRAL_PERIOD_DAYS = 1827;

export class ReferralsQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ enum: groupings, default: 'municipality', description: 'Rows per municipality (with region totals and the nation), region, house or month' })
  @IsOptional()
  @IsIn(groupings, { message: `groupBy must be one of ${groupings.join(', ')}` })
  groupBy?: ReferralGroupBy;

  @ApiPropertyOptional({ example: '751', description: 'Only this municipality (a municipality caller always sees only its own)' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;

  @ApiPropertyOptional({ enum: regionCodes, description: 'Only this region (its municipalities and its total; or its row)' })
  @IsOptional()
  @IsIn(regionCodes, { message: `region must be one of ${regionCodes.join(', ')}` })
  region?: string;
}

export class ReferralsYearToDateQuery extends ReportFormatQuery {
  @ApiPropertyOptional({ example: 2021, description: 'The year (default: this year)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year, e.g. 2021' })
  @Min(FIRST_YEAR, { message: `year must be ${FIRST_YEAR} or later` })
  @Max(LAST_YEAR, { message: 'year must be a year, e.g. 2021' })
  year?: number;

  @ApiPropertyOptional({ example: '2021-06-30', description: 'Count up to and including this day of the year (default: today, or 31 December of a past year)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: houseCodes, description: 'Only this house (a house-bound caller always sees only its own)' })
  @IsOptional()
  @IsIn(houseCodes)
  house?: string;
}

@ApiTags('reports')
@Controller('v1/reports/referrals')
export class ReferralsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(
    { ...HOUSE_SCOPED_READERS, municipality: { in: 'query', field: 'municipality', optional: true } },
    `Referrals counted on their referral date in the period (year, or from/to; default this year to date; at most ${MAX_REFERRAL_PERIOD_DAYS} days; cut at today), by municipality, region, house or month, with expected referrals and actual/expected`,
    'A bad parameter (year, from, to, groupBy, municipality, region, house), named in the answer',
  )
  @ApiForbiddenResponse({ description: 'Another house or municipality than the caller’s own; a municipality asking for regions or houses' })
  async report(@Query() query: ReferralsQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const now = today(this.clock);
    const asked = query.year === undefined && !query.from && !query.to ? { from: `${now.slice(0, 4)}-01-01`, to: now } : periodOf(query, this.clock);
    const period = { from: asked.from, to: asked.to > now ? now : asked.to };
    if (daysBetween(period.from, period.to) + 1 > MAX_REFERRAL_PERIOD_DAYS) throw invalidParameter('to', `a period covers at most ${MAX_REFERRAL_PERIOD_DAYS} days (five years); ${period.from}..${period.to} has ${daysBetween(period.from, period.to) + 1}`);
    const groupBy = query.groupBy ?? 'municipality';
    const ownMunicipality = municipalityScopeOf(caller, undefined);
    if (ownMunicipality && (groupBy === 'region' || groupBy === 'house' || query.region || query.house)) {
      throw problem(403, 'AUTH.OTHER_TENANT', 'Forbidden', 'A municipality sees its own referrals only: by municipality or by month, without region or house.');
    }
    const filter = { municipality: municipalityScopeOf(caller, query.municipality), region: query.region, house: houseScopeOf(caller, query.house) };
    return answer(request, response, query, await this.queryBus.execute(new GetReferralsReport(period, groupBy, filter, !ownMunicipality, asked.to > now ? asked.to : undefined)));
  }
}

@ApiTags('reports')
@Controller('v1/reports/referrals/year-to-date')
export class ReferralsYearToDateHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, "Per house (and the nation): referrals from 1 January to asOf against the budget's expected cases for the year, flat over the days", 'A bad parameter (year, asOf, house), named in the answer')
  async yearToDate(@Query() query: ReferralsYearToDateQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const now = today(this.clock);
    const year = query.year ?? Number(now.slice(0, 4));
    if (year > Number(now.slice(0, 4))) throw invalidParameter('year', `${year} has not begun`);
    const asOf = query.asOf ?? (year === Number(now.slice(0, 4)) ? now : `${year}-12-31`);
    if (asOf.slice(0, 4) !== String(year)) throw invalidParameter('asOf', `asOf (${asOf}) must be a day of ${year}`);
    if (asOf > now) throw invalidParameter('asOf', `${asOf} is in the future`);
    return answer(request, response, query, await this.queryBus.execute(new GetReferralsYearToDate(year, asOf, houseScopeOf(caller, query.house))));
  }
}
