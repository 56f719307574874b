import { Controller, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { houseScopeOf, type Principal } from '@sagsspor/auth';
import type { Clock } from '@sagsspor/domain';
import { Caller, CLOCK } from '@sagsspor/platform';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import type { CsvTable } from '../reports/csv';
import { dayAfter, HouseFilterQuery, periodOf, today } from '../reports/report-query';
import { HOUSE_SCOPED_READERS, ReportEndpoint } from '../reports/report-endpoint';
import { answer } from '../reports/report-response';
import { type InterviewFact, type InterviewGroupRow, type VideoInterviewGroupBy, videoInterviewsNotReferred } from './video-interviews-not-referred.report';

const groupings = ['month', 'house', 'municipality', 'policeDistrict'];

export class VideoInterviewsQuery extends HouseFilterQuery {
  @ApiPropertyOptional({ enum: groupings, default: 'month' })
  @IsOptional()
  @IsIn(groupings, { message: `groupBy must be one of ${groupings.join(', ')}` })
  groupBy?: VideoInterviewGroupBy;
}

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

@ApiTags('reports')
@Controller('v1/reports/video-interviews-not-referred')
export class VideoInterviewsNotReferredHttpController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  @ReportEndpoint(HOUSE_SCOPED_READERS, 'Video interviews conducted in the period, by group: referred, not referred (final), not referred (window still open)')
  async report(@Query() query: VideoInterviewsQuery, @Caller() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const period = periodOf(query, this.clock, { defaultToCurrentYear: true });
    const groupBy = query.groupBy ?? 'month';
    const house = houseScopeOf(caller, query.house);
    const { videoInterviewWindowBeforeDays: before, videoInterviewWindowAfterDays: after } = this.settings;
    const { interviews, names } = await withLiveReadModels(this.dataSource, async (m) => ({
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
          WHERE v.conducted_at >= $1 AND v.conducted_at < $2${house ? ' AND v.house_code = $5' : ''}`,
        [period.from, dayAfter(period), before, after, ...(house ? [house] : [])],
      )) as InterviewFact[],
      names: new Map<string, string>(
        (
          (await m.query(
            `SELECT house_code AS key, name FROM ref_houses UNION ALL SELECT municipality_code, name FROM ref_municipalities UNION ALL SELECT district_code, name FROM ref_police_districts`,
          )) as { key: string; name: string }[]
        ).map((r) => [r.key, r.name]),
      ),
    }));
    const now = today(this.clock);
    const rows = videoInterviewsNotReferred(interviews, groupBy, (key) => (groupBy === 'month' ? key : (names.get(key) ?? key)), now, after);
    return answer(request, response, query, {
      name: `video-interviews-not-referred-${period.from}-${period.to}-${groupBy}`,
      json: {
        period,
        groupBy,
        house: house ?? null,
        today: now,
        window: { beforeDays: before, afterDays: after },
        definitions: {
          referred: 'A referral (referredAt or acceptedAt) or a børnehus case (openedAt) for the same child falls within [conductedAt − beforeDays, conductedAt + afterDays].',
          notReferredProvisional: 'No referral yet and today ≤ conductedAt + afterDays: the window is still open, a late referral moves it to referred.',
          notReferredFinal: 'No referral and the window has passed.',
          reinterviews: 'Interviews the police mark as reinterviews are counted apart and left out of the other columns, so a child interviewed twice counts once.',
          interview: 'The latest revision of each interview (a correction of conductedAt moves it).',
        },
        rows,
      },
      csv: () => csvOf(groupBy, rows),
    });
  }
}
