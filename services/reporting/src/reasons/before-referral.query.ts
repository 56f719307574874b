import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { notReferredReasons, type NotReferredReason } from '@sagsspor/contracts';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvLocale, CsvTable } from '../reports/csv';
import { suppressionKindDa } from '../reports/danish';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { notReferredReasonDa } from './reasons.danish';
import { beforeReferral, type BeforeReferralFact, type BeforeReferralRow } from './reasons.report';
import { referenceMunicipalities, referenceNames } from '../reports/reference-rows';

/** Who reads, and so whether the figures leave the municipality (ADR 0074). */
export interface BeforeReferralScope {
  /** A municipality caller: its own figures, unsuppressed. */
  ownMunicipality?: string;
  /** Another caller's filter: one municipality, or the municipalities of one house. */
  municipality?: string;
  house?: string;
}

const csvOf = (rows: BeforeReferralRow[], locale: CsvLocale): CsvTable<BeforeReferralRow> => ({
  rows,
  columns: [
    { header: { en: 'municipality', da: 'kommune' }, value: (r) => r.municipalityCode, da: { total: 'i alt' } },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'month', da: 'måned' }, value: (r) => r.month },
    { header: { en: 'underretninger about suspected abuse', da: 'underretninger om mistanke om overgreb' }, value: (r) => r.underretninger },
    { header: { en: '§ 11 measure instead of investigation', da: '§ 11 i stedet for børnefaglig undersøgelse' }, value: (r) => r.preventiveMeasureInstead },
    { header: { en: 'police only consulted', da: 'politiet kun konsulteret' }, value: (r) => r.policeOnlyConsulted },
    { header: { en: 'reason not referred recorded', da: 'årsag til ikke henvist registreret' }, value: (r) => r.withReasons },
    ...notReferredReasons.map((reason: NotReferredReason) => ({ header: { en: reason, da: notReferredReasonDa[reason] }, value: (r: BeforeReferralRow) => r.reasons[reason] })),
    {
      header: { en: 'suppressed', da: 'diskretioneret' },
      value: (r: BeforeReferralRow) =>
        Object.entries(r.suppressed)
          .map(([measure, kind]) => `${measure}: ${locale === 'da' ? suppressionKindDa[kind] : kind}`)
          .join(locale === 'da' ? ', ' : ' '),
    },
  ],
});

/** Underretninger about suspected abuse received in the period, by municipality and month (ADR 0074). */
export class GetBeforeReferral extends Query<Report<BeforeReferralRow>> {
  constructor(
    readonly period: Period,
    readonly scope: BeforeReferralScope,
  ) {
    super();
  }
}

interface CountRow {
  municipalityCode: string;
  month: string;
  underretninger: number;
  preventiveMeasureInstead: number;
  policeOnlyConsulted: number;
  withReasons: number;
}

@QueryHandler(GetBeforeReferral)
export class GetBeforeReferralHandler implements IQueryHandler<GetBeforeReferral> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, scope }: GetBeforeReferral): Promise<Report<BeforeReferralRow>> {
    const params = [period.from, dayAfter(period), scope.ownMunicipality ?? null];
    // Criterion 1 of Barnets lov § 125: the concerns include violence, sexual or psychological abuse.
    const inScope = `r.received_at >= $1 AND r.received_at < $2 AND r.concerns && ARRAY['violence', 'sexual', 'psychological'] AND ($3::text IS NULL OR r.municipality_code = $3)`;
    const { counts, reasons } = await withLiveReadModels(this.dataSource, async (m) => ({
      counts: (await m.query(
        `SELECT r.municipality_code AS "municipalityCode", to_char(r.received_at, 'YYYY-MM') AS month, count(*)::int AS underretninger,
                count(*) FILTER (WHERE d.preventive_measure_at IS NOT NULL AND d.child_investigation_decided_at IS NULL)::int AS "preventiveMeasureInstead",
                count(*) FILTER (WHERE d.police_consulted_at IS NOT NULL AND d.police_reported_at IS NULL)::int AS "policeOnlyConsulted",
                count(*) FILTER (WHERE cardinality(n.reasons) > 0)::int AS "withReasons"
           FROM underretning_receipts r
           LEFT JOIN underretning_decision_dates d USING (municipality_code, underretning_id)
           LEFT JOIN underretning_not_referred_reasons n USING (municipality_code, underretning_id)
          WHERE ${inScope}
          GROUP BY 1, 2`,
        params,
      )) as CountRow[],
      reasons: (await m.query(
        `SELECT r.municipality_code AS "municipalityCode", to_char(r.received_at, 'YYYY-MM') AS month, reason, count(*)::int AS count
           FROM underretning_receipts r
           JOIN underretning_not_referred_reasons n USING (municipality_code, underretning_id)
           CROSS JOIN LATERAL unnest(n.reasons) AS reason
          WHERE ${inScope}
          GROUP BY 1, 2, 3`,
        params,
      )) as { municipalityCode: string; month: string; reason: NotReferredReason; count: number }[],
    }));
    const facts: BeforeReferralFact[] = counts.map((c) => ({ ...c, reasons: {} }));
    for (const r of reasons) {
      const fact = facts.find((f) => f.municipalityCode === r.municipalityCode && f.month === r.month);
      if (fact) fact.reasons[r.reason] = r.count;
    }
    const houseOf = new Map(referenceMunicipalities.map((m) => [m.code, m.defaultHouse]));
    const own = scope.ownMunicipality !== undefined;
    const keep = (code: string) => (scope.municipality === undefined || code === scope.municipality) && (scope.house === undefined || houseOf.get(code) === scope.house);
    const rows = beforeReferral(facts, (code) => referenceNames.get(code) ?? code, { suppress: !own, keep: own ? () => true : keep, withTotals: !own && scope.municipality === undefined && scope.house === undefined });
    return {
      name: `before-referral-${period.from}-${period.to}`,
      json: {
        period,
        municipality: scope.ownMunicipality ?? scope.municipality ?? null,
        house: scope.house ?? null,
        definitions: {
          underretninger:
            'Underretninger received in the period (by receivedAt) whose concerns include violence, sexual or psychological abuse (criterion 1 of Barnets lov § 125), by the month received. Source: Ankestyrelsen, Kommunernes brug af børnehuse: "sager, hvor der er viden eller mistanke om overgreb mod børn eller unge".',
          preventiveMeasureInstead:
            'Of those, the ones with a preventive measure (Barnets lov § 11) recorded and no § 20 investigation decided, as the decisions stand now. Source: "kommunerne iværksætter forebyggende støtte efter § 11 i sager, hvor børnehusene vurderer, at der er behov for psykologisk udredning".',
          policeOnlyConsulted:
            'Of those, the ones where the police were consulted but the matter was not reported to them. Source: "Alt efter om »involvering« defineres som værende allerede ved den indledende sparring med politiet, eller om det først er ved anmeldelse af sagen".',
          withReasons: 'Of those, the ones for which the municipality recorded why the child was not referred.',
          reasons:
            'Underretninger per reason recorded (one may have several, so the reasons add up to more than withReasons). The reasons are the ones Ankestyrelsen found: "Der kan være følgende årsager til, at kommunen undlader at benytte børnehuset"; their Danish wording is in the Danish CSV.',
          suppression: own
            ? 'Not suppressed: the municipality sees its own figures.'
            : "Released beyond the municipality: each measure is suppressed as one table of municipalities under each month's national count: counts 0-2 are hidden (primary) and further counts (secondary) until none can be narrowed (ADR 0044), on the whole national table before any filter. `suppressed` names the hidden measures of a row.",
        },
        rows,
      },
      csv: (locale) => csvOf(rows, locale),
    };
  }
}
