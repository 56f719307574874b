import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { houseSites } from '@sagsspor/reference-data';
import { DataSource } from 'typeorm';
import { SITE_DEFINITION } from '../lead-times/lead-times.query';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { COUNTED_CASE_KINDS, COUNTED_OUTCOMES } from '../reports/counted-cases';
import type { Report } from '../reports/report-response';
import { type SiteClosedCount, SITE_SUPPRESSION, usageBySite, type UsageSiteRow } from './usage-by-site.report';
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
  ],
});

/** The year's closed cases per site of each house (ADR 0075), live, under the usage table's suppression. */
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
    const counts = await withLiveReadModels(
      this.dataSource,
      async (m) =>
        (await m.query(
          `SELECT c.house_code AS "houseCode", s.site_code AS "siteCode", count(*)::int AS cases
             FROM case_closures c LEFT JOIN case_sites s USING (case_id)
            WHERE c.closed_at >= $1 AND c.closed_at < $2 AND c.case_kind = ANY($3) AND c.outcome = ANY($4) GROUP BY 1, 2`,
          [`${year}-01-01`, `${year + 1}-01-01`, COUNTED_CASE_KINDS, COUNTED_OUTCOMES],
        )) as SiteClosedCount[],
    );
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
          site: SITE_DEFINITION,
          suppression: `${SITE_SUPPRESSION} The houses' counts are the usage table's: ${SUPPRESSION}`,
        },
        rows,
      },
      csv: (locale) => csvOf(locale === 'da' ? rowsIn('da') : rows),
    };
  }
}
