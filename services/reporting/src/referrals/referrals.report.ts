import { suppressTable } from '../usage/domain/suppression';
import { usageTables } from '../usage/usage.report';
import { round2 } from '../reports/expected-cases';
import { actualVsExpected, expectedForPeriod, monthsOf, type Period, shareOfChildren } from './domain/expected-referrals';
import type { ReferralStatus } from './referral-summaries';

// The referral report (ADR 0073; Børnehus Midt: "Henviste sager … kommuneniveau", "… månedsbasis",
// "Henviste og estimerede sager"): referrals counted on their referral date by handlekommune,
// region, house or month, with the expected referrals of the period and actual/expected. Pure:
// counts, populations, budgets and reference data come in.

export type ReferralGroupBy = 'municipality' | 'region' | 'house' | 'month';
export type ReferralRowLevel = 'municipality' | 'region' | 'house' | 'national' | 'month' | 'total';

export interface ReferralCount {
  municipalityCode: string;
  houseCode: string;
  /** YYYY-MM of the referral date. */
  month: string;
  status: ReferralStatus;
  n: number;
}

export interface ReferralReportInput {
  period: Period;
  groupBy: ReferralGroupBy;
  municipalities: readonly { code: string; name: string; regionCode: string; defaultHouse: string }[];
  regions: readonly { code: string; name: string }[];
  houses: readonly { code: string; name: string }[];
  /** The counted referrals of the period (every municipality and house: suppression is decided on the whole). */
  counts: readonly ReferralCount[];
  /** year → municipality → children aged 0-17 (the year's current FOLK1A import). */
  population: ReadonlyMap<number, ReadonlyMap<string, number>>;
  /** year → house → the budget's expected cases (houses without one are absent). */
  expectedCases: ReadonlyMap<number, ReadonlyMap<string, number>>;
  filter: { municipality?: string; region?: string; house?: string };
  /** False when the caller is the municipality itself (it sees its own counts as they are). */
  suppress: boolean;
  locale?: 'en' | 'da';
}

export interface ReferralRow {
  level: ReferralRowLevel;
  code: string;
  name: string;
  /** The total this row adds up into. */
  partOf: string | null;
  referrals: number | null;
  accepted: number | null;
  rejected: number | null;
  withdrawn: number | null;
  pending: number | null;
  /** Expected referrals of the period, 2 decimals (null: no budget or population to compute them from). */
  expectedReferrals: number | null;
  /** referrals / expected (unrounded), 2 decimals, half up. */
  ratio: number | null;
  suppressed: 'primary' | 'secondary' | null;
  suppressionReason: string | null;
}

type Tally = Record<ReferralStatus, number> & { referrals: number };
const emptyTally = (): Tally => ({ referrals: 0, accepted: 0, rejected: 0, withdrawn: 0, pending: 0 });

function tally(counts: readonly ReferralCount[], keep: (c: ReferralCount) => boolean): Tally {
  const t = emptyTally();
  for (const c of counts) {
    if (!keep(c)) continue;
    t[c.status] += c.n;
    t.referrals += c.n;
  }
  return t;
}

const sumOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0));

/** The report's rows (the groups in scope, then their totals), and what the expected referrals could not be computed from. */
export function referralReport(input: ReferralReportInput): { rows: ReferralRow[]; missing: string[] } {
  const { period, municipalities, houses, regions, filter } = input;
  const locale = input.locale ?? 'en';
  const years = [...new Set(monthsOf(period).map((m) => Number(m.month.slice(0, 4))))];
  const houseOf = new Map(municipalities.map((m) => [m.code, m.defaultHouse]));
  const regionOf = new Map(municipalities.map((m) => [m.code, m.regionCode]));

  // Expected per year: a house's is its budget's expected cases; a municipality's its share of its default house's, by the children 0-17.
  const houseYear = (house: string) => (year: number) => input.expectedCases.get(year)?.get(house) ?? null;
  const areaChildren = (house: string, year: number) => municipalities.filter((m) => m.defaultHouse === house).reduce((s, m) => s + (input.population.get(year)?.get(m.code) ?? 0), 0);
  const municipalityYear = (code: string) => (year: number) => {
    const house = houseOf.get(code)!;
    const children = input.population.get(year)?.get(code);
    return shareOfChildren(houseYear(house)(year), children, areaChildren(house, year));
  };
  const regionYear = (region: string) => (year: number) => sumOrNull(municipalities.filter((m) => m.regionCode === region).map((m) => municipalityYear(m.code)(year)));
  const nationalYear = (year: number) => sumOrNull(houses.map((h) => houseYear(h.code)(year)));
  const expectedOver = (p: Period, forYear: (year: number) => number | null) => expectedForPeriod(p, forYear);

  const missing = [
    ...years.filter((y) => !input.population.has(y)).map((y) => `No FOLK1A population for ${y}: the expected referrals of municipalities and regions are unknown (PUT /v1/reference/population/${y})`),
    ...years.flatMap((y) => houses.filter((h) => houseYear(h.code)(y) === null).map((h) => `No expected cases in the ${y} budget of ${h.name}: its expected referrals are unknown (PUT /v1/reference/budgets/${y})`)),
  ];

  // In a suppressed table the parts are never shown: a part of 0-2 beside its shown total gives a child's outcome away,
  // and protecting the parts as cells of their own would hide nearly all of them anyway (ADR 0073).
  const partsShown = !input.suppress || (input.groupBy === 'month' && !filter.municipality);
  const row = (level: ReferralRowLevel, code: string, name: string, partOf: string | null, t: Tally, expected: number | null, decision?: { kind: 'primary' | 'secondary'; reason: string | null }): ReferralRow => {
    const hidden = decision !== undefined;
    const part = (n: number) => (hidden || !partsShown ? null : n);
    return {
      level,
      code,
      name,
      partOf,
      referrals: hidden ? null : t.referrals,
      accepted: part(t.accepted),
      rejected: part(t.rejected),
      withdrawn: part(t.withdrawn),
      pending: part(t.pending),
      expectedReferrals: expected === null ? null : round2(expected),
      ratio: hidden ? null : actualVsExpected(t.referrals, expected),
      suppressed: decision?.kind ?? null,
      suppressionReason: decision?.reason ?? null,
    };
  };

  if (input.groupBy === 'month') return { rows: monthRows(), missing };

  // By municipality, region or house: one linked set of tables, suppressed as the usage report's (municipalities under
  // regions under the nation, houses under the nation), decided on the whole before any filter.
  const byMunicipality = new Map(municipalities.map((m) => [m.code, tally(input.counts, (c) => c.municipalityCode === m.code)]));
  const byHouse = new Map(houses.map((h) => [h.code, tally(input.counts, (c) => c.houseCode === h.code)]));
  const byRegion = new Map(regions.map((r) => [r.code, tally(input.counts, (c) => regionOf.get(c.municipalityCode) === r.code)]));
  const national = tally(input.counts, () => true);
  const lastPopulation = input.population.get(Math.max(...years)) ?? new Map<string, number>();
  const linked = input.suppress
    ? usageTables(
        {
          basis: 'region',
          municipalities,
          regions,
          houses,
          population: lastPopulation,
          closedByMunicipality: new Map([...byMunicipality].map(([k, t]) => [k, t.referrals])),
          closedByHouse: new Map([...byHouse].map(([k, t]) => [k, t.referrals])),
        },
        {},
        locale,
      )
    : undefined;
  const decisionIn = (table: 'municipality' | 'region' | 'house', code: string) => {
    const r = linked?.[table].find((x) => x.code === code);
    return r?.suppressed ? { kind: r.suppressed, reason: r.suppressionReason } : undefined;
  };
  const nationalRow = (table: 'municipality' | 'region' | 'house') => row('national', 'DK', 'Hele landet', null, national, expectedOver(period, nationalYear), decisionIn(table, 'DK'));
  const filterRegion = filter.region ?? (filter.house ? municipalities.find((m) => m.defaultHouse === filter.house)?.regionCode : undefined) ?? (filter.municipality ? regionOf.get(filter.municipality) : undefined);

  if (input.groupBy === 'municipality') {
    const rows = regions.flatMap((r) => [
      ...municipalities
        .filter((m) => m.regionCode === r.code)
        .sort((a, b) => a.name.localeCompare(b.name, 'da'))
        .filter((m) => (!filter.municipality || m.code === filter.municipality) && (!filter.house || m.defaultHouse === filter.house) && (!filter.region || m.regionCode === filter.region))
        .map((m) => row('municipality', m.code, m.name, r.code, byMunicipality.get(m.code)!, expectedOver(period, municipalityYear(m.code)), decisionIn('municipality', m.code))),
      ...(filter.municipality || (filterRegion && filterRegion !== r.code) ? [] : [row('region', r.code, r.name, 'DK', byRegion.get(r.code)!, expectedOver(period, regionYear(r.code)), decisionIn('municipality', r.code))]),
    ]);
    return { rows: filterRegion || filter.municipality ? rows : [...rows, nationalRow('region')], missing };
  }
  if (input.groupBy === 'region') {
    const rows = regions.filter((r) => !filterRegion || r.code === filterRegion).map((r) => row('region', r.code, r.name, 'DK', byRegion.get(r.code)!, expectedOver(period, regionYear(r.code)), decisionIn('region', r.code)));
    return { rows: filterRegion ? rows : [...rows, nationalRow('region')], missing };
  }
  const filterHouse = filter.house ?? (filter.municipality ? houseOf.get(filter.municipality) : undefined) ?? (filter.region ? municipalities.find((m) => m.regionCode === filter.region)?.defaultHouse : undefined);
  const rows = houses.filter((h) => !filterHouse || h.code === filterHouse).map((h) => row('house', h.code, h.name, 'DK', byHouse.get(h.code)!, expectedOver(period, houseYear(h.code)), decisionIn('house', h.code)));
  return { rows: filterHouse ? rows : [...rows, nationalRow('house')], missing };

  /** By month, in scope (a municipality; a region's municipalities; the referrals to a house; or all), with the scope's total. */
  function monthRows(): ReferralRow[] {
    const inScope = (c: ReferralCount) =>
      (!filter.municipality || c.municipalityCode === filter.municipality) && (!filter.region || regionOf.get(c.municipalityCode) === filter.region) && (!filter.house || c.houseCode === filter.house);
    const forYear = filter.municipality ? municipalityYear(filter.municipality) : filter.region ? regionYear(filter.region) : filter.house ? houseYear(filter.house) : nationalYear;
    const months = monthsOf(period).map((m) => ({ ...m, tally: tally(input.counts, (c) => c.month === m.month && inScope(c)) }));
    const total = tally(input.counts, inScope);
    // One municipality's months, shown to others than the municipality: its small counts are protected like the usage report's (months under the total).
    const decisions =
      input.suppress && filter.municipality
        ? suppressTable([{ id: 'total', count: total.referrals, population: 0 }, ...months.map((m) => ({ id: m.month, count: m.tally.referrals, population: 0, parent: 'total' }))])
        : new Map();
    const reasonOf = (id: string) => {
      const d = decisions.get(id);
      if (!d) return undefined;
      const da = locale === 'da';
      const reason =
        d.kind === 'primary'
          ? da
            ? 'færre end 3 henvisninger (0, 1 eller 2): vises ikke'
            : 'fewer than 3 referrals (0, 1 or 2): not shown'
          : da
            ? `skjult derudover: ellers kunne ${d.protects.join(' og ')} regnes ud fra totalen`
            : `hidden in addition: otherwise ${d.protects.join(' and ')} could be worked out from the total`;
      return { kind: d.kind, reason };
    };
    return [
      ...months.map((m) => row('month', m.month, m.month, 'total', m.tally, expectedOver(m, forYear), reasonOf(m.month))),
      row('total', 'total', locale === 'da' ? 'I alt' : 'Total', null, total, expectedOver(period, forYear), reasonOf('total')),
    ];
  }
}
