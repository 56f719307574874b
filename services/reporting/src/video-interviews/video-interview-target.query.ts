import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { INTERVIEW_TARGET_DAYS, type TargetInterviewFact, type TargetRow, videoInterviewTarget } from './video-interview-target.report';
import { referencePoliceDistricts } from '../reports/reference-rows';

const csvOf = (rows: TargetRow[]): CsvTable<TargetRow> => ({
  rows,
  columns: [
    { header: { en: 'police district', da: 'politikreds' }, value: (r) => r.policeDistrict, da: { total: 'i alt' } },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'month', da: 'måned' }, value: (r) => r.month, da: { all: 'hele perioden' } },
    { header: { en: 'video interviews', da: 'videoafhøringer' }, value: (r) => r.interviews },
    { header: { en: 'within 7 days', da: 'inden for 7 dage' }, value: (r) => r.withinTarget.count },
    { header: { en: 'within 7 days (%)', da: 'inden for 7 dage (%)' }, value: (r) => r.withinTarget.percent },
    { header: { en: 'late', da: 'for sent' }, value: (r) => r.late.count },
    { header: { en: 'late (%)', da: 'for sent (%)' }, value: (r) => r.late.percent },
    { header: { en: 'report date unknown', da: 'anmeldelsesdato ukendt' }, value: (r) => r.reportDateUnknown },
    { header: { en: 'median days from report', da: 'median dage fra anmeldelse' }, value: (r) => r.medianDaysFromReport },
    { header: { en: 'reinterviews', da: 'genafhøringer' }, value: (r) => r.reinterviews },
  ],
});

/** The police's 7-day target for the video interviews conducted in the period, by police district and month. */
export class GetVideoInterviewTarget extends Query<Report<TargetRow>> {
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

  async execute({ period, house, policeDistrict }: GetVideoInterviewTarget): Promise<Report<TargetRow>> {
    const { interviews, districts } = await withLiveReadModels(this.dataSource, async (m) => ({
      interviews: (await m.query(
        `SELECT police_district AS "policeDistrict", to_char(conducted_at, 'YYYY-MM') AS month, coalesce(reinterview, false) AS reinterview,
                days_from_report AS "daysFromReport", coalesce(late_against_target, false) AS "lateAgainstTarget"
           FROM video_interviews
          WHERE conducted_at >= $1 AND conducted_at < $2 AND ($3::text IS NULL OR house_code = $3) AND ($4::text IS NULL OR police_district = $4)`,
        [period.from, dayAfter(period), house ?? null, policeDistrict ?? null],
      )) as TargetInterviewFact[],
      districts: referencePoliceDistricts.filter((d) => !policeDistrict || d.code === policeDistrict),
    }));
    const report = videoInterviewTarget(interviews, districts);
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
        },
        rows: report.rows,
        districts: report.districts,
        total: report.total,
      },
      csv: () => csvOf([...report.rows, ...report.districts, report.total]),
    };
  }
}
