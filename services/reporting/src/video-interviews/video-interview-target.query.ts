import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { houseSites } from '@sagsspor/reference-data';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { INTERVIEW_TARGET_DAYS, type TargetInterviewAtSite, type TargetRow, type TargetSiteRow, videoInterviewTarget, videoInterviewTargetBySite } from './video-interview-target.report';
import { referencePoliceDistricts } from '../reports/reference-rows';

// A site's row has no police district and is the whole period; its site is in the last column (as in the lead-time CSV).
const csvOf = (rows: (TargetRow | TargetSiteRow)[]): CsvTable<TargetRow | TargetSiteRow> => ({
  rows,
  columns: [
    { header: { en: 'police district', da: 'politikreds' }, value: (r) => ('policeDistrict' in r ? r.policeDistrict : null), da: { total: 'i alt' } },
    { header: { en: 'name', da: 'navn' }, value: (r) => ('name' in r ? r.name : r.siteName) },
    { header: { en: 'month', da: 'måned' }, value: (r) => ('month' in r ? r.month : 'all'), da: { all: 'hele perioden' } },
    { header: { en: 'video interviews', da: 'videoafhøringer' }, value: (r) => r.interviews },
    { header: { en: 'within 7 days', da: 'inden for 7 dage' }, value: (r) => r.withinTarget.count },
    { header: { en: 'within 7 days (%)', da: 'inden for 7 dage (%)' }, value: (r) => r.withinTarget.percent },
    { header: { en: 'late', da: 'for sent' }, value: (r) => r.late.count },
    { header: { en: 'late (%)', da: 'for sent (%)' }, value: (r) => r.late.percent },
    { header: { en: 'report date unknown', da: 'anmeldelsesdato ukendt' }, value: (r) => r.reportDateUnknown },
    { header: { en: 'median days from report', da: 'median dage fra anmeldelse' }, value: (r) => r.medianDaysFromReport },
    { header: { en: 'reinterviews', da: 'genafhøringer' }, value: (r) => r.reinterviews },
    { header: { en: 'site', da: 'afdeling' }, value: (r) => ('siteCode' in r ? r.siteCode : null) },
  ],
});

/** The police's 7-day target for the video interviews conducted in the period, by police district and month. */
export class GetVideoInterviewTarget extends Query<Report<TargetRow | TargetSiteRow>> {
  constructor(
    readonly period: Period,
    readonly house: string | undefined,
    readonly policeDistrict: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetVideoInterviewTarget)
export class GetVideoInterviewTargetHandler implements IQueryHandler<GetVideoInterviewTarget> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, house, policeDistrict }: GetVideoInterviewTarget): Promise<Report<TargetRow | TargetSiteRow>> {
    const { interviews } = await withLiveReadModels(this.dataSource, async (m) => ({
      interviews: (await m.query(
        `SELECT v.police_district AS "policeDistrict", to_char(v.conducted_at, 'YYYY-MM') AS month, coalesce(v.reinterview, false) AS reinterview,
                v.days_from_report AS "daysFromReport", coalesce(v.late_against_target, false) AS "lateAgainstTarget", v.house_code AS "houseCode", s.site_code AS "siteCode"
           FROM video_interviews v LEFT JOIN video_interview_sites s USING (police_district, interview_id)
          WHERE v.conducted_at >= $1 AND v.conducted_at < $2 AND ($3::text IS NULL OR v.house_code = $3) AND ($4::text IS NULL OR v.police_district = $4)`,
        [period.from, dayAfter(period), house ?? null, policeDistrict ?? null],
      )) as TargetInterviewAtSite[],
    }));
    const districts = referencePoliceDistricts.filter((d) => !policeDistrict || d.code === policeDistrict);
    const report = videoInterviewTarget(interviews, districts);
    const houses = house ? [house] : [...new Set(houseSites.map((s) => s.houseCode))];
    const bySite = videoInterviewTargetBySite(interviews, houses, houseSites);
    return {
      name: `video-interview-target-${period.from}-${period.to}${house ? `-${house}` : ''}${policeDistrict ? `-${policeDistrict}` : ''}`,
      json: {
        period,
        house: house ?? null,
        policeDistrict: policeDistrict ?? null,
        targetDays: INTERVIEW_TARGET_DAYS,
        definitions: {
          source: 'The police\'s target of a video interview within seven days of the police report (Ankestyrelsen, 003_c4a1c813f5ce4a07.txt: "ventetid på videoafhøringer, som overskrider politiets frist på syv dage").',
          interviews: 'First video interviews (latest revision) conducted in the period, by the police district that conducted them and the month of conductedAt; reinterviews are counted apart and left out of the other figures (our choice: the target is about the first interview after the report).',
          withinTarget: 'daysFromReport (calendar days from reportedToPoliceAt to conductedAt, as sector-coordination recorded it) at most 7; percent of the interviews with a report date, whole percent half up.',
          late: 'lateAgainstTarget as sector-coordination recorded it: more than 7 days after the report; percent of the interviews with a report date.',
          reportDateUnknown: 'The police system sent no reportedToPoliceAt: neither within the target nor late (our choice: not counted as met).',
          medianDaysFromReport: 'Nearest rank (the ⌈n/2⌉-th smallest daysFromReport) of the interviews with a report date, as the lead-time medians.',
          districts: 'Every police district of the reference data for the whole period, also those without interviews.',
          bySite:
            "The same figures for the whole period per site of the houses in scope (reference data house_sites.csv, ADR 0076): an interview counts at the site it was put at (PUT /v1/video-interviews/{interviewId}/site in sector-coordination) while that is a site of the interview's house now, else at that house's main site.",
        },
        rows: report.rows,
        districts: report.districts,
        total: report.total,
        bySite,
      },
      csv: () => csvOf([...report.rows, ...report.districts, report.total, ...bySite]),
    };
  }
}
