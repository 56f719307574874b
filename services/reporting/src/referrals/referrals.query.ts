import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { rowLevelDa, suppressionKindDa } from '../reports/danish';
import { EXPECTED_CASES_BASIS } from '../reports/expected-cases';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { monthsOf, type YearToDate, yearToDate } from './domain/expected-referrals';
import { type ReferralCount, type ReferralGroupBy, referralReport, type ReferralRow } from './referrals.report';
import { referenceHouses, referenceMunicipalities, referenceRegions } from '../reports/reference-rows';

/** The case kinds a referral is counted for: the børnehus cases about abuse the annual statistics count. */
export const COUNTED_REFERRAL_KINDS = ['abuse'] as const;

/** What the referral report and its year to date count, in every answer (docs/services/reporting.md). */
export const REFERRAL_DEFINITIONS = {
  referral:
    "A referral ('henvist sag') submitted by a municipality to a børnehus, counted on its referral date (referredAt) in the period, of case kind abuse (the børnehus cases the annual statistics count; SBA referrals are not counted), whatever became of it: accepted, rejected, withdrawn or pending (not yet decided) are shown as its parts. By municipality: the handlekommune; by region: the handlekommune's region; by house: the house referred to.",
  expectedReferrals: `${EXPECTED_CASES_BASIS} Here the count is the house's expected cases for the year in its operating budget (PUT /v1/reference/budgets/{year}) and the whole is the municipalities the house is the default house of; a region's is the sum of its municipalities', the nation's the sum of the houses'. The year's count is spread evenly over its days (flat: no seasonality, our choice, as no source gives the houses' monthly pattern) and taken for the days of the period in each year.`,
  ratio: 'referrals / expected referrals (unrounded), 2 decimals, half up.',
} as const;

const REFERRAL_SUPPRESSION = `The usage report's method on the period's linked tables (municipalities under regions under the nation, houses under the nation), decided on the whole before any filter: counts 0-2 are not shown (primary); further cells are hidden (secondary) until no primary count can be narrowed inside 0-2 and no secondary count worked out from the shown counts and totals (ADR 0044, ADR 0073). Applied to counts by municipality, region and house whenever they are shown to others than the municipality itself; a municipality's months likewise (months under its total). In a suppressed table the parts (accepted, rejected, withdrawn, pending) are not shown: a part of 0-2 beside its total would say what became of a child's referral. Counts of a house or the nation by month are not suppressed, and their parts are shown.`;

const levelDa: Readonly<Record<ReferralRow['level'], string>> = { ...rowLevelDa, month: 'måned', total: 'i alt' };

export const referralsCsv = (rows: ReferralRow[]): CsvTable<ReferralRow> => ({
  rows,
  columns: [
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level, da: levelDa },
    { header: { en: 'code', da: 'kode' }, value: (r) => r.code },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'referrals', da: 'henviste sager' }, value: (r) => r.referrals },
    { header: { en: 'accepted', da: 'modtaget' }, value: (r) => r.accepted },
    { header: { en: 'rejected', da: 'afvist' }, value: (r) => r.rejected },
    { header: { en: 'withdrawn', da: 'trukket tilbage' }, value: (r) => r.withdrawn },
    { header: { en: 'pending', da: 'afventer' }, value: (r) => r.pending },
    { header: { en: 'expected referrals', da: 'estimerede sager ift. kommunestørrelse' }, value: (r) => r.expectedReferrals, decimals: 2 },
    { header: { en: 'actual/expected', da: 'faktiske/estimerede' }, value: (r) => r.ratio, decimals: 2 },
    { header: { en: 'suppressed', da: 'diskretioneret' }, value: (r) => r.suppressed, da: suppressionKindDa },
    { header: { en: 'suppression reason', da: 'årsag til diskretionering' }, value: (r) => r.suppressionReason },
  ],
});

const yearsOf = (period: Period) => [...new Set(monthsOf(period).map((m) => Number(m.month.slice(0, 4))))];

const referenceData = { municipalities: referenceMunicipalities, regions: referenceRegions, houses: referenceHouses };

async function expectedCasesOf(m: EntityManager, years: number[]): Promise<Map<number, Map<string, number>>> {
  const rows = (await m.query(`SELECT year, house_code AS house, expected_cases AS n FROM current_budgets WHERE year = ANY($1) AND expected_cases IS NOT NULL`, [years])) as { year: number; house: string; n: number }[];
  const byYear = new Map<number, Map<string, number>>();
  for (const r of rows) byYear.set(r.year, (byYear.get(r.year) ?? new Map()).set(r.house, r.n));
  return byYear;
}

/** Referrals of the period by municipality, region, house or month, with expected referrals and actual/expected. */
export class GetReferralsReport extends Query<Report<ReferralRow>> {
  constructor(
    readonly period: Period,
    readonly groupBy: ReferralGroupBy,
    readonly filter: { municipality?: string; region?: string; house?: string },
    /** False when the caller is the municipality itself. */
    readonly suppress: boolean,
    /** The `to` asked for, when the period was cut at today. */
    readonly requestedTo: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetReferralsReport)
export class GetReferralsReportHandler implements IQueryHandler<GetReferralsReport> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, groupBy, filter, suppress, requestedTo }: GetReferralsReport): Promise<Report<ReferralRow>> {
    const years = yearsOf(period);
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      ...referenceData,
      counts: (await m.query(
        `SELECT municipality_code AS "municipalityCode", house_code AS "houseCode", to_char(referred_at, 'YYYY-MM') AS month, status, sum(referrals)::int AS n
           FROM referrals_by_day WHERE referred_at >= $1 AND referred_at < $2 AND case_kind = ANY($3) GROUP BY 1, 2, 3, 4`,
        [period.from, dayAfter(period), COUNTED_REFERRAL_KINDS],
      )) as ReferralCount[],
      population: (await m.query(`SELECT year, municipality_code AS code, population AS n FROM current_population WHERE year = ANY($1)`, [years])) as { year: number; code: string; n: number }[],
      expectedCases: await expectedCasesOf(m, years),
    }));
    const population = new Map<number, Map<string, number>>();
    for (const p of data.population) population.set(p.year, (population.get(p.year) ?? new Map()).set(p.code, p.n));
    const build = (locale: 'en' | 'da') => referralReport({ ...data, period, groupBy, population, filter, suppress, locale });
    const { rows, missing } = build('en');
    return {
      name: `referrals-${period.from}-${period.to}-${groupBy}`,
      json: {
        period,
        ...(requestedTo ? { requestedTo, cutAt: 'today: referrals after today cannot have been made, and the expected count is for the days that have passed' } : {}),
        groupBy,
        municipality: filter.municipality ?? null,
        region: filter.region ?? null,
        house: filter.house ?? null,
        definitions: { ...REFERRAL_DEFINITIONS, suppression: suppress ? REFERRAL_SUPPRESSION : "Not suppressed: the municipality's own figures." },
        population: { source: `Statistics Denmark FOLK1A <year>K1, ages 0-17, the latest import of each year (${years.join(', ')})` },
        missing,
        rows,
      },
      csv: (locale) => referralsCsv(locale === 'da' ? build('da').rows : rows),
    };
  }
}

export interface YearToDateRow extends YearToDate {
  level: 'house' | 'national';
  code: string;
  name: string;
}

const ytdCsv = (rows: YearToDateRow[]): CsvTable<YearToDateRow> => ({
  rows,
  columns: [
    { header: { en: 'level', da: 'niveau' }, value: (r) => r.level, da: rowLevelDa },
    { header: { en: 'code', da: 'kode' }, value: (r) => r.code },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'as of', da: 'opgjort pr.' }, value: (r) => r.asOf },
    { header: { en: 'referrals to date', da: 'henviste sager til dato' }, value: (r) => r.referrals },
    { header: { en: 'expected for the year', da: 'forventet sagstal for året' }, value: (r) => r.expectedForYear },
    { header: { en: 'expected to date', da: 'forventet til dato' }, value: (r) => r.expectedToDate, decimals: 2 },
    { header: { en: 'actual/expected to date', da: 'faktiske/forventede til dato' }, value: (r) => r.ratioToDate, decimals: 2 },
    { header: { en: 'percent of the year reached', da: 'procent af årets forventede' }, value: (r) => r.percentOfYearReached },
    { header: { en: 'projected for the year', da: 'fremskrevet for året' }, value: (r) => r.projectedForYear, decimals: 2 },
  ],
});

/** The year to date per house against the budget's expected cases for the year (Børnehus Syd: "265 (pr. 30.6.21) … forventet 675"). */
export class GetReferralsYearToDate extends Query<Report<YearToDateRow>> {
  constructor(
    readonly year: number,
    readonly asOf: string,
    readonly house: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetReferralsYearToDate)
export class GetReferralsYearToDateHandler implements IQueryHandler<GetReferralsYearToDate> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ year, asOf, house }: GetReferralsYearToDate): Promise<Report<YearToDateRow>> {
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      houses: referenceData.houses,
      counts: new Map(
        (
          (await m.query(`SELECT house_code AS house, sum(referrals)::int AS n FROM referrals_by_day WHERE referred_at >= $1 AND referred_at <= $2 AND case_kind = ANY($3) GROUP BY 1`, [
            `${year}-01-01`,
            asOf,
            COUNTED_REFERRAL_KINDS,
          ])) as { house: string; n: number }[]
        ).map((r) => [r.house, r.n]),
      ),
      expectedCases: (await expectedCasesOf(m, [year])).get(year) ?? new Map<string, number>(),
    }));
    const houses = data.houses.filter((h) => !house || h.code === house);
    const rows: YearToDateRow[] = houses.map((h) => ({ level: 'house', code: h.code, name: h.name, ...yearToDate(year, asOf, data.counts.get(h.code) ?? 0, data.expectedCases.get(h.code) ?? null) }));
    if (!house) {
      const expected = houses.every((h) => data.expectedCases.has(h.code)) ? houses.reduce((s, h) => s + data.expectedCases.get(h.code)!, 0) : null;
      rows.push({ level: 'national', code: 'DK', name: 'Hele landet', ...yearToDate(year, asOf, houses.reduce((s, h) => s + (data.counts.get(h.code) ?? 0), 0), expected) });
    }
    return {
      name: `referrals-year-to-date-${year}-${asOf}`,
      json: {
        year,
        asOf,
        house: house ?? null,
        definitions: {
          referral: REFERRAL_DEFINITIONS.referral,
          expectedForYear: "The house's expected cases for the year in its operating budget (PUT /v1/reference/budgets/{year}); null when the budget has none. The nation's: the sum of the houses', when every house has one.",
          expectedToDate: 'expectedForYear × days from 1 January to asOf (both included) / days of the year: flat over the year (no seasonality, our choice), 2 decimals.',
          ratioToDate: 'referrals to date / expected to date (unrounded), 2 decimals, half up.',
          percentOfYearReached: 'referrals to date / expectedForYear, whole percent, half up.',
          projectedForYear: 'referrals to date × days of the year / days elapsed: the year if the pace holds, 2 decimals.',
          disclosure: 'Counts per house for the houses and ops: operational, not suppressed (like the lead times).',
        },
        rows,
      },
      csv: () => ytdCsv(rows),
    };
  }
}
