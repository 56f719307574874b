import { type SuppressionDecision, type SuppressionOptions, suppressTable, type TableCell } from './domain/suppression';

// The usage report (domain.md section 4): closed cases per 1,000 children aged 0-17, interval
// value, expected cases and the ratio actual/expected, with primary and secondary suppression.
// All arithmetic on whole numbers until the final rounding (half up), so 1.005 cannot become 1.00.
// Pure: counts, populations and reference data come in.

export type UsageGroupBy = 'municipality' | 'region' | 'house';
export type ExpectedBasis = 'region' | 'national';
export type RowLevel = 'municipality' | 'region' | 'house' | 'national';

export interface UsageInput {
  groupBy: UsageGroupBy;
  basis: ExpectedBasis;
  municipalities: readonly { code: string; name: string; regionCode: string; defaultHouse: string }[];
  regions: readonly { code: string; name: string }[];
  houses: readonly { code: string; name: string }[];
  population: ReadonlyMap<string, number>;
  closedByMunicipality: ReadonlyMap<string, number>;
  closedByHouse: ReadonlyMap<string, number>;
}

export interface UsageRow {
  level: RowLevel;
  code: string;
  name: string;
  /** The total this row adds up into (a municipality's region; a region's or house's nation). */
  partOf: string | null;
  closedCases: number | null;
  population0to17: number;
  casesPer1000: number | null;
  intervalValue: number | null;
  expectedCases: number | null;
  ratio: number | null;
  suppressed: 'primary' | 'secondary' | null;
  suppressionReason: string | null;
}

/** Half-up rounding of numerator/denominator to 2 decimals, on whole numbers. */
export function ratioTo2Decimals(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((numerator * 200 + denominator) / (2 * denominator)) / 100;
}

/** Interval value of the unrounded rate cases/population × 1000: <0.5 → 1, <1.0 → 2, <1.5 → 3, <2.0 → 4, else 5. */
export function intervalValue(cases: number, population: number): number | null {
  if (population === 0) return null;
  // rate ≥ t  ⇔  cases × 1000 ≥ t × population, with t × 2 whole: 1, 2, 3, 4.
  return 1 + [1, 2, 3, 4].filter((twiceT) => cases * 2000 >= twiceT * population).length;
}

interface Group {
  level: RowLevel;
  code: string;
  name: string;
  partOf: string | null;
  closed: number;
  population: number;
  /** Rate the expected cases are computed from: cases / population of this basis, and the cell that holds it. */
  basis: { id: string; closed: number; population: number };
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** The cell of the house table's national total: the nation's, unless the houses' cases add up to something else (cases without a municipality). */
const HOUSE_NATIONAL = 'DK-house';

/** The year's linked tables, protected jointly: one cell per count, whichever tables show it. */
export interface UsageTables {
  municipality: UsageRow[];
  region: UsageRow[];
  house: UsageRow[];
  /** The cells and their totals (municipalities under regions, regions and houses under the nation), as the suppression and its audit see them. */
  cells: TableCell[];
  decisions: Map<string, SuppressionDecision>;
}

/**
 * Usage by municipality (with region totals), by region and by house (each with the national
 * total), suppressed as one set of linked tables (ADR 0044): a region's count is one cell whether
 * the municipality or the region table shows it, and the nation's total adds up both from the
 * regions and from the houses. `protection`: the cells a reader already has from an earlier publication
 * (`known`) and those the joint check with the year's publications hides in addition (`alsoHide`).
 * `locale`: the language of the composed `suppressionReason` (the JSON API's is English; a Danish CSV asks for `da`).
 */
export function usageTables(input: Omit<UsageInput, 'groupBy'>, protection: Pick<SuppressionOptions, 'known' | 'alsoHide'> = {}, locale: 'en' | 'da' = 'en'): UsageTables {
  const linked = linkedTables(input);
  const decisions = suppressTable(linked.cells, protection);
  const rows = (groups: Group[], cellOf: (g: Group) => string = (g) => g.code) => groups.map((g) => row(g, decisions.get(cellOf(g)), decisions.has(g.basis.id), linked.nameOf, linked.cells, locale));
  return { municipality: rows(linked.municipality), region: rows(linked.region), house: rows(linked.house, (g) => (g.level === 'national' ? linked.houseNationalId : g.code)), cells: linked.cells, decisions };
}

/** The cells of the year's linked tables (what a publication shows of each, and what the next one must protect against). */
export function usageCells(input: Omit<UsageInput, 'groupBy' | 'basis'>): TableCell[] {
  return linkedTables({ ...input, basis: 'region' }).cells;
}

function linkedTables(input: Omit<UsageInput, 'groupBy'>) {
  const populationOf = (codes: string[]) => sum(codes.map((c) => input.population.get(c) ?? 0));
  const closedOf = (codes: string[]) => sum(codes.map((c) => input.closedByMunicipality.get(c) ?? 0));
  const allCodes = input.municipalities.map((m) => m.code);
  const national = { id: 'DK', closed: closedOf(allCodes), population: populationOf(allCodes) };
  const houseNational = { ...national, id: sum(input.closedByHouse.values()) === national.closed ? 'DK' : HOUSE_NATIONAL, closed: sum(input.closedByHouse.values()) };
  const codesOfRegion = (region: string) => input.municipalities.filter((m) => m.regionCode === region).map((m) => m.code);
  const nationalRow = (n: typeof national): Group => ({ level: 'national', code: 'DK', name: 'Hele landet', partOf: null, closed: n.closed, population: n.population, basis: n });

  const municipality = input.regions.flatMap((r) => {
    const codes = codesOfRegion(r.code);
    const region = { id: r.code, closed: closedOf(codes), population: populationOf(codes) };
    const municipalities = input.municipalities
      .filter((m) => m.regionCode === r.code)
      .sort((a, b) => a.name.localeCompare(b.name, 'da'))
      .map((m): Group => ({ level: 'municipality', code: m.code, name: m.name, partOf: r.code, closed: closedOf([m.code]), population: populationOf([m.code]), basis: input.basis === 'region' ? region : national }));
    return [...municipalities, { level: 'region', code: r.code, name: r.name, partOf: null, closed: region.closed, population: region.population, basis: national } satisfies Group];
  });
  const region = [...input.regions.map((r): Group => ({ level: 'region', code: r.code, name: r.name, partOf: 'DK', closed: closedOf(codesOfRegion(r.code)), population: populationOf(codesOfRegion(r.code)), basis: national })), nationalRow(national)];
  const house = [
    ...input.houses.map((h): Group => {
      const codes = input.municipalities.filter((m) => m.defaultHouse === h.code).map((m) => m.code);
      return { level: 'house', code: h.code, name: h.name, partOf: 'DK', closed: input.closedByHouse.get(h.code) ?? 0, population: populationOf(codes), basis: national };
    }),
    nationalRow(houseNational),
  ];

  const cells: TableCell[] = [
    ...municipality.map((g): TableCell => (g.level === 'region' ? { id: g.code, count: g.closed, population: g.population, parent: 'DK', breakdown: 'region' } : { id: g.code, count: g.closed, population: g.population, parent: g.partOf! })),
    { id: 'DK', count: national.closed, population: national.population },
    ...house.map((g): TableCell => (g.level === 'national' ? { id: houseNational.id, count: g.closed, population: g.population } : { id: g.code, count: g.closed, population: g.population, parent: houseNational.id, breakdown: 'house' })).filter((c) => c.id !== 'DK'),
  ];
  const nameOf = new Map([...municipality, ...house].map((g) => [g.code, g.name]));
  nameOf.set(HOUSE_NATIONAL, 'Hele landet');
  return { municipality, region, house, cells, nameOf, houseNationalId: houseNational.id };
}

/** One of the year's linked tables, protected with the others. */
export function usageReport(input: UsageInput, locale: 'en' | 'da' = 'en'): UsageRow[] {
  return usageTables(input, {}, locale)[input.groupBy];
}

function reasonFor(g: Group, decision: SuppressionDecision | undefined, nameOf: Map<string, string>, cells: readonly TableCell[], locale: 'en' | 'da'): string | null {
  if (!decision) return null;
  const da = locale === 'da';
  if (decision.kind === 'primary') return da ? 'færre end 3 sager (0, 1 eller 2): offentliggøres ikke' : 'fewer than 3 cases (0, 1 or 2): not published';
  const names = decision.protects.map((id) => nameOf.get(id) ?? id).join(da ? ' og ' : ' and ');
  const cell = cells.find((c) => c.id === g.code || (g.level === 'national' && c.parent === undefined));
  const protectsItsOwnCells = decision.protects.some((id) => cells.find((c) => c.id === id)?.parent === cell?.id);
  if (protectsItsOwnCells || cell?.parent === undefined) {
    return da ? `totalen skjult: ellers kunne det diskretionerede antal for ${names} indsnævres ud fra den` : `total hidden: otherwise the suppressed count(s) of ${names} could be narrowed from it`;
  }
  const total = nameOf.get(cell.parent) ?? (cell.parent === 'DK' ? (da ? 'hele landet' : 'national') : cell.parent);
  return da
    ? `skjult derudover: ellers kunne det diskretionerede antal for ${names} indsnævres ud fra totalen for ${total}`
    : `hidden in addition: otherwise the suppressed count(s) of ${names} could be narrowed from the ${total} total`;
}

function row(g: Group, decision: SuppressionDecision | undefined, basisHidden: boolean, nameOf: Map<string, string>, cells: readonly TableCell[], locale: 'en' | 'da'): UsageRow {
  // expected = population × basis.closed / basis.population; ratio = closed / expected. Not shown
  // when the basis total is hidden: it would give the total away.
  const expected = g.basis.population === 0 || basisHidden ? null : ratioTo2Decimals(g.population * g.basis.closed, g.basis.population);
  const hidden = decision !== undefined;
  return {
    level: g.level,
    code: g.code,
    name: g.name,
    partOf: g.partOf,
    closedCases: hidden ? null : g.closed,
    population0to17: g.population,
    casesPer1000: hidden ? null : ratioTo2Decimals(g.closed * 1000, g.population),
    intervalValue: hidden ? null : intervalValue(g.closed, g.population),
    expectedCases: expected,
    ratio: hidden || basisHidden || g.population === 0 || g.basis.closed === 0 ? null : ratioTo2Decimals(g.closed * g.basis.population, g.population * g.basis.closed),
    suppressed: decision?.kind ?? null,
    suppressionReason: reasonFor(g, decision, nameOf, cells, locale),
  };
}
