import { Injectable } from '@nestjs/common';
import type { HouseCode } from '@sagsspor/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { KnownCase } from './domain/known-case';

type Row = { case_id: string; house_code: HouseCode; municipality_code: string; opened_at: string; closed_at: string | null; closure_revision: number | null };

/** Reads and writes the `known_cases` table. */
@Injectable()
export class KnownCasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(caseId: string, manager: EntityManager = this.dataSource.manager, forUpdate = false): Promise<KnownCase | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT case_id::text AS case_id, house_code, municipality_code, opened_at::text AS opened_at, closed_at::text AS closed_at, closure_revision
         FROM known_cases WHERE case_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [caseId],
    );
    if (rows.length === 0) return undefined;
    const r = rows[0];
    return {
      caseId: r.case_id,
      houseCode: r.house_code,
      municipalityCode: r.municipality_code,
      openedAt: r.opened_at,
      ...(r.closed_at ? { closedAt: r.closed_at } : {}),
      ...(r.closure_revision !== null ? { closureRevision: r.closure_revision } : {}),
    };
  }

  async save(manager: EntityManager, knownCase: KnownCase): Promise<void> {
    await manager.query(
      `INSERT INTO known_cases (case_id, house_code, municipality_code, opened_at, closed_at, closure_revision)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id) DO UPDATE SET house_code = excluded.house_code, municipality_code = excluded.municipality_code,
         opened_at = excluded.opened_at, closed_at = excluded.closed_at, closure_revision = excluded.closure_revision, updated_at = now()`,
      [knownCase.caseId, knownCase.houseCode, knownCase.municipalityCode, knownCase.openedAt, knownCase.closedAt ?? null, knownCase.closureRevision ?? null],
    );
  }
}
