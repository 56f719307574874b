import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { Access, Caller } from '@sagsspor/platform';
import { ListCasesQuery } from './case-list.query';
import { CaseListQuery, CaseListResponse } from './case-list.request.dto';

@ApiTags('cases')
@Controller('v1/cases')
export class CaseListHttpController {
  constructor(private readonly queryBus: QueryBus) {}

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
    const { items, total } = await this.queryBus.execute(
      new ListCasesQuery({
        statuses: query.status,
        houseCode: houseScopeOf(caller, query.house),
        municipalityCode: municipalityScopeOf(caller, query.municipality),
        minAgeDays: query.minAgeDays,
        maxAgeDays: query.maxAgeDays,
        page: query.page,
        pageSize: query.pageSize,
      }),
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
