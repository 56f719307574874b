import { type SuppressionDecision, suppressTable, type TableCell } from './domain/suppression';

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
  /** Rate the expected cases are computed from: cases / population of this basis. */
  basis: { closed: number; population: number };
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * The rows of the table, suppressed on the whole table. `locale` is the language of the
 * composed `suppressionReason` (the JSON API's is English; a Danish CSV asks for `da`).
 */
export function usageReport(input: UsageInput, locale: 'en' | 'da' = 'en'): UsageRow[] {
  const populationOf = (codes: string[]) => sum(codes.map((c) => input.population.get(c) ?? 0));
  const closedOf = (codes: string[]) => sum(codes.map((c) => input.closedByMunicipality.get(c) ?? 0));
  const allCodes = input.municipalities.map((m) => m.code);
  const national = { closed: input.groupBy === 'house' ? sum(input.closedByHouse.values()) : closedOf(allCodes), population: populationOf(allCodes) };
  const codesOfRegion = (region: string) => input.municipalities.filter((m) => m.regionCode === region).map((m) => m.code);
  const nationalRow: Group = { level: 'national', code: 'DK', name: 'Hele landet', partOf: null, closed: national.closed, population: national.population, basis: national };

  let groups: Group[];
  if (input.groupBy === 'municipality') {
    groups = input.regions.flatMap((r) => {
      const codes = codesOfRegion(r.code);
      const region = { closed: closedOf(codes), population: populationOf(codes) };
      const municipalities = input.municipalities
        .filter((m) => m.regionCode === r.code)
        .sort((a, b) => a.name.localeCompare(b.name, 'da'))
        .map((m): Group => ({ level: 'municipality', code: m.code, name: m.name, partOf: r.code, closed: closedOf([m.code]), population: populationOf([m.code]), basis: input.basis === 'region' ? region : national }));
      return [...municipalities, { level: 'region', code: r.code, name: r.name, partOf: null, ...region, basis: national }];
    });
  } else if (input.groupBy === 'region') {
    groups = [
      ...input.regions.map((r): Group => {
        const codes = codesOfRegion(r.code);
        return { level: 'region', code: r.code, name: r.name, partOf: 'DK', closed: closedOf(codes), population: populationOf(codes), basis: national };
      }),
      nationalRow,
    ];
  } else {
    groups = [
      ...input.houses.map((h): Group => {
        const codes = input.municipalities.filter((m) => m.defaultHouse === h.code).map((m) => m.code);
        return { level: 'house', code: h.code, name: h.name, partOf: 'DK', closed: input.closedByHouse.get(h.code) ?? 0, population: populationOf(codes), basis: national };
      }),
      nationalRow,
    ];
  }

  const cells: TableCell[] = groups.map((g) => ({ id: g.code, count: g.closed, population: g.population, parent: g.partOf ?? undefined }));
  const decisions = suppressTable(cells);
  const nameOf = new Map(groups.map((g) => [g.code, g.name]));
  return groups.map((g) => row(g, decisions.get(g.code), nameOf, locale));
}

function reasonFor(g: Group, decision: SuppressionDecision | undefined, nameOf: Map<string, string>, locale: 'en' | 'da'): string | null {
  if (!decision) return null;
  const partOf = g.partOf === null ? null : (nameOf.get(g.partOf) ?? g.partOf);
  if (locale === 'da') {
    if (decision.kind === 'primary') return 'færre end 3 sager (0, 1 eller 2): offentliggøres ikke';
    const names = decision.protects.map((id) => nameOf.get(id) ?? id).join(' og ');
    if (partOf === null) return `totalen skjult: ellers kunne det diskretionerede antal for ${names} regnes ud af den`;
    return `skjult derudover: ellers kunne det diskretionerede antal for ${names} regnes ud af totalen for ${partOf}`;
  }
  if (decision.kind === 'primary') return 'fewer than 3 cases (0, 1 or 2): not published';
  const names = decision.protects.map((id) => nameOf.get(id) ?? id).join(' and ');
  if (partOf === null) return `total hidden: otherwise the suppressed count(s) of ${names} could be worked out from it`;
  return `hidden in addition: otherwise the suppressed count(s) of ${names} could be worked out from the ${partOf} total`;
}

function row(g: Group, decision: SuppressionDecision | undefined, nameOf: Map<string, string>, locale: 'en' | 'da'): UsageRow {
  // expected = population × basis.closed / basis.population; ratio = closed / expected.
  const expected = g.basis.population === 0 ? null : ratioTo2Decimals(g.population * g.basis.closed, g.basis.population);
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
    ratio: hidden || g.population === 0 || g.basis.closed === 0 ? null : ratioTo2Decimals(g.closed * g.basis.population, g.population * g.basis.closed),
    suppressed: decision?.kind ?? null,
    suppressionReason: reasonFor(g, decision, nameOf, locale),
  };
}
