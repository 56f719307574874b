import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { houseSites } from '@sagsspor/reference-data';
import { DataSource } from 'typeorm';
import { SITE_DEFINITION } from '../lead-times/lead-times.query';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { COUNTED_CASE_KINDS, COUNTED_OUTCOMES } from '../reports/counted-cases';
import type { Report } from '../reports/report-response';
import { type SiteClosedCount, SITE_INTERVIEW_SUPPRESSION, SITE_SUPPRESSION, type SiteInterviewCount, usageBySite, type UsageSiteRow } from './usage-by-site.report';
import { GetUsageReport, LIVE, SUPPRESSION, USAGE_DEFINITIONS } from './usage.query';
import type { UsageRow } from './usage.report';

const csvOf = (rows: UsageSiteRow[]): CsvTable<UsageSiteRow> => ({
  rows,
  columns: [
    { header: { en: 'house', da: 'børnehus' }, value: (r) => r.houseCode },
    { header: { en: 'house name', da: 'børnehusets navn' }, value: (r) => r.houseName },
    { header: { en: 'site', da: 'afdeling' }, value: (r) => r.siteCode },
    { header: { en: 'site name', da: 'afdelingens navn' }, value: (r) => r.siteName },
    { header: { en: 'main site', da: 'hovedafdeling' }, value: (r) => (r.main ? 1 : 0) },
    { header: { en: 'closed cases', da: 'antal børnehussager' }, value: (r) => r.closedCases },
    { header: { en: 'suppression reason', da: 'årsag til diskretionering' }, value: (r) => r.suppressionReason },
    { header: { en: 'video interviews', da: 'videoafhøringer' }, value: (r) => r.videoInterviews },
    { header: { en: 'video interviews suppression reason', da: 'årsag til diskretionering af videoafhøringer' }, value: (r) => r.videoInterviewsSuppressionReason },
  ],
});

/** What the interview counts per site are (ADR 0076). */
export const VIDEO_INTERVIEWS_AT_SITES =
  "Police video interviews conducted in the year (conductedAt of the latest revision; reinterviews included: each is held at the house), at the site the interview was put at (PUT /v1/video-interviews/{interviewId}/site in sector-coordination) while that is a site of the interview's house, else at its house's main site. By the house the interview is at now.";

/** The year's closed cases (ADR 0075) and video interviews (ADR 0076) per site of each house, live, under the usage table's suppression. */
export class GetUsageBySite extends Query<Report<UsageSiteRow>> {
  constructor(
    readonly year: number,
    readonly house: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetUsageBySite)
export class GetUsageBySiteHandler implements IQueryHandler<GetUsageBySite> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queryBus: QueryBus,
  ) {}

  async execute({ year, house }: GetUsageBySite): Promise<Report<UsageSiteRow>> {
    // The houses' counts exactly as the live usage table by house shows them, suppression included (422 without the year's population).
    const usage = (await this.queryBus.execute(new GetUsageReport(year, 'house', 'region', undefined, undefined))) as Report<UsageRow>;
    const houseRows = (usage.json as { rows: UsageRow[] }).rows;
    const counts = await withLiveReadModels(this.dataSource, async (m) => ({
      cases: (await m.query(
        `SELECT c.house_code AS "houseCode", s.site_code AS "siteCode", count(*)::int AS cases
           FROM case_closures c LEFT JOIN case_sites s USING (case_id)
          WHERE c.closed_at >= $1 AND c.closed_at < $2 AND c.case_kind = ANY($3) AND c.outcome = ANY($4) GROUP BY 1, 2`,
        [`${year}-01-01`, `${year + 1}-01-01`, COUNTED_CASE_KINDS, COUNTED_OUTCOMES],
      )) as SiteClosedCount[],
      // The interview's house now (its latest revision) and the site it was put at; siteOrMain puts one whose house changed since at its main site.
      interviews: (await m.query(
        `SELECT v.house_code AS "houseCode", s.site_code AS "siteCode", count(*)::int AS interviews
           FROM video_interviews v LEFT JOIN video_interview_sites s USING (police_district, interview_id)
          WHERE v.conducted_at >= $1 AND v.conducted_at < $2 GROUP BY 1, 2`,
        [`${year}-01-01`, `${year + 1}-01-01`],
      )) as SiteInterviewCount[],
    }));
    const rowsIn = (locale: 'en' | 'da') => usageBySite(houseRows, counts, houseSites, locale).filter((r) => !house || r.houseCode === house);
    const rows = rowsIn('en');
    return {
      name: `usage-${year}-site${house ? `-${house}` : ''}`,
      json: {
        year,
        house: house ?? null,
        period: { from: `${year}-01-01`, to: `${year}-12-31` },
        shows: LIVE,
        definitions: {
          closedCases: `The usage report's closed cases, per site: ${USAGE_DEFINITIONS.closedCases}`,
          videoInterviews: VIDEO_INTERVIEWS_AT_SITES,
          site: SITE_DEFINITION,
          suppression: `${SITE_SUPPRESSION} The houses' counts are the usage table's: ${SUPPRESSION}`,
          videoInterviewsSuppression: SITE_INTERVIEW_SUPPRESSION,
        },
        rows,
      },
      csv: (locale) => csvOf(locale === 'da' ? rowsIn('da') : rows),
    };
  }
}
