import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvTable } from '../reports/csv';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { caseEndReasonDa } from './reasons.danish';
import { type CaseEndFact, type CaseEndReasonRow, caseEndReasonRows } from './reasons.report';
import { referenceNames } from '../reports/reference-rows';

const csvOf = (rows: CaseEndReasonRow[]): CsvTable<CaseEndReasonRow> => ({
  rows,
  columns: [
    { header: { en: 'house', da: 'børnehus' }, value: (r) => r.houseCode },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'year', da: 'år' }, value: (r) => r.year },
    { header: { en: 'reason', da: 'årsag' }, value: (r) => r.reason, da: { ...caseEndReasonDa, total: 'i alt' } },
    { header: { en: 'interrupted', da: 'afbrudt' }, value: (r) => r.interrupted },
    { header: { en: 'withdrawn', da: 'trukket tilbage' }, value: (r) => r.withdrawn },
    { header: { en: 'total', da: 'i alt' }, value: (r) => r.total },
  ],
});

/** Cases closed in the period as interrupted or withdrawn, by house, closing year and end reason (ADR 0074). */
export class GetCaseEndReasons extends Query<Report<CaseEndReasonRow>> {
  constructor(
    readonly period: Period,
    readonly house: string | undefined,
    readonly municipality: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetCaseEndReasons)
export class GetCaseEndReasonsHandler implements IQueryHandler<GetCaseEndReasons> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, house, municipality }: GetCaseEndReasons): Promise<Report<CaseEndReasonRow>> {
    // The closing as it stands (the highest revision, facts projection) decides outcome and year; the
    // reason comes from the reasons projection, `not-given` when the case has none (closed before
    // reasons existed, or closed without one).
    const { facts } = await withLiveReadModels(this.dataSource, async (m) => ({
      facts: (await m.query(
        `SELECT c.house_code AS "houseCode", extract(year FROM c.closed_at)::int AS year, c.outcome, coalesce(e.reason, 'not-given') AS reason
           FROM case_closures c LEFT JOIN case_end_reasons e ON e.case_id = c.case_id
          WHERE c.outcome IN ('interrupted', 'withdrawn') AND c.closed_at >= $1 AND c.closed_at < $2
            AND ($3::text IS NULL OR c.house_code = $3) AND ($4::text IS NULL OR c.municipality_code = $4)`,
        [period.from, dayAfter(period), house ?? null, municipality ?? null],
      )) as CaseEndFact[],
    }));
    const rows = caseEndReasonRows(facts, (code) => referenceNames.get(code) ?? code);
    return {
      name: `case-end-reasons-${period.from}-${period.to}`,
      json: {
        period,
        house: house ?? null,
        municipality: municipality ?? null,
        definitions: {
          cases: 'Børnehus cases closed in the period (by closedAt, the closing as corrected) as interrupted or withdrawn, by house and closing year, counted once under the reason their closing (or its latest correction) gave.',
          reasons:
            'Børnehus Midt, orientering v. DASSOS 4.11.2025: "Hurtigere afslutning af forløb ved ustabilt fremmøde eller hvor familierne ikke er motiveret til fremmøde" (unstable-attendance, family-not-motivated); Ankestyrelsen, Kommunernes brug af børnehuse: "Forældrene har modstand mod et forløb i børnehuset" (parents-opposed); municipality-withdrew, family-moved and other are ours. not-given: the house gave no reason (the default, and every case closed before reasons were recorded).',
        },
        rows,
      },
      csv: () => csvOf(rows),
    };
  }
}
