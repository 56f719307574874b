import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { MUNICIPALITY_SCOPE_DEFINITION } from '../lead-times/municipality-definitions';
import { type InterviewFact, type InterviewGroupRow, type VideoInterviewGroupBy, videoInterviewsNotReferred } from './video-interviews-not-referred.report';
import { referenceNames } from '../reports/reference-rows';

const csvOf = (groupBy: string, rows: InterviewGroupRow[]): CsvTable<InterviewGroupRow> => ({
  rows,
  columns: [
    { header: { en: groupBy, da: { month: 'måned', house: 'børnehus', municipality: 'kommune', policeDistrict: 'politikreds' }[groupBy] ?? groupBy }, value: (r) => r.key },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'video interviews', da: 'videoafhøringer' }, value: (r) => r.conducted },
    { header: { en: 'referred', da: 'henvist' }, value: (r) => r.referred },
    { header: { en: 'not referred (final)', da: 'ikke henvist (endeligt)' }, value: (r) => r.notReferredFinal },
    { header: { en: 'not referred (window open)', da: 'ikke henvist (vindue åbent)' }, value: (r) => r.notReferredProvisional },
    { header: { en: 'reinterviews', da: 'genafhøringer' }, value: (r) => r.reinterviews },
  ],
});

/** The video interviews conducted in the period, by group: referred or not (final, or the window still open on `now`). */
export class GetVideoInterviewsNotReferred extends Query<Report<InterviewGroupRow>> {
  constructor(
    readonly period: Period,
    readonly groupBy: VideoInterviewGroupBy,
    readonly house: string | undefined,
    /** Today (Europe/Copenhagen). */
    readonly now: string,
    /** Only the interviews of this municipality's children (ADR 0075). */
    readonly municipality?: string,
  ) {
    super();
  }
}

@QueryHandler(GetVideoInterviewsNotReferred)
export class GetVideoInterviewsNotReferredHandler implements IQueryHandler<GetVideoInterviewsNotReferred> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async execute({ period, groupBy, house, now, municipality }: GetVideoInterviewsNotReferred): Promise<Report<InterviewGroupRow>> {
    const { videoInterviewWindowBeforeDays: before, videoInterviewWindowAfterDays: after } = this.settings;
    const { interviews } = await withLiveReadModels(this.dataSource, async (m) => ({
      interviews: (await m.query(
        `WITH contacts AS (
           SELECT child_ref, referred_at AS at FROM referrals WHERE referred_at IS NOT NULL
           UNION ALL SELECT child_ref, accepted_at FROM referrals WHERE accepted_at IS NOT NULL
           UNION ALL SELECT child_ref, opened_at FROM case_intakes
           UNION ALL SELECT child_ref, opened_at FROM case_closures
         )
         SELECT v.interview_id AS "interviewId", v.conducted_at::text AS "conductedAt", to_char(v.conducted_at, 'YYYY-MM') AS month,
                v.house_code AS "houseCode", v.municipality_code AS "municipalityCode", v.police_district AS "policeDistrict", v.reinterview,
                EXISTS (SELECT 1 FROM contacts c WHERE c.child_ref = v.child_ref AND c.at BETWEEN v.conducted_at - $3::int AND v.conducted_at + $4::int) AS referred
           FROM video_interviews v
          WHERE v.conducted_at >= $1 AND v.conducted_at < $2 AND ($5::text IS NULL OR v.house_code = $5) AND ($6::text IS NULL OR v.municipality_code = $6)`,
        [period.from, dayAfter(period), before, after, house ?? null, municipality ?? null],
      )) as InterviewFact[],
    }));
    const rows = videoInterviewsNotReferred(interviews, groupBy, (key) => (groupBy === 'month' ? key : (referenceNames.get(key) ?? key)), now, after);
    return {
      name: `video-interviews-not-referred-${period.from}-${period.to}-${groupBy}${municipality ? `-${municipality}` : ''}`,
      json: {
        period,
        groupBy,
        house: house ?? null,
        ...(municipality ? { municipality } : {}),
        today: now,
        window: { beforeDays: before, afterDays: after },
        definitions: {
          referred: 'A referral (referredAt or acceptedAt) or a børnehus case (openedAt) for the same child falls within [conductedAt − beforeDays, conductedAt + afterDays].',
          notReferredProvisional: 'No referral yet and today ≤ conductedAt + afterDays: the window is still open, a late referral moves it to referred.',
          notReferredFinal: 'No referral and the window has passed.',
          reinterviews: 'Interviews the police mark as reinterviews are counted apart and left out of the other columns, so a child interviewed twice counts once.',
          interview: 'The latest revision of each interview (a correction of conductedAt moves it).',
          ...(municipality ? { municipality: MUNICIPALITY_SCOPE_DEFINITION } : {}),
        },
        rows,
      },
      csv: () => csvOf(groupBy, rows),
    };
  }
}
