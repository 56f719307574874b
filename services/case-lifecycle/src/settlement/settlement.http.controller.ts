import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { Access, Caller, validationProblem } from '@sagsspor/platform';
import { SettlementStatementQuery } from './settlement.query';
import { SettlementQuery, SettlementStatementResponse } from './settlement.request.dto';

@ApiTags('settlements')
@Controller('v1/settlements')
export class SettlementHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access({
    municipality: { in: 'query', field: 'municipality', optional: true },
    boernehus: { in: 'query', field: 'house', optional: true },
    ops: { in: 'query', field: 'house', optional: true },
    admin: 'any',
  })
  @ApiOkResponse({ type: SettlementStatementResponse, description: 'The settlement statement of a month (lines and total), or of a year (by month)' })
  @ApiBadRequestResponse({ description: 'problem+json: give month or year (not both), and valid codes' })
  async statement(@Query() query: SettlementQuery, @Caller() caller: Principal): Promise<SettlementStatementResponse> {
    if ((query.month === undefined) === (query.year === undefined)) {
      const message = 'give either month (YYYY-MM) or year (YYYY), not both';
      throw validationProblem(query.month ? [{ field: 'year', message }] : [{ field: 'month', message }, { field: 'year', message }]);
    }
    const scope = { municipalityCode: municipalityScopeOf(caller, query.municipality), houseCode: houseScopeOf(caller, query.house) };
    return this.queryBus.execute(new SettlementStatementQuery(query.month ? { month: query.month } : { year: query.year! }, scope));
  }
}
