import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { SettlementStatementResponse } from './settlement.request.dto';
import { type SettlementScope, SettlementsRepository } from './settlements.repository';

const sumDkk = (amounts: number[]) => Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100;

/** The settlement statement of a month (lines and total) or of a year (by month), within a municipality's or house's scope. */
export class SettlementStatementQuery extends Query<SettlementStatementResponse> {
  constructor(
    readonly period: { month: string } | { year: number },
    readonly scope: SettlementScope,
  ) {
    super();
  }
}

@QueryHandler(SettlementStatementQuery)
export class SettlementStatementQueryHandler implements IQueryHandler<SettlementStatementQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settlements: SettlementsRepository,
  ) {}

  async execute({ period, scope }: SettlementStatementQuery): Promise<SettlementStatementResponse> {
    const manager = this.dataSource.manager;
    const header = { ...(scope.municipalityCode ? { municipalityCode: scope.municipalityCode } : {}), ...(scope.houseCode ? { houseCode: scope.houseCode } : {}) };
    if ('month' in period) {
      const { month } = period;
      const lines = await this.settlements.linesOf(manager, month, scope);
      const closedAwaitingTariff = await this.settlements.awaitingTariff(manager, month, scope);
      return { month, ...header, lines, caseCount: lines.length, totalDkk: sumDkk(lines.map((l) => l.amountDkk)), closedAwaitingTariff };
    }
    const { year } = period;
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
