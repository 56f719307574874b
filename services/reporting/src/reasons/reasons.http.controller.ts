import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal, tenantClaimOf } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK, IsKnownMunicipality } from '@sagsspor/platform';
import { IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { HouseFilterQuery, periodOf } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { GetBeforeReferral } from './before-referral.query';
import { GetCaseEndReasons } from './case-end-reasons.query';

export class ReasonsReportQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ example: '751', description: 'Only this municipality (a municipality caller always sees only its own)' })
  @IsOptional()
  @IsKnownMunicipality()
  municipality?: string;
}

/** Municipalities read their own; houses and ops their house (or all, for national ops); admin all. */
const READERS = { ...HOUSE_SCOPED_READERS, municipality: { in: 'query', field: 'municipality', optional: true } } as const;

@ApiTags('reports')
@Controller('v1/reports/before-referral')
export class BeforeReferralHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(
    READERS,
    'Underretninger about suspected abuse by municipality and month: with a § 11 preventive measure instead of a § 20 investigation, with the police only consulted, and why the child was not referred (ADR 0074). Suppressed beyond the municipality itself.',
  )
  async beforeReferral(@Query() query: ReasonsReportQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const ownMunicipality = tenantClaimOf(caller)?.kind === 'municipality' ? municipalityScopeOf(caller) : undefined;
    const scope = ownMunicipality ? { ownMunicipality } : { house: houseScopeOf(caller, query.house), municipality: query.municipality };
    return answer(request, response, query, await this.queryBus.execute(new GetBeforeReferral(period, scope)));
  }

}

@ApiTags('reports')
@Controller('v1/reports/case-end-reasons')
export class CaseEndReasonsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ReportEndpoint(READERS, 'Cases closed as interrupted or withdrawn by house, closing year and end reason (ADR 0074)')
  async caseEndReasons(@Query() query: ReasonsReportQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    return answer(request, response, query, await this.queryBus.execute(new GetCaseEndReasons(period, houseScopeOf(caller, query.house), municipalityScopeOf(caller, query.municipality))));
  }
}
