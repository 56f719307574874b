import { Injectable } from '@nestjs/common';
import type { CaseOutcome } from '@sagsspor/contracts';
import type { EntityManager } from 'typeorm';
import type { CaseRef, CaseSettlement } from '../case/case.events';

export interface SettlementScope {
  municipalityCode?: string;
  houseCode?: string;
}

export interface SettlementLine {
  caseId: string;
  municipalityCode: string;
  houseCode: string;
  closedAt: string;
  outcome: CaseOutcome;
  tariffYear: number;
  amountDkk: number;
  revision: number;
}

export interface MonthTotal {
  month: string;
  caseCount: number;
  totalDkk: number;
}

type LineRow = { case_id: string; municipality_code: string; house_code: string; closed_at: string; outcome: CaseOutcome; tariff_year: number; amount_dkk: string; revision: number };

/** The settled cases (one row per case, its latest settlement), written in the transaction of CaseSettled. */
@Injectable()
export class SettlementsRepository {
  async record(manager: EntityManager, settled: CaseRef & CaseSettlement): Promise<void> {
    await manager.query(
      `INSERT INTO settlements (case_id, municipality_code, house_code, outcome, closed_at, settlement_month, tariff_year, amount_dkk, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET outcome = excluded.outcome, closed_at = excluded.closed_at, settlement_month = excluded.settlement_month,
         tariff_year = excluded.tariff_year, amount_dkk = excluded.amount_dkk, revision = excluded.revision
       WHERE settlements.revision < excluded.revision`,
      [settled.caseId, settled.municipalityCode, settled.houseCode, settled.outcome, settled.closedAt, settled.settlementMonth, settled.tariffYear, settled.amountDkk, settled.revision],
    );
  }

  async linesOf(manager: EntityManager, month: string, scope: SettlementScope): Promise<SettlementLine[]> {
    const rows: LineRow[] = await manager.query(
      `SELECT case_id, municipality_code, house_code, closed_at::text, outcome, tariff_year, amount_dkk, revision FROM settlements
        WHERE settlement_month = $1 AND ($2::text IS NULL OR municipality_code = $2) AND ($3::text IS NULL OR house_code = $3)
        ORDER BY closed_at, case_id`,
      [month, scope.municipalityCode ?? null, scope.houseCode ?? null],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      municipalityCode: r.municipality_code,
      houseCode: r.house_code,
      closedAt: r.closed_at,
      outcome: r.outcome,
      tariffYear: r.tariff_year,
      amountDkk: Number(r.amount_dkk),
      revision: r.revision,
    }));
  }

  /** Totals per month of a year; months without settled cases are included with zeros. */
  async monthsOf(manager: EntityManager, year: number, scope: SettlementScope): Promise<MonthTotal[]> {
    const rows: { month: string; case_count: number; total_dkk: string }[] = await manager.query(
      `SELECT to_char(m, 'YYYY-MM') AS month, count(s.case_id)::int AS case_count, coalesce(sum(s.amount_dkk), 0) AS total_dkk
         FROM generate_series(make_date($1, 1, 1), make_date($1, 12, 1), interval '1 month') AS m
         LEFT JOIN settlements s ON s.settlement_month = to_char(m, 'YYYY-MM')
              AND ($2::text IS NULL OR s.municipality_code = $2) AND ($3::text IS NULL OR s.house_code = $3)
        GROUP BY m ORDER BY m`,
      [year, scope.municipalityCode ?? null, scope.houseCode ?? null],
    );
    return rows.map((r) => ({ month: r.month, caseCount: r.case_count, totalDkk: Number(r.total_dkk) }));
  }

  /** Closed cases in the period (YYYY-MM or YYYY) that are not settled: their house has no tariff for the year yet. */
  async awaitingTariff(manager: EntityManager, period: string, scope: SettlementScope): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM case_list
        WHERE status = 'closed' AND starts_with(to_char(closed_at, 'YYYY-MM'), $1)
          AND ($2::text IS NULL OR municipality_code = $2) AND ($3::text IS NULL OR house_code = $3)`,
      [period, scope.municipalityCode ?? null, scope.houseCode ?? null],
    );
    return row.n;
  }
}
