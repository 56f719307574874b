import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type TariffSource = 'reference-data' | 'api';

export interface Tariff {
  houseCode: string;
  year: number;
  dkkPerCase: number;
  version: number;
  source: TariffSource;
  updatedAt: string;
}

export interface TariffChange {
  houseCode: string;
  version: number;
}

type Row = { house_code: string; year: number; dkk_per_case: string; version: number; source: TariffSource; updated_at: Date };
const toTariff = (r: Row): Tariff => ({ houseCode: r.house_code, year: r.year, dkkPerCase: Number(r.dkk_per_case), version: r.version, source: r.source, updatedAt: r.updated_at.toISOString() });

/** The houses' tariffs per year: reference data, versioned (every value ever in force stays in tariff_versions). */
@Injectable()
export class TariffsRepository {
  async tariffFor(manager: EntityManager, houseCode: string, year: number): Promise<number | undefined> {
    const rows: { dkk_per_case: string }[] = await manager.query(`SELECT dkk_per_case FROM tariffs WHERE house_code = $1 AND year = $2`, [houseCode, year]);
    return rows[0] ? Number(rows[0].dkk_per_case) : undefined;
  }

  async list(manager: EntityManager, year?: number): Promise<Tariff[]> {
    const rows: Row[] = await manager.query(
      `SELECT house_code, year, dkk_per_case, version, source, updated_at FROM tariffs WHERE $1::int IS NULL OR year = $1 ORDER BY year, house_code`,
      [year ?? null],
    );
    return rows.map(toTariff);
  }

  /**
   * Sets a year's tariff for the houses given (others keep theirs). A value that changes gets the
   * next version. A value from the reference data never replaces one an administrator put.
   * Returns the houses whose tariff changed, with their new version.
   */
  async put(manager: EntityManager, year: number, entries: { houseCode: string; dkkPerCase: number }[], source: TariffSource, recordedBy: string): Promise<TariffChange[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('tariffs', 0))`);
    const changes: TariffChange[] = [];
    for (const { houseCode, dkkPerCase } of entries) {
      const [current]: Row[] = await manager.query(`SELECT house_code, year, dkk_per_case, version, source, updated_at FROM tariffs WHERE house_code = $1 AND year = $2`, [houseCode, year]);
      if (current && (Number(current.dkk_per_case) === dkkPerCase || (source === 'reference-data' && current.source === 'api'))) continue;
      const version = (current?.version ?? 0) + 1;
      await manager.query(
        `INSERT INTO tariffs (house_code, year, dkk_per_case, version, source, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (house_code, year) DO UPDATE SET dkk_per_case = excluded.dkk_per_case, version = excluded.version, source = excluded.source, updated_at = now()`,
        [houseCode, year, dkkPerCase, version, source],
      );
      await manager.query(`INSERT INTO tariff_versions (house_code, year, version, dkk_per_case, source, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        houseCode,
        year,
        version,
        dkkPerCase,
        source,
        recordedBy,
      ]);
      changes.push({ houseCode, version });
    }
    return changes;
  }
}
