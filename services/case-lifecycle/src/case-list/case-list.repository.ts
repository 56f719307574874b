import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseListRow } from './case-list.projection';

export interface CaseListFilter {
  statuses?: string[];
  houseCode?: string;
  municipalityCode?: string;
  minAgeDays?: number;
  maxAgeDays?: number;
  /** Ages are counted to the closing date, or to today for an open case. */
  today: string;
  page: number;
  pageSize: number;
}

export interface CaseListItem extends CaseListRow {
  ageDays: number;
}

type Row = Record<string, unknown>;

const toItem = (r: Row): CaseListItem => ({
  caseId: r.case_id as string,
  houseCode: r.house_code as string,
  municipalityCode: r.municipality_code as string,
  status: r.status as string,
  childSex: r.child_sex as string,
  childAgeYears: r.child_age_years as number,
  caseKind: r.case_kind as string,
  abuseTypes: r.abuse_types as string[],
  referredAt: r.referred_at as string,
  openedAt: r.opened_at as string,
  awaitingPoliceReleaseSince: (r.awaiting_police_release_since as string | null) ?? null,
  closedAt: (r.closed_at as string | null) ?? null,
  outcome: (r.outcome as string | null) ?? null,
  ageDays: r.age_days as number,
});

/** The case list read table, written in the transaction of the case's events. */
@Injectable()
export class CaseListRepository {
  async upsert(manager: EntityManager, row: CaseListRow): Promise<void> {
    await manager.query(
      `INSERT INTO case_list (case_id, house_code, municipality_code, status, child_sex, child_age_years, case_kind, abuse_types,
                              referred_at, opened_at, awaiting_police_release_since, closed_at, outcome, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, awaiting_police_release_since = excluded.awaiting_police_release_since,
         closed_at = excluded.closed_at, outcome = excluded.outcome, updated_at = now()`,
      [
        row.caseId, row.houseCode, row.municipalityCode, row.status, row.childSex, row.childAgeYears, row.caseKind, row.abuseTypes,
        row.referredAt, row.openedAt, row.awaitingPoliceReleaseSince, row.closedAt, row.outcome,
      ],
    );
  }

  /** The tenant of a case, for the access check; undefined when there is no such case. */
  async tenantOf(manager: EntityManager, caseId: string): Promise<{ houseCode: string; municipalityCode: string } | undefined> {
    const rows: Row[] = await manager.query(`SELECT house_code, municipality_code FROM case_list WHERE case_id = $1`, [caseId]);
    return rows[0] ? { houseCode: rows[0].house_code as string, municipalityCode: rows[0].municipality_code as string } : undefined;
  }

  /** Closed cases of a house closed in a year that are not settled: waiting for that year's tariff. */
  async awaitingTariff(manager: EntityManager, houseCodes: string[], year: number): Promise<string[]> {
    const rows: Row[] = await manager.query(
      `SELECT case_id FROM case_list WHERE status = 'closed' AND house_code = ANY($1) AND closed_at >= make_date($2, 1, 1) AND closed_at < make_date($2 + 1, 1, 1) ORDER BY case_id`,
      [houseCodes, year],
    );
    return rows.map((r) => r.case_id as string);
  }

  async page(manager: EntityManager, filter: CaseListFilter): Promise<{ items: CaseListItem[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let today: string | undefined;
    const age = () => `(coalesce(closed_at, ${(today ??= bind(filter.today))}::date) - opened_at)`;
    if (filter.statuses?.length) where.push(`status = ANY(${bind(filter.statuses)})`);
    if (filter.houseCode) where.push(`house_code = ${bind(filter.houseCode)}`);
    if (filter.municipalityCode) where.push(`municipality_code = ${bind(filter.municipalityCode)}`);
    if (filter.minAgeDays !== undefined) where.push(`${age()} >= ${bind(filter.minAgeDays)}`);
    if (filter.maxAgeDays !== undefined) where.push(`${age()} <= ${bind(filter.maxAgeDays)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM case_list ${clause}`, [...params]);
    const rows: Row[] = await manager.query(
      `SELECT case_id, house_code, municipality_code, status, child_sex, child_age_years, case_kind, abuse_types,
              referred_at::text, opened_at::text, awaiting_police_release_since::text, closed_at::text, outcome, ${age()} AS age_days
         FROM case_list ${clause}
        ORDER BY opened_at, case_id
        LIMIT ${bind(filter.pageSize)} OFFSET ${bind((filter.page - 1) * filter.pageSize)}`,
      params,
    );
    return { items: rows.map(toItem), total };
  }
}
