import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { type MonthStatement, monthStatement, type SettlementLine } from './domain/settlement-statement';
import { referenceNames } from '../reports/reference-rows';

export interface SettlementStatement {
  statement: MonthStatement;
  /** For the printable page's heading. */
  houseNames: ReadonlyMap<string, string>;
}

/** The month's settlement statement per paying municipality (one or all), of one house's cases or all. */
export class GetSettlementStatement extends Query<SettlementStatement> {
  constructor(
    /** YYYY-MM: the month the cases were settled in. */
    readonly month: string,
    readonly municipalityCode: string | undefined,
    readonly houseCode: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetSettlementStatement)
export class GetSettlementStatementHandler implements IQueryHandler<GetSettlementStatement> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ month, municipalityCode, houseCode }: GetSettlementStatement): Promise<SettlementStatement> {
    const params = [month, municipalityCode ?? null, houseCode ?? null];
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      lines: (await m.query(
        `SELECT case_id AS "caseId", municipality_code AS "municipalityCode", house_code AS "houseCode", closed_at::text AS "closedAt", outcome,
                tariff_year AS "tariffYear", amount_dkk::float8 AS "amountDkk", revision
           FROM case_settlements WHERE settlement_month = $1 AND ($2::text IS NULL OR municipality_code = $2) AND ($3::text IS NULL OR house_code = $3)`,
        params,
      )) as SettlementLine[],
      closedNotSettled: (
        (await m.query(
          `SELECT count(*)::int AS n FROM case_closures c LEFT JOIN case_settlements s ON s.case_id = c.case_id AND s.settlement_month = $1
            WHERE to_char(c.closed_at, 'YYYY-MM') = $1 AND s.case_id IS NULL AND ($2::text IS NULL OR c.municipality_code = $2) AND ($3::text IS NULL OR c.house_code = $3)`,
          params,
        )) as { n: number }[]
      )[0].n,
    }));
    const statement = monthStatement({ month, houseCode, municipalityCode, lines: data.lines, municipalityNames: referenceNames, closedNotSettled: data.closedNotSettled });
    return { statement, houseNames: referenceNames };
  }
}
