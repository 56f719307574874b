import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK, IsKnownMunicipality } from '@sagsspor/platform';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseFilterQuery, periodOf } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetMandatoryReferralGaps } from './mandatory-referral-gaps.query';
import type { GapGroupBy } from './mandatory-referral-gaps.report';

const groupings = ['municipality', 'house', 'month'];

export class MandatoryReferralGapsQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ enum: groupings, default: 'municipality' })
  @IsOptional()
  @IsIn(groupings, { message: `groupBy must be one of ${groupings.join(', ')}` })
  groupBy?: GapGroupBy;

  @ApiPropertyOptional({ example: '751', description: 'Only this municipality (a municipality caller always sees only its own)' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;
}

@ApiTags('reports')
@Controller('v1/reports/mandatory-referral-gaps')
export class MandatoryReferralGapsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint({ ...HOUSE_SCOPED_READERS, municipality: { in: 'query', field: 'municipality', optional: true } }, 'Gaps opened in the period (criteria met, no referral in time): still open and closed late, by group')
  async report(@Query() query: MandatoryReferralGapsQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const groupBy = query.groupBy ?? 'municipality';
    const house = houseScopeOf(caller, query.house);
    const municipality = municipalityScopeOf(caller, query.municipality);
    return answer(request, response, query, await this.queryBus.execute(new GetMandatoryReferralGaps(period, groupBy, house, municipality)));
  }
}
