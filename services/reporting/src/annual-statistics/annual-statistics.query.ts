import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withLiveReadModels } from '../projections/projection-store';
import { REPORTING_SETTINGS, type ReportingSettings } from '../reporting-settings';
import { COUNTED_CASE_KINDS, COUNTED_CASES, COUNTED_OUTCOMES } from '../reports/counted-cases';
import type { CsvLocale, CsvTable } from '../reports/csv';
import { annualStatisticsTermsDa, caseOutcomeDa, childSexDa, conferenceKindDa, danishWords, sectorDa, serviceProviderDa, suspectRelationDa, suspectSexDa } from '../reports/danish';
import { dayAfter, type Period } from '../reports/report-query';
import type { Report } from '../reports/report-response';
import { type AnnualInput, annualStatistics, annualStatisticsRows, type CountRow } from './annual-statistics.report';
import { housesIn, referenceRegions } from '../reports/reference-rows';

// A category's Danish word depends on its table: `female` is a girl among the children, a woman among the suspects.
const categoryWordsDa: Record<string, Readonly<Record<string, string>>> = {
  'closed-cases': danishWords(caseOutcomeDa, annualStatisticsTermsDa),
  children: childSexDa,
  'abuse-type': annualStatisticsTermsDa,
  suspects: danishWords(suspectSexDa, suspectRelationDa),
  'case-conferences': danishWords(conferenceKindDa, annualStatisticsTermsDa),
  'sector-participation': sectorDa,
  services: serviceProviderDa,
  'service-sources': serviceProviderDa,
  'abuse-type-by-sex': annualStatisticsTermsDa,
  'abuse-type-by-age': annualStatisticsTermsDa,
  'abuse-type-by-sex-and-age': annualStatisticsTermsDa,
  'abuse-type-by-house': annualStatisticsTermsDa,
  'suspects-by-abuse-type': annualStatisticsTermsDa,
  'unique-children': annualStatisticsTermsDa,
};

// A group's Danish word by its table where the same code means two things (a suspect's sex is a man or a woman).
const groupWordsDa: Record<string, Readonly<Record<string, string>>> = { 'suspects-by-abuse-type': suspectSexDa };

/** A row's group and category in Danish: `sex:female` → `køn: pige`, `age:7` → `alder: 7`; codes and names stay. */
export function annualStatisticsRowDa(r: CountRow): { group: string; category: string } {
  const part = (g: string) => {
    const sexGroup = /^sex:(.+)$/.exec(g);
    const ageGroup = /^age:(\d+)$/.exec(g);
    if (sexGroup) return `køn: ${childSexDa[sexGroup[1] as keyof typeof childSexDa] ?? sexGroup[1]}`;
    if (ageGroup) return `alder: ${ageGroup[1]}`;
    return groupWordsDa[r.table]?.[g] ?? annualStatisticsTermsDa[g] ?? g;
  };
  const group = r.group.split(', ').map(part).join(', ');
  const age = /^age:(\d+)$/.exec(r.category);
  const category = age ? `alder: ${age[1]}` : (categoryWordsDa[r.table]?.[r.category] ?? r.category);
  return { group, category };
}

const csvOf = (rows: CountRow[], locale: CsvLocale): CsvTable<CountRow> => ({
  rows,
  columns: [
    { header: { en: 'table', da: 'tabel' }, value: (r) => r.table, da: annualStatisticsTermsDa },
    { header: { en: 'group', da: 'gruppe' }, value: (r) => (locale === 'da' ? annualStatisticsRowDa(r).group : r.group) },
    { header: { en: 'category', da: 'kategori' }, value: (r) => (locale === 'da' ? annualStatisticsRowDa(r).category : r.category) },
    { header: { en: 'count', da: 'antal' }, value: (r) => r.count },
    { header: { en: 'percent', da: 'procent' }, value: (r) => r.percent },
  ],
});

/** The tables of the annual statistics for the cases closed in the period, of one house or all. */
export class GetAnnualStatistics extends Query<Report<CountRow>> {
  constructor(
    readonly period: Period,
    readonly house: string | null,
  ) {
    super();
  }
}

@QueryHandler(GetAnnualStatistics)
export class GetAnnualStatisticsHandler implements IQueryHandler<GetAnnualStatistics> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTING_SETTINGS) private readonly settings: ReportingSettings,
  ) {}

  async execute({ period, house }: GetAnnualStatistics): Promise<Report<CountRow>> {
    const input = await withLiveReadModels(this.dataSource, async (m): Promise<AnnualInput> => {
      // The cases closed in the period (latest closure revision), in the caller's scope.
      const periodCases = `WITH period_cases AS (
           SELECT c.case_id, c.house_code, r.region_code, c.child_sex, c.child_age_years, c.abuse_types, c.outcome, c.child_ref
             FROM case_closures c LEFT JOIN ref_municipalities r USING (municipality_code)
            WHERE c.closed_at >= $1 AND c.closed_at < $2 AND ($3::text IS NULL OR c.house_code = $3) AND c.case_kind = ANY($4) AND c.outcome = ANY($5)) `;
      const scope = [period.from, dayAfter(period), house, COUNTED_CASE_KINDS, COUNTED_OUTCOMES];
      return {
        closed: await m.query(
          `${periodCases}SELECT case_id AS "caseId", house_code AS "houseCode", region_code AS "regionCode", child_sex AS "childSex", child_age_years AS "childAgeYears", abuse_types AS "abuseTypes", outcome, child_ref AS "childRef" FROM period_cases`,
          scope,
        ),
        consultations: await m.query(
          `SELECT house_code AS "houseCode", count(*)::int AS count FROM consultations WHERE asked_at >= $1 AND asked_at < $2 AND ($3::text IS NULL OR house_code = $3) GROUP BY 1`,
          scope.slice(0, 3),
        ),
        suspects: await m.query(`${periodCases}SELECT s.sex, s.relation, count(*)::int AS count FROM case_suspects s JOIN period_cases USING (case_id) GROUP BY 1, 2`, scope),
        suspectCases: await m.query(`${periodCases}SELECT s.sex, pc.abuse_types AS "abuseTypes" FROM case_suspects s JOIN period_cases pc USING (case_id)`, scope),
        conferences: await m.query(`${periodCases}SELECT cc.case_id AS "caseId", cc.kind FROM case_conferences cc JOIN period_cases USING (case_id)`, scope),
        coordinatingParticipation: await m.query(
          `${periodCases}SELECT cc.conference_id AS "conferenceId", pc.house_code AS "houseCode", p->>'sector' AS sector, p->>'mode' AS mode
             FROM case_conferences cc JOIN period_cases pc USING (case_id) CROSS JOIN jsonb_array_elements(cc.participants) p
            WHERE cc.kind = 'coordinating'`,
          scope,
        ),
        services: await m.query(`${periodCases}SELECT s.case_id AS "caseId", s.provider, s.delivered_at::text AS day FROM case_services s JOIN period_cases USING (case_id)`, scope),
        // The examinations (they name their case) and the police interviews (they name the child: an
        // interview belongs to the closed case of the same child whose time, from referral − the
        // referral window's days after an interview to closing, holds it; the latest-opened such case).
        recordedServices: await m.query(
          `${periodCases}, interview_cases AS (
             SELECT DISTINCT ON (v.police_district, v.interview_id) c.case_id, v.conducted_at
               FROM video_interviews v JOIN case_closures c ON c.child_ref = v.child_ref
                AND v.conducted_at BETWEEN coalesce(c.referred_at, c.opened_at) - $6::int AND c.closed_at
              ORDER BY v.police_district, v.interview_id, c.opened_at DESC, c.case_id)
           SELECT e.case_id AS "caseId", CASE e.kind WHEN 'forensic' THEN 'forensic' ELSE 'paediatrician' END AS provider, e.performed_at::text AS day
             FROM examinations e JOIN period_cases USING (case_id)
           UNION ALL
           SELECT ic.case_id, 'police', ic.conducted_at::text FROM interview_cases ic JOIN period_cases USING (case_id)`,
          [...scope, this.settings.videoInterviewWindowAfterDays],
        ),
        houses: housesIn(house),
        regions: referenceRegions,
      };
    });
    const statistics = annualStatistics(input);
    return {
      name: `annual-statistics-${period.from}-${period.to}${house ? `-${house}` : ''}`,
      json: {
        period,
        house,
        definitions: {
          cases: `${COUNTED_CASES}; the region is the handlekommune's, the house is the one that handled the case.`,
          children: 'Sex and age in whole years at the opening of the case.',
          abuseTypes: 'violenceOnly, sexualOnly, violenceAndSexual and psychologicalOnly add up to the cases with a type; unknown: none registered. withPsychological counts every case with psychological violence (since 2020), overlapping the others.',
          caseConferences: 'Cases with at least one conference of any kind, and of each kind; percent of the closed cases.',
          sectorParticipation: 'Coordinating conferences of the closed cases in which the sector took part by attending, in writing or by phone; percent of those conferences.',
          services:
            'Services (ydelser) delivered in the closed cases, by provider; cases: how many cases had at least one. Counted once from two sources: the services entered in case-lifecycle, and the police interviews and forensic and paediatric examinations recorded in sector-coordination (the annual statistics count "afhøringer og videoafhøringer", "retsmedicinske undersøgelser" and "pædiatriske undersøgelser" among the services). An examination belongs to the case it names; an interview to the closed case of the same child from its referral − afterDays (the referral window) to its closing, the latest-opened if several. An entered and a recorded service with the same case, provider and day are the same service: per case, provider and day the larger of the two counts is counted (serviceSources: entered, recorded, inBoth, counted). Reinterviews are services too.',
          abuseTypeByChild:
            'Abuse type by the child\'s sex (bySex) and age at opening (byAge): per group, the cases of each type with percent of the group\'s cases with a known type, unknown counted apart ("Summer til 100 procent af gruppen. ... ukendt type overgreb ... er frasorteret"); bySexAndAge: every sex, age and type with its cases, unknown included.',
          abuseTypeByHouse: 'Abuse type by the house that handled the case: percent of the house\'s cases with a known type, unknown apart ("Summer til 100 procent af gruppe. 14 manglende besvarelser er frasorteret").',
          suspectsByAbuseType: 'Suspects of the closed cases by their sex and the case\'s abuse type: percent of the sex group\'s suspects whose case has a known type; suspects of unknown sex (unknownSex) and of cases with an unknown type left out ("Summer til 100 procent for hver gruppe. En \'Ved ikke\' i køn og fire ukendt type overgreb er frasorteret").',
          uniqueChildren: 'Distinct children (by pseudonym) among the closed cases, and how many had more than one ("De 1.665 børnehussager omhandlede 1.653 unikke børn").',
          percent: 'Whole percent, half up.',
        },
        ...statistics,
      },
      csv: (locale) => csvOf(annualStatisticsRows(statistics), locale),
    };
  }
}
