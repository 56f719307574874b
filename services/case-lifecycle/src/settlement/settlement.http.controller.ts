import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, municipalityScopeOf, type Principal } from '@sagsspor/auth';
import { Access, Caller, validationProblem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { SettlementQuery, SettlementStatementResponse } from './settlement.request.dto';
import { SettlementsRepository } from './settlements.repository';

const sumDkk = (amounts: number[]) => Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100;

@ApiTags('settlements')
@Controller('v1/settlements')
export class SettlementHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settlements: SettlementsRepository,
  ) {}

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
    const manager = this.dataSource.manager;
    const header = { ...(scope.municipalityCode ? { municipalityCode: scope.municipalityCode } : {}), ...(scope.houseCode ? { houseCode: scope.houseCode } : {}) };
    if (query.month) {
      const lines = await this.settlements.linesOf(manager, query.month, scope);
      const closedAwaitingTariff = await this.settlements.awaitingTariff(manager, query.month, scope);
      return { month: query.month, ...header, lines, caseCount: lines.length, totalDkk: sumDkk(lines.map((l) => l.amountDkk)), closedAwaitingTariff };
    }
    const year = query.year!;
    const months = await this.settlements.monthsOf(manager, year, scope);
    const closedAwaitingTariff = await this.settlements.awaitingTariff(manager, String(year), scope);
    return {
      year,
      ...header,
      months,
      caseCount: months.reduce((n, m) => n + m.caseCount, 0),
      totalDkk: sumDkk(months.map((m) => m.totalDkk)),
      closedAwaitingTariff,
    };
  }
}
