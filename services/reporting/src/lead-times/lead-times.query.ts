import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { houseSites } from '@sagsspor/reference-data';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { MUNICIPALITY_SCOPE_DEFINITION, SECTION_20_RISK_DEFINITION } from './municipality-definitions';
import { type AtSite, leadTimesBySite, type LeadTimesSiteGroup } from './lead-times-by-site.report';
import { type ClosedCase, countedOut, type LeadTimesGroup, leadTimesReport, type LeadTimeTrendMonth, leadTimeTrend, type OpenedCase } from './lead-times.report';
import { referenceHouses } from '../reports/reference-rows';

/** Where a case counts by site (ADR 0075), in every answer with a site breakdown. */
export const SITE_DEFINITION =
  "Each site of the houses in scope (reference data house_sites.csv): the cases the house put at the site (PUT /v1/cases/{caseId}/site in case-lifecycle), and the cases it put at none at its main site. A case counts wholly at the site it is at now.";

const leadTimesCsv = (groups: (LeadTimesGroup | LeadTimesSiteGroup)[]): CsvTable<LeadTimesGroup | LeadTimesSiteGroup> => ({
  rows: groups,
  columns: [
    { header: { en: 'house', da: 'børnehus' }, value: (g) => g.houseCode },
    { header: { en: 'closed cases', da: 'antal afsluttede sager' }, value: (g) => g.closed.count },
    { header: { en: 'average days', da: 'gns. indskrivningstid i dage' }, value: (g) => g.closed.averageDays },
    { header: { en: 'median days', da: 'median i dage' }, value: (g) => g.closed.medianDays },
    { header: { en: '90th percentile days', da: '90-procent-fraktil i dage' }, value: (g) => g.closed.p90Days },
    { header: { en: 'within 120 days', da: 'antal 120 dage' }, value: (g) => g.closed.within120.count },
    { header: { en: 'within 120 days %', da: '120 dage pct' }, value: (g) => g.closed.within120.percent },
    { header: { en: 'within 90 days', da: 'antal 90 dage' }, value: (g) => g.closed.within90.count },
    { header: { en: 'within 90 days %', da: '90 dage pct' }, value: (g) => g.closed.within90.percent },
    { header: { en: 'open cases', da: 'åbne sager' }, value: (g) => g.open.count },
    { header: { en: 'about to pass 90 days', da: 'passerer snart 90 dage' }, value: (g) => g.open.approaching90.length },
    { header: { en: 'past 90 days', da: 'over 90 dage' }, value: (g) => g.open.passed90 },
    { header: { en: 'about to pass 120 days', da: 'passerer snart 120 dage' }, value: (g) => g.open.approaching120.length },
    { header: { en: 'past 120 days', da: 'over 120 dage' }, value: (g) => g.open.passed120 },
    { header: { en: '§ 20 deadline near', da: '§ 20-frist nærmer sig' }, value: (g) => g.open.section20.approaching.length },
    { header: { en: '§ 20 deadline passed', da: '§ 20-frist overskredet' }, value: (g) => g.open.section20.passed.length },
    { header: { en: 'cases opened', da: 'oprettede sager' }, value: (g) => g.waitingReferralToOpened.casesOpened },
    { header: { en: 'average days referral to opened', da: 'gns. dage fra henvisning til oprettelse' }, value: (g) => g.waitingReferralToOpened.averageDays },
    { header: { en: 'median days referral to opened', da: 'median dage fra henvisning til oprettelse' }, value: (g) => g.waitingReferralToOpened.medianDays },
    { header: { en: 'site', da: 'afdeling' }, value: (g) => ('siteCode' in g ? g.siteCode : null) },
  ],
});

/** Lead times of the cases closed in the period, open cases aged at asOf, waiting times: for one house or all. */
export class GetLeadTimes extends Query<Report<LeadTimesGroup>> {
  constructor(
    readonly period: Period,
    readonly asOf: string,
    readonly house: string | undefined,
    /** Only the cases of this municipality (the handlekommune, ADR 0075). */
    readonly municipality?: string,
  ) {
    super();
  }
}

@QueryHandler(GetLeadTimes)
export class GetLeadTimesHandler implements IQueryHandler<GetLeadTimes> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async execute({ period, asOf, house, municipality }: GetLeadTimes): Promise<Report<LeadTimesGroup>> {
    const houseFilter = (column: string, n: number) => (house ? ` AND ${column} = $${n}` : '');
    const params = (...values: unknown[]) => (house ? [...values, house] : values);
    // A municipality's cases are read from the fact rows (the summaries hold no municipality), the
    // same expressions as the summaries' keys, so the figures are those of the summaries restricted.
    // `n`: the parameter number the municipality takes when there is no house (one more with a house).
    const municipalityFilter = (column: string, n: number) => (municipality ? ` AND ${column} = $${house ? n + 1 : n}` : '');
    const scoped = (...values: unknown[]) => (municipality ? [...params(...values), municipality] : params(...values));
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      closed: municipality
        ? ((await m.query(
            `SELECT house_code AS "houseCode", closed_at - opened_at AS "leadTimeDays" FROM case_closures WHERE closed_at >= $1 AND closed_at < $2${houseFilter('house_code', 3)}${municipalityFilter('municipality_code', 3)}`,
            scoped(period.from, dayAfter(period)),
          )) as ClosedCase[])
        : countedOut<ClosedCase>(
            await m.query(
              `SELECT house_code AS "houseCode", lead_time_days AS "leadTimeDays", cases FROM closed_cases_by_day WHERE closed_at >= $1 AND closed_at < $2${houseFilter('house_code', 3)}`,
              params(period.from, dayAfter(period)),
            ),
          ),
      open: (await m.query(
        `SELECT i.case_id AS "caseId", i.house_code AS "houseCode", i.municipality_code AS "municipalityCode", i.opened_at::text AS "openedAt", i.municipality_aware_at::text AS "municipalityAwareAt", s.site_code AS "siteCode"
           FROM case_intakes i LEFT JOIN case_closures c USING (case_id) LEFT JOIN case_sites s ON s.case_id = i.case_id
          WHERE i.opened_at <= $1 AND (c.case_id IS NULL OR c.closed_at > $1)${houseFilter('i.house_code', 2)}${municipalityFilter('i.municipality_code', 2)}
          ORDER BY i.opened_at, i.case_id`,
        scoped(asOf),
      )) as { caseId: string; houseCode: string; municipalityCode: string; openedAt: string; municipalityAwareAt: string; siteCode: string | null }[],
      opened: municipality
        ? ((await m.query(
            `SELECT house_code AS "houseCode", opened_at - referred_at AS "waitingDays" FROM case_intakes WHERE opened_at >= $1 AND opened_at < $2${houseFilter('house_code', 3)}${municipalityFilter('municipality_code', 3)}`,
            scoped(period.from, dayAfter(period)),
          )) as OpenedCase[])
        : countedOut<OpenedCase>(
            await m.query(
              `SELECT house_code AS "houseCode", waiting_days AS "waitingDays", cases FROM opened_cases_by_day WHERE opened_at >= $1 AND opened_at < $2${houseFilter('house_code', 3)}`,
              params(period.from, dayAfter(period)),
            ),
          ),
      // By site (ADR 0075): the fact rows with the site their house put them at (none: the main site), counted per key.
      closedAtSites: countedOut<ClosedCase & AtSite>(
        await m.query(
          `SELECT c.house_code AS "houseCode", s.site_code AS "siteCode", c.closed_at - c.opened_at AS "leadTimeDays", count(*)::int AS cases
             FROM case_closures c LEFT JOIN case_sites s USING (case_id)
            WHERE c.closed_at >= $1 AND c.closed_at < $2 AND ($3::text IS NULL OR c.house_code = $3) AND ($4::text IS NULL OR c.municipality_code = $4) GROUP BY 1, 2, 3`,
          [period.from, dayAfter(period), house ?? null, municipality ?? null],
        ),
      ),
      openedAtSites: countedOut<OpenedCase & AtSite>(
        await m.query(
          `SELECT i.house_code AS "houseCode", s.site_code AS "siteCode", i.opened_at - i.referred_at AS "waitingDays", count(*)::int AS cases
             FROM case_intakes i LEFT JOIN case_sites s USING (case_id)
            WHERE i.opened_at >= $1 AND i.opened_at < $2 AND ($3::text IS NULL OR i.house_code = $3) AND ($4::text IS NULL OR i.municipality_code = $4) GROUP BY 1, 2, 3`,
          [period.from, dayAfter(period), house ?? null, municipality ?? null],
        ),
      ),
    }));
    const houses = house ? [house] : referenceHouses.map((h) => h.code);
    const groups = leadTimesReport({ ...data, houses, asOf, warningDays: this.settings.leadTimeWarningDays });
    const bySite = leadTimesBySite({ closed: data.closedAtSites, open: data.open, opened: data.openedAtSites, houses, sites: houseSites, asOf, warningDays: this.settings.leadTimeWarningDays });
    return {
      name: `lead-times-${period.from}-${period.to}${house ? `-${house}` : ''}${municipality ? `-${municipality}` : ''}`,
      json: {
        period,
        house: house ?? null,
        ...(municipality ? { municipality } : {}),
        asOf,
        warningDays: this.settings.leadTimeWarningDays,
        definitions: {
          leadTime: 'Calendar days from the case being opened (referral accepted) to its closing date (latest closure revision), for cases closed in the period.',
          averageDays: 'Whole days, half up.',
          medianAndP90: 'Nearest rank: the ⌈p·n⌉-th smallest lead time.',
          within: '≤ 90 and ≤ 120 days (the day itself is within); percent of the closed cases, whole percent half up.',
          approaching: 'Open cases not yet past the limit that pass it within the warning window; passesOn is the first day beyond the limit.',
          section20: "The municipality's § 20 deadline: municipalityAwareAt + 4 months (an earlier month-end when the day does not exist).",
          section20Risk: SECTION_20_RISK_DEFINITION,
          ...(municipality ? { municipality: MUNICIPALITY_SCOPE_DEFINITION } : {}),
          waiting: 'Days from referral to the case being opened, for cases opened in the period.',
          bySite: SITE_DEFINITION,
        },
        all: groups[0],
        byHouse: groups.slice(1),
        bySite,
      },
      csv: () => leadTimesCsv([...groups, ...bySite]),
    };
  }
}

const trendCsv = (months: LeadTimeTrendMonth[]): CsvTable<LeadTimeTrendMonth> => ({
  rows: months,
  columns: [
    { header: { en: 'month', da: 'måned' }, value: (m) => m.month },
    { header: { en: 'from', da: 'fra' }, value: (m) => m.from },
    { header: { en: 'to', da: 'til' }, value: (m) => m.to },
    { header: { en: 'closed cases', da: 'antal afsluttede sager' }, value: (m) => m.closed.count },
    { header: { en: 'average days', da: 'gns. indskrivningstid i dage' }, value: (m) => m.closed.averageDays },
    { header: { en: 'median days', da: 'median i dage' }, value: (m) => m.closed.medianDays },
    { header: { en: '90th percentile days', da: '90-procent-fraktil i dage' }, value: (m) => m.closed.p90Days },
    { header: { en: 'within 90 days', da: 'antal 90 dage' }, value: (m) => m.closed.within90.count },
    { header: { en: 'within 90 days %', da: '90 dage pct' }, value: (m) => m.closed.within90.percent },
    { header: { en: 'within 120 days', da: 'antal 120 dage' }, value: (m) => m.closed.within120.count },
    { header: { en: 'within 120 days %', da: '120 dage pct' }, value: (m) => m.closed.within120.percent },
  ],
});

/** The lead times of the cases closed in each month of the period (the first and last month cut to it), for one house or all: one read of the summary. */
export class GetLeadTimeTrend extends Query<Report<LeadTimeTrendMonth>> {
  constructor(
    readonly period: Period,
    readonly house: string | undefined,
    /** Today (Europe/Copenhagen): months that have not begun are left out. */
    readonly today: string,
    /** Only the cases of this municipality (the handlekommune, ADR 0075). */
    readonly municipality?: string,
  ) {
    super();
  }
}

@QueryHandler(GetLeadTimeTrend)
export class GetLeadTimeTrendHandler implements IQueryHandler<GetLeadTimeTrend> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, house, today, municipality }: GetLeadTimeTrend): Promise<Report<LeadTimeTrendMonth>> {
    const counts = await withLiveReadModels(
      this.dataSource,
      async (m) =>
        (await m.query(
          municipality
            ? `SELECT to_char(closed_at, 'YYYY-MM') AS month, closed_at - opened_at AS "leadTimeDays", count(*)::int AS cases
                 FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text IS NULL OR house_code = $3) AND municipality_code = $4 GROUP BY 1, 2`
            : `SELECT to_char(closed_at, 'YYYY-MM') AS month, lead_time_days AS "leadTimeDays", sum(cases)::int AS cases
             FROM closed_cases_by_day WHERE closed_at >= $1 AND closed_at < $2 AND ($3::text IS NULL OR house_code = $3) GROUP BY 1, 2`,
          [period.from, dayAfter(period), house ?? null, ...(municipality ? [municipality] : [])],
        )) as { month: string; leadTimeDays: number; cases: number }[],
    );
    const months = leadTimeTrend(period, today, counts);
    return {
      name: `lead-time-trend-${period.from}-${period.to}${house ? `-${house}` : ''}${municipality ? `-${municipality}` : ''}`,
      json: {
        period,
        house: house ?? null,
        ...(municipality ? { municipality } : {}),
        today,
        definitions: {
          months: 'Each calendar month of the period that has begun, the first and last cut to the period; closed holds the figures of GET /v1/reports/lead-times?from=<from>&to=<to> for the cases closed in it.',
          leadTime: 'Calendar days from the case being opened (referral accepted) to its closing date (latest closure revision).',
          averageDays: 'Whole days, half up.',
          medianAndP90: 'Nearest rank: the ⌈p·n⌉-th smallest lead time.',
          within: '≤ 90 and ≤ 120 days (the day itself is within); percent of the closed cases, whole percent half up.',
        },
        months,
      },
      csv: () => trendCsv(months),
    };
  }
}
