import type { Queryable } from '../projections/projection-store';
import type { DisclosureAudit } from '../usage/disclosure-audit';
import type { UsageRow } from '../usage/usage.report';
import type { TableCell } from '../usage/domain/suppression';
import type { EarlierPublication, PublishedCell } from './domain/publication';

/** The year's three linked tables as frozen, for each basis of expected cases. */
export type FrozenTables = Record<'region' | 'national', Record<'municipality' | 'region' | 'house', UsageRow[]>>;

export interface PublicationRecord {
  year: number;
  number: number;
  publishedAt: string;
  publishedBy: string;
  population: { version: number; importedAt: string; checksum: string };
  cells: PublishedCell[];
  tables: FrozenTables;
  audit: DisclosureAudit;
}

type Row = { year: number; number: number; published_at: Date; published_by: string; population: PublicationRecord['population']; cells: PublishedCell[]; tables: FrozenTables; audit: DisclosureAudit };

const recordOf = (r: Row): PublicationRecord => ({ year: r.year, number: r.number, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by, population: r.population, cells: r.cells, tables: r.tables, audit: r.audit });

/** One publication of the year, if it exists. */
export async function publishedTables(q: Queryable, year: number, number: number): Promise<PublicationRecord | undefined> {
  const [row]: Row[] = await q.query(`SELECT * FROM publications WHERE year = $1 AND number = $2`, [year, number]);
  return row ? recordOf(row) : undefined;
}

/** What every publication of the year showed, with its true counts kept for the joint check, oldest first. Never served. */
export async function earlierPublications(q: Queryable, year: number): Promise<(EarlierPublication & { population: PublicationRecord['population'] })[]> {
  const rows: { number: number; cells: PublishedCell[]; true_cells: TableCell[] | null; population: PublicationRecord['population'] }[] = await q.query(
    `SELECT number, cells, true_cells, population FROM publications WHERE year = $1 ORDER BY number`,
    [year],
  );
  return rows.map((r) => ({ number: r.number, cells: r.cells, trueCells: r.true_cells, population: r.population }));
}

/** Stores a publication; `trueCells` (the counts behind its hidden cells) are kept for the joint check of the next one and never served. */
export async function insertPublication(q: Queryable, p: Omit<PublicationRecord, 'publishedAt'> & { trueCells: readonly TableCell[] }): Promise<void> {
  await q.query(`INSERT INTO publications (year, number, published_by, population, cells, tables, audit, true_cells) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    p.year,
    p.number,
    p.publishedBy,
    JSON.stringify(p.population),
    JSON.stringify(p.cells),
    JSON.stringify(p.tables),
    JSON.stringify(p.audit),
    JSON.stringify(p.trueCells),
  ]);
}

export interface PublicationSummary {
  year: number;
  number: number;
  publishedAt: string;
  publishedBy: string;
  populationVersion: number;
  hiddenCells: number;
  /** The year's later publication that corrects this one, if any. */
  correctedBy: number | null;
}

/** Every publication, newest year and number first. */
export async function listPublications(q: Queryable): Promise<PublicationSummary[]> {
  const rows: { year: number; number: number; published_at: Date; published_by: string; population_version: number; hidden: number; corrected_by: number | null }[] = await q.query(`
    SELECT year, number, published_at, published_by, (population->>'version')::int AS population_version,
           (SELECT count(*)::int FROM jsonb_array_elements(cells) c WHERE c->'count' = 'null'::jsonb) AS hidden,
           lead(number) OVER (PARTITION BY year ORDER BY number) AS corrected_by
      FROM publications ORDER BY year DESC, number DESC`);
  return rows.map((r) => ({ year: r.year, number: r.number, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by, populationVersion: r.population_version, hiddenCells: r.hidden, correctedBy: r.corrected_by }));
}
