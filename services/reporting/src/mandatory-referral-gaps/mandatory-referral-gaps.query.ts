import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import type { CsvLocale, CsvTable } from '../reports/csv';
import { legalBasisDa, policeInvolvementDa } from '../reports/danish';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { type GapFact, type GapGroupBy, type GapRow, mandatoryReferralGaps } from './mandatory-referral-gaps.report';
import { referenceNames } from '../reports/reference-rows';

/** Several values in one cell, space-separated; in Danish ones comma-separated (the Danish words have spaces). */
const valuesIn = (values: string[], locale: CsvLocale, da: Readonly<Record<string, string>>) => (locale === 'da' ? values.map((v) => da[v] ?? v).join(', ') : values.join(' '));

const csvOf = (groupBy: string, rows: GapRow[], locale: CsvLocale): CsvTable<GapRow> => ({
  rows,
  columns: [
    { header: { en: groupBy, da: { municipality: 'kommune', house: 'børnehus', month: 'måned' }[groupBy] ?? groupBy }, value: (r) => r.key },
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'gaps opened', da: 'manglende henvisninger' }, value: (r) => r.opened },
    { header: { en: 'still open', da: 'stadig uden henvisning' }, value: (r) => r.stillOpen },
    { header: { en: 'closed by a late referral', da: 'henvist for sent' }, value: (r) => r.closedLate },
    { header: { en: 'average days overdue', da: 'gns. dage for sent' }, value: (r) => r.averageDaysOverdue },
    { header: { en: 'police involvement definition', da: 'definition af politiets involvering' }, value: (r) => valuesIn(r.policeInvolvement, locale, policeInvolvementDa) },
    { header: { en: 'legal basis', da: 'hjemmel' }, value: (r) => valuesIn(r.legalBasis, locale, legalBasisDa) },
    { header: { en: 'referral window days', da: 'frist for henvisning i dage' }, value: (r) => r.referralWindowDays.join(' ') },
  ],
});

/** The mandatory-referral gaps opened in the period, by group, in the caller's scope. */
export class GetMandatoryReferralGaps extends Query<Report<GapRow>> {
  constructor(
    readonly period: Period,
    readonly groupBy: GapGroupBy,
    readonly house: string | undefined,
    readonly municipality: string | undefined,
  ) {
    super();
  }
}

@QueryHandler(GetMandatoryReferralGaps)
export class GetMandatoryReferralGapsHandler implements IQueryHandler<GetMandatoryReferralGaps> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ period, groupBy, house, municipality }: GetMandatoryReferralGaps): Promise<Report<GapRow>> {
    const { gaps } = await withLiveReadModels(this.dataSource, async (m) => ({
      gaps: (await m.query(
        `SELECT municipality_code AS "municipalityCode", house_code AS "houseCode", to_char(opened_at, 'YYYY-MM') AS month, police_involvement AS "policeInvolvement",
                legal_basis AS "legalBasis", referral_window_days AS "referralWindowDays", days_overdue AS "daysOverdue"
           FROM mandatory_referral_gaps
          WHERE opened_at >= $1 AND opened_at < $2 AND ($3::text IS NULL OR house_code = $3) AND ($4::text IS NULL OR municipality_code = $4)`,
        [period.from, dayAfter(period), house ?? null, municipality ?? null],
      )) as GapFact[],
    }));
    const rows = mandatoryReferralGaps(gaps, groupBy, (key) => (groupBy === 'month' ? key : (referenceNames.get(key) ?? key)));
    return {
      name: `mandatory-referral-gaps-${period.from}-${period.to}-${groupBy}`,
      json: {
        period,
        groupBy,
        house: house ?? null,
        municipality: municipality ?? null,
        definitions: {
          gap: 'An underretning met the three criteria of Barnets lov § 125 (Serviceloven § 50 b before 2024: abuse suspected, § 20 (§ 50) investigation decided, police or hospital involved) and no referral for the child came within the referral window: counted by the day the gap opened.',
          closedLate: 'A referral came after the gap opened; daysOverdue counts the days after the due date.',
          policeInvolvement: "The definition of 'police involved' the referrals service used (a setting: reported, or consulted).",
          legalBasis: 'The provision the duty to refer rested on, by the law in force the day the criteria were met: serviceloven-50b until 2023, barnets-lov-125 from 1 January 2024.',
        },
        rows,
      },
      csv: (locale) => csvOf(groupBy, rows, locale),
    };
  }
}
