import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { problem } from '@sagsspor/platform';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { COUNTED_CASE_KINDS, COUNTED_CASES, COUNTED_OUTCOMES } from '../reports/counted-cases';
import type { CsvTable } from '../reports/csv';
import { rowLevelDa, suppressionKindDa } from '../reports/danish';
import { EXPECTED_CASES_BASIS } from '../reports/expected-cases';
import type { Report } from '../reports/report-response';
import { knownFromEarlier } from '../publications/domain/publication';
import { protectJointly } from '../publications/joint-protection';
import { earlierPublications, publishedTables } from '../publications/publications.store';
import type { SuppressionOptions } from './domain/suppression';
import { type UsageInput, type UsageRow, usageCells, usageTables } from './usage.report';
import { referenceHouses, referenceMunicipalities, referenceRegions } from '../reports/reference-rows';

/** How the usage tables are protected, in every answer. */
export const SUPPRESSION =
  "Counts 0-2 are not published (primary); further cells are hidden (secondary) until, given every shown count and total of the year's linked tables (by municipality, region and house) and every earlier publication of the year (a count that a correction did not change taken as one value in both), no primary count can be narrowed inside 0-2 and no secondary count worked out. Suppression is decided on the linked tables as a whole, before any filter (ADR 0044, ADR 0048).";

export const usageCsv = (rows: UsageRow[], shows: string): CsvTable<UsageRow> => ({
  rows,
  columns: [
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level, da: rowLevelDa },
    { header: { en: 'code', da: 'kode' }, value: (r) => r.code },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'closed cases', da: 'antal børnehussager' }, value: (r) => r.closedCases },
    { header: { en: 'population 0-17', da: 'folketal 0-17 år' }, value: (r) => r.population0to17 },
    { header: { en: 'cases per 1,000 children', da: 'børnehussager pr. 1.000 børn' }, value: (r) => r.casesPer1000, decimals: 2 },
    { header: { en: 'interval value', da: 'intervalværdi' }, value: (r) => r.intervalValue },
    { header: { en: 'expected cases', da: 'estimerede sager ift. kommunestørrelse' }, value: (r) => r.expectedCases, decimals: 2 },
    { header: { en: 'actual/expected', da: 'faktiske/estimerede' }, value: (r) => r.ratio, decimals: 2 },
    { header: { en: 'suppressed', da: 'diskretioneret' }, value: (r) => r.suppressed, da: suppressionKindDa },
    { header: { en: 'suppression reason', da: 'årsag til diskretionering' }, value: (r) => r.suppressionReason },
    { header: { en: 'shows', da: 'viser' }, value: () => shows },
  ],
});

/** What a usage table counts and how its expected cases are computed, in every answer. */
export const USAGE_DEFINITIONS = {
  closedCases:
    `${COUNTED_CASES}; the period is the calendar year. By municipality: the handlekommune; by region: the handlekommune's region; by house: the house that handled the case.`,
  casesPer1000: 'closed cases / children aged 0-17 (FOLK1A <year>K1) × 1000, 2 decimals, half up; the interval value from the unrounded rate (< 0.5 → 1, < 1.0 → 2, < 1.5 → 3, < 2.0 → 4, else 5).',
  expectedCases: `${EXPECTED_CASES_BASIS} Here the count is the closed cases of the year and the whole is the municipality's region (basis=region, the default; basis=national: the nation); a region's, a house's and the nation's are the nation's. 2 decimals, half up.`,
  ratio: 'closed cases / expected cases (unrounded), 2 decimals, half up.',
} as const;

/** What the year's usage tables are computed from, read in one snapshot of the live read models. */
export interface UsageYear {
  input: Omit<UsageInput, 'groupBy' | 'basis'>;
  population: { version: number; importedAt: string; checksum: string };
}

/** Reads the year's closed cases, population and reference data; 422 when the year's population has not been imported. */
export async function loadUsageYear(dataSource: DataSource, year: number): Promise<UsageYear> {
  const data = await withLiveReadModels(dataSource, async (m) => ({
    population: (await m.query(`SELECT municipality_code, population FROM current_population WHERE year = $1`, [year])) as { municipality_code: string; population: number }[],
    version: (await m.query(`SELECT version, imported_at, checksum FROM population_versions WHERE year = $1 ORDER BY version DESC LIMIT 1`, [year]))[0] as { version: number; imported_at: Date; checksum: string } | undefined,
    byMunicipality: (await m.query(`SELECT municipality_code AS code, sum(cases)::int AS n FROM closed_cases_by_kind WHERE year = $1 AND case_kind = ANY($2) AND outcome = ANY($3) GROUP BY 1`, [year, COUNTED_CASE_KINDS, COUNTED_OUTCOMES])) as { code: string; n: number }[],
    byHouse: (await m.query(`SELECT house_code AS code, sum(cases)::int AS n FROM closed_cases_by_kind WHERE year = $1 AND case_kind = ANY($2) AND outcome = ANY($3) GROUP BY 1`, [year, COUNTED_CASE_KINDS, COUNTED_OUTCOMES])) as { code: string; n: number }[],
    municipalities: referenceMunicipalities,
    regions: referenceRegions,
    houses: referenceHouses,
  }));
  if (!data.version) {
    throw problem(
      422,
      'USAGE.POPULATION_NOT_IMPORTED',
      'No population for the year',
      `The population aged 0-17 for ${year} has not been imported, so no rate can be computed. An admin imports Statistics Denmark's FOLK1A ${year}K1 export with PUT /v1/reference/population/${year} (see docs/services/reporting.md for the request).`,
    );
  }
  return {
    input: {
      municipalities: data.municipalities,
      regions: data.regions,
      houses: data.houses,
      population: new Map(data.population.map((p) => [p.municipality_code, p.population])),
      closedByMunicipality: new Map(data.byMunicipality.map((r) => [r.code, r.n])),
      closedByHouse: new Map(data.byHouse.map((r) => [r.code, r.n])),
    },
    population: { version: data.version.version, importedAt: data.version.imported_at.toISOString(), checksum: data.version.checksum },
  };
}

/** What a live table says it shows. */
export const LIVE = 'live, not published';
const LIVE_DA = 'aktuelle tal, ikke offentliggjort';

/** Cases per 1,000 children for the cases closed in the year, suppressed on the whole table, then filtered to the region or house. */
export class GetUsageReport extends Query<Report<UsageRow>> {
  constructor(
    readonly year: number,
    readonly groupBy: 'municipality' | 'region' | 'house',
    readonly basis: 'region' | 'national',
    readonly region: string | undefined,
    readonly house: string | undefined,
    /** A publication of the year to show (frozen), instead of the live table. */
    readonly publication?: number,
  ) {
    super();
  }
}

@QueryHandler(GetUsageReport)
export class GetUsageReportHandler implements IQueryHandler<GetUsageReport> {
  /** The joint check of a published year's live table, per year, publications and counts (the solver runs once per change, not per request). */
  private readonly jointlyProtected = new Map<string, Promise<Pick<SuppressionOptions, 'known' | 'alsoHide'>>>();

  constructor(private readonly dataSource: DataSource) {}

  /** The live table is protected jointly with the year's publications too: its difference from them reveals nothing either (ADR 0048). */
  private async liveProtection(year: number, input: Omit<UsageInput, 'groupBy' | 'basis'>): Promise<Pick<SuppressionOptions, 'known' | 'alsoHide'>> {
    const cells = usageCells(input);
    const earlier = await earlierPublications(this.dataSource, year);
    if (!earlier.some((e) => e.trueCells)) return { known: knownFromEarlier(earlier.map((e) => e.cells), cells) };
    const key = `${year}/${earlier.map((e) => e.number).join(',')}/${cells.map((c) => `${c.id}=${c.count}`).join(',')}`;
    let protection = this.jointlyProtected.get(key);
    if (!protection) {
      protection = protectJointly(cells, earlier).then(({ known, alsoHide }) => ({ known, alsoHide }));
      protection.catch(() => this.jointlyProtected.delete(key));
      if (this.jointlyProtected.size >= 16) this.jointlyProtected.delete(this.jointlyProtected.keys().next().value!);
      this.jointlyProtected.set(key, protection);
    }
    return protection;
  }

  async execute({ year, groupBy, basis, region, house, publication }: GetUsageReport): Promise<Report<UsageRow>> {
    const data = await loadUsageYear(this.dataSource, year);
    const frozen = publication === undefined ? undefined : await publishedTables(this.dataSource, year, publication);
    if (publication !== undefined && !frozen) throw problem(404, 'PUBLICATION.NOT_FOUND', 'No such publication', `There is no publication ${publication} of ${year}: GET /v1/publications lists them.`);
    const protection = frozen ? {} : await this.liveProtection(year, data.input);
    const tableIn = (locale: 'en' | 'da') => (frozen ? frozen.tables[basis][groupBy] : usageTables({ ...data.input, basis }, protection, locale)[groupBy]);
    const shows = frozen ? `publication ${year}/${frozen.number} of ${frozen.publishedAt}` : LIVE;
    const showsDa = frozen ? `offentliggørelse ${year}/${frozen.number} af ${frozen.publishedAt}` : LIVE_DA;
    const regionOf = new Map(data.input.municipalities.map((m) => [m.code, m.regionCode]));
    const houseOf = new Map(data.input.municipalities.map((m) => [m.code, m.defaultHouse]));
    const houseRegion = new Map(data.input.houses.map((h) => [h.code, data.input.municipalities.find((m) => m.defaultHouse === h.code)?.regionCode]));
    const filtered = (all: UsageRow[]) =>
      all.filter((r) => {
        if (region && ((r.level === 'municipality' && regionOf.get(r.code) !== region) || (r.level === 'region' && r.code !== region) || r.level === 'national' || r.level === 'house')) return false;
        if (house && ((r.level === 'municipality' && houseOf.get(r.code) !== house) || (r.level === 'region' && houseRegion.get(house) !== r.code) || (r.level === 'house' && r.code !== house) || r.level === 'national')) return false;
        return true;
      });
    const rows = filtered(tableIn('en'));
    return {
      name: `usage-${year}-${groupBy}`,
      json: {
        year,
        groupBy,
        basis,
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
        population: { source: `Statistics Denmark FOLK1A ${year}K1, ages 0-17`, ...(frozen?.population ?? data.population) },
        shows,
        publication: frozen ? { number: frozen.number, publishedAt: frozen.publishedAt } : null,
        suppression: SUPPRESSION,
        definitions: USAGE_DEFINITIONS,
        rows,
      },
      // The Danish CSV says it in Danish: a live table's suppression reasons composed in Danish (a publication's stay as published).
      csv: (locale) => (locale === 'da' ? usageCsv(filtered(tableIn('da')), showsDa) : usageCsv(rows, shows)),
    };
  }
}
