import { createHash } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { houses, municipalities, policeDistricts, tariffs } from '@sagsspor/reference-data';
import { DataSource, type EntityManager } from 'typeorm';

interface Dataset {
  name: string;
  table: string;
  key: string[];
  columns: string[];
  rows: unknown[][];
}

const regions = [...new Map(municipalities.map((m) => [m.regionCode, m.regionName]))].map(([code, name]) => [code, name]);

export const referenceDatasets: Dataset[] = [
  { name: 'regions', table: 'ref_regions', key: ['region_code'], columns: ['region_code', 'name'], rows: regions },
  { name: 'houses', table: 'ref_houses', key: ['house_code'], columns: ['house_code', 'name', 'region_code', 'sites'], rows: houses.map((h) => [h.code, h.name, h.regionCode, h.sites]) },
  {
    name: 'municipalities',
    table: 'ref_municipalities',
    key: ['municipality_code'],
    columns: ['municipality_code', 'name', 'region_code', 'default_house'],
    rows: municipalities.map((m) => [m.code, m.name, m.regionCode, m.defaultHouse]),
  },
  { name: 'police-districts', table: 'ref_police_districts', key: ['district_code'], columns: ['district_code', 'name'], rows: policeDistricts.map((d) => [d.code, d.name]) },
  { name: 'tariffs', table: 'ref_tariffs', key: ['house_code', 'year'], columns: ['house_code', 'year', 'dkk_per_case', 'note'], rows: tariffs.map((t) => [t.houseCode, t.year, t.dkkPerCase, t.note]) },
];

const checksumOf = (dataset: Dataset) => createHash('sha256').update(JSON.stringify(dataset.rows)).digest('hex');

/** Loads a dataset when its checksum differs from the one loaded last: the table then holds exactly the shipped rows. */
export async function seedReferenceData(manager: EntityManager): Promise<string[]> {
  const loaded: string[] = [];
  await manager.query(`SELECT pg_advisory_xact_lock(7201404002)`);
  for (const dataset of referenceDatasets) {
    const checksum = checksumOf(dataset);
    const [current] = await manager.query(`SELECT checksum FROM ref_seed_versions WHERE dataset = $1`, [dataset.name]);
    if (current?.checksum === checksum) continue;
    await manager.query(`DELETE FROM ${dataset.table}`);
    const placeholders = dataset.columns.map((_, i) => `$${i + 1}`).join(', ');
    for (const row of dataset.rows) await manager.query(`INSERT INTO ${dataset.table} (${dataset.columns.join(', ')}) VALUES (${placeholders})`, row);
    await manager.query(
      `INSERT INTO ref_seed_versions (dataset, checksum) VALUES ($1, $2) ON CONFLICT (dataset) DO UPDATE SET checksum = EXCLUDED.checksum, loaded_at = now()`,
      [dataset.name, checksum],
    );
    loaded.push(dataset.name);
  }
  return loaded;
}

/** Seeds the reference tables at start, in one transaction (several instances may start at once). */
@Injectable()
export class ReferenceDataSeed implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((manager) => seedReferenceData(manager));
  }
}
