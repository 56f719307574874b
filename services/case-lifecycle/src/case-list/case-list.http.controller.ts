import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { copenhagenDate } from '@sagsspor/calendar';
import type { Clock } from '@sagsspor/domain';
import { Access, Caller, CLOCK } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { CaseListQuery, CaseListResponse } from './case-list.request.dto';
import { CaseListRepository } from './case-list.repository';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseListHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseList: CaseListRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Access({
    boernehus: { in: 'query', field: 'house', optional: true },
    ops: { in: 'query', field: 'house', optional: true },
    municipality: { in: 'query', field: 'municipality', optional: true },
    admin: 'any',
  })
  @ApiOkResponse({ type: CaseListResponse, description: "A page of cases: a house sees its own, a municipality its own, ops and admin all (or one house's)" })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad filter' })
  async list(@Query() query: CaseListQuery, @Caller() caller: Principal): Promise<CaseListResponse> {
    const { items, total } = await this.caseList.page(this.dataSource.manager, {
      statuses: query.status,
      houseCode: houseScopeOf(caller, query.house),
      municipalityCode: municipalityScopeOf(caller, query.municipality),
      minAgeDays: query.minAgeDays,
      maxAgeDays: query.maxAgeDays,
      today: copenhagenDate(this.clock()),
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
