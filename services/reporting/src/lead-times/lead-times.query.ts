import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { type LeadTimesGroup, leadTimesReport } from './lead-times.report';

const leadTimesCsv = (groups: LeadTimesGroup[]): CsvTable<LeadTimesGroup> => ({
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
  ],
});

/** Lead times of the cases closed in the period, open cases aged at asOf, waiting times: for one house or all. */
export class GetLeadTimes extends Query<Report<LeadTimesGroup>> {
  constructor(
    readonly period: Period,
    readonly asOf: string,
    readonly house: string | undefined,
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

  async execute({ period, asOf, house }: GetLeadTimes): Promise<Report<LeadTimesGroup>> {
    const houseFilter = (column: string, n: number) => (house ? ` AND ${column} = $${n}` : '');
    const params = (...values: unknown[]) => (house ? [...values, house] : values);
    const data = await withLiveReadModels(this.dataSource, async (m) => ({
      closed: (await m.query(
        `SELECT house_code AS "houseCode", (closed_at - opened_at) AS "leadTimeDays" FROM case_closures WHERE closed_at >= $1 AND closed_at < $2${houseFilter('house_code', 3)}`,
        params(period.from, dayAfter(period)),
      )) as { houseCode: string; leadTimeDays: number }[],
      open: (await m.query(
        `SELECT i.case_id AS "caseId", i.house_code AS "houseCode", i.municipality_code AS "municipalityCode", i.opened_at::text AS "openedAt", i.municipality_aware_at::text AS "municipalityAwareAt"
           FROM case_intakes i LEFT JOIN case_closures c USING (case_id)
          WHERE i.opened_at <= $1 AND (c.case_id IS NULL OR c.closed_at > $1)${houseFilter('i.house_code', 2)}
          ORDER BY i.opened_at, i.case_id`,
        params(asOf),
      )) as { caseId: string; houseCode: string; municipalityCode: string; openedAt: string; municipalityAwareAt: string }[],
      opened: (await m.query(
        `SELECT house_code AS "houseCode", (opened_at - referred_at) AS "waitingDays" FROM case_intakes WHERE opened_at >= $1 AND opened_at < $2${houseFilter('house_code', 3)}`,
        params(period.from, dayAfter(period)),
      )) as { houseCode: string; waitingDays: number }[],
      houses: ((await m.query(`SELECT house_code FROM ref_houses ORDER BY region_code`)) as { house_code: string }[]).map((h) => h.house_code),
    }));
    const groups = leadTimesReport({ ...data, houses: house ? [house] : data.houses, asOf, warningDays: this.settings.leadTimeWarningDays });
    return {
      name: `lead-times-${period.from}-${period.to}${house ? `-${house}` : ''}`,
      json: {
        period,
        house: house ?? null,
        asOf,
        warningDays: this.settings.leadTimeWarningDays,
        definitions: {
          leadTime: 'Calendar days from the case being opened (referral accepted) to its closing date (latest closure revision), for cases closed in the period.',
          averageDays: 'Whole days, half up.',
          medianAndP90: 'Nearest rank: the ⌈p·n⌉-th smallest lead time.',
          within: '≤ 90 and ≤ 120 days (the day itself is within); percent of the closed cases, whole percent half up.',
          approaching: 'Open cases not yet past the limit that pass it within the warning window; passesOn is the first day beyond the limit.',
          section20: "The municipality's § 20 deadline: municipalityAwareAt + 4 months (an earlier month-end when the day does not exist).",
          waiting: 'Days from referral to the case being opened, for cases opened in the period.',
        },
        all: groups[0],
        byHouse: groups.slice(1),
      },
      csv: () => leadTimesCsv(groups),
    };
  }
}
