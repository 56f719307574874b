import { conferenceKinds, sectors, serviceProviders } from '@sagsspor/contracts';
import { type Share, share } from '../lead-times/domain/lead-time-statistics';

// The tables of the annual statistics (Socialstyrelsen, "Årsstatistik om de danske børnehuse";
// domain.md section 4) for the cases closed in a period. Pure: query rows come in.

export interface ClosedCaseFact {
  caseId: string;
  houseCode: string;
  regionCode: string;
  childSex: string;
  childAgeYears: number;
  abuseTypes: string[];
  outcome: string;
}

export interface AnnualInput {
  closed: ClosedCaseFact[];
  consultations: { houseCode: string; count: number }[];
  suspects: { sex: string; relation: string; count: number }[];
  conferences: { caseId: string; kind: string }[];
  /** One row per participant of a coordinating conference of a closed case. */
  coordinatingParticipation: { conferenceId: string; houseCode: string; sector: string; mode: string }[];
  services: { caseId: string; provider: string }[];
  houses: { code: string; name: string }[];
  regions: { code: string; name: string }[];
}

export interface CountRow {
  table: string;
  group: string;
  category: string;
  count: number;
  percent: number | null;
}

const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return counts;
};

/** Abuse type as the statistics group it: violence only, sexual only, both, psychological only, unknown (nothing registered). */
export function abuseGroupOf(types: readonly string[]): 'violenceOnly' | 'sexualOnly' | 'violenceAndSexual' | 'psychologicalOnly' | 'unknown' {
  const violence = types.includes('violence');
  const sexual = types.includes('sexual');
  if (violence && sexual) return 'violenceAndSexual';
  if (violence) return 'violenceOnly';
  if (sexual) return 'sexualOnly';
  return types.includes('psychological') ? 'psychologicalOnly' : 'unknown';
}

export function annualStatistics(input: AnnualInput) {
  const total = input.closed.length;
  const pct = (count: number, of = total): Share => share(count, of);
  const byHouse = countBy(input.closed, (c) => c.houseCode);
  const byRegion = countBy(input.closed, (c) => c.regionCode);
  const bySex = countBy(input.closed, (c) => c.childSex);
  const bySexAndAge = countBy(input.closed, (c) => `${c.childSex}|${c.childAgeYears}`);
  const abuse = countBy(input.closed, (c) => abuseGroupOf(c.abuseTypes));
  const casesWithConference = new Set(input.conferences.map((c) => c.caseId));
  const casesByKind = (kind: string) => new Set(input.conferences.filter((c) => c.kind === kind).map((c) => c.caseId)).size;

  const participation = (houseCode: string | undefined) => {
    const rows = input.coordinatingParticipation.filter((p) => houseCode === undefined || p.houseCode === houseCode);
    const conferences = new Set(rows.map((p) => p.conferenceId)).size;
    return {
      houseCode: houseCode ?? 'all',
      coordinatingConferences: conferences,
      sectors: sectors.map((sector) => {
        const mine = rows.filter((p) => p.sector === sector);
        const took = new Set(mine.filter((p) => p.mode !== 'absent').map((p) => p.conferenceId)).size;
        const modeCount = (mode: string) => new Set(mine.filter((p) => p.mode === mode).map((p) => p.conferenceId)).size;
        return { sector, tookPart: pct(took, conferences), attended: modeCount('attended'), written: modeCount('written'), phone: modeCount('phone'), absent: modeCount('absent') };
      }),
    };
  };

  const servicesByProvider = serviceProviders.map((provider) => {
    const mine = input.services.filter((s) => s.provider === provider);
    return { provider, services: mine.length, cases: new Set(mine.map((s) => s.caseId)).size };
  });
  const suspectsTotal = input.suspects.reduce((s, r) => s + r.count, 0);
  const sumBy = (key: 'sex' | 'relation') => [...input.suspects.reduce((m, r) => m.set(r[key], (m.get(r[key]) ?? 0) + r.count), new Map<string, number>())].sort();

  return {
    closedCases: {
      total,
      byHouse: input.houses.map((h) => ({ houseCode: h.code, name: h.name, cases: byHouse.get(h.code) ?? 0 })),
      byRegion: input.regions.map((r) => ({ regionCode: r.code, name: r.name, cases: byRegion.get(r.code) ?? 0 })),
      byOutcome: [...countBy(input.closed, (c) => c.outcome)].sort().map(([outcome, cases]) => ({ outcome, cases })),
    },
    consultations: {
      total: input.consultations.reduce((s, c) => s + c.count, 0),
      byHouse: input.houses.map((h) => ({ houseCode: h.code, name: h.name, consultations: input.consultations.find((c) => c.houseCode === h.code)?.count ?? 0 })),
    },
    children: {
      bySex: [...bySex].sort().map(([sex, cases]) => ({ sex, ...pct(cases) })),
      bySexAndAge: [...bySexAndAge]
        .map(([key, cases]) => ({ sex: key.split('|')[0], age: Number(key.split('|')[1]), cases }))
        .sort((a, b) => (a.sex < b.sex ? -1 : a.sex > b.sex ? 1 : a.age - b.age)),
    },
    abuseTypes: {
      violenceOnly: pct(abuse.get('violenceOnly') ?? 0),
      sexualOnly: pct(abuse.get('sexualOnly') ?? 0),
      violenceAndSexual: pct(abuse.get('violenceAndSexual') ?? 0),
      psychologicalOnly: pct(abuse.get('psychologicalOnly') ?? 0),
      unknown: pct(abuse.get('unknown') ?? 0),
      withPsychological: pct(input.closed.filter((c) => c.abuseTypes.includes('psychological')).length),
    },
    suspects: {
      total: suspectsTotal,
      bySex: sumBy('sex').map(([sex, suspects]) => ({ sex, ...pct(suspects, suspectsTotal) })),
      byRelation: sumBy('relation').map(([relation, suspects]) => ({ relation, ...pct(suspects, suspectsTotal) })),
      bySexAndRelation: [...input.suspects].sort((a, b) => (a.sex + a.relation < b.sex + b.relation ? -1 : 1)).map((r) => ({ sex: r.sex, relation: r.relation, suspects: r.count })),
    },
    caseConferences: {
      casesWithAtLeastOne: pct(casesWithConference.size),
      byKind: conferenceKinds.map((kind) => ({ kind, conferences: input.conferences.filter((c) => c.kind === kind).length, cases: pct(casesByKind(kind)) })),
    },
    sectorParticipation: { all: participation(undefined), byHouse: input.houses.map((h) => participation(h.code)).filter((p) => p.coordinatingConferences > 0) },
    services: { total: input.services.length, casesWithServices: new Set(input.services.map((s) => s.caseId)).size, byProvider: servicesByProvider },
  };
}

export type AnnualStatistics = ReturnType<typeof annualStatistics>;

/** Every table as rows (table, group, category, count, percent): the CSV form. */
export function annualStatisticsRows(s: AnnualStatistics): CountRow[] {
  const rows: CountRow[] = [];
  const add = (table: string, group: string, category: string, count: number, percent: number | null = null) => rows.push({ table, group, category, count, percent });
  add('closed-cases', 'all', 'total', s.closedCases.total);
  for (const h of s.closedCases.byHouse) add('closed-cases', 'house', h.houseCode, h.cases);
  for (const r of s.closedCases.byRegion) add('closed-cases', 'region', r.regionCode, r.cases);
  for (const o of s.closedCases.byOutcome) add('closed-cases', 'outcome', o.outcome, o.cases);
  for (const h of s.consultations.byHouse) add('consultations', 'house', h.houseCode, h.consultations);
  for (const c of s.children.bySex) add('children', 'sex', c.sex, c.count, c.percent);
  for (const c of s.children.bySexAndAge) add('children', `sex:${c.sex}`, `age:${c.age}`, c.cases);
  for (const [category, v] of Object.entries(s.abuseTypes)) add('abuse-type', 'all', category, v.count, v.percent);
  for (const x of s.suspects.bySex) add('suspects', 'sex', x.sex, x.count, x.percent);
  for (const x of s.suspects.byRelation) add('suspects', 'relation', x.relation, x.count, x.percent);
  add('case-conferences', 'cases', 'at-least-one', s.caseConferences.casesWithAtLeastOne.count, s.caseConferences.casesWithAtLeastOne.percent);
  for (const k of s.caseConferences.byKind) add('case-conferences', 'cases', k.kind, k.cases.count, k.cases.percent);
  for (const p of [s.sectorParticipation.all, ...s.sectorParticipation.byHouse]) {
    for (const x of p.sectors) add('sector-participation', p.houseCode, x.sector, x.tookPart.count, x.tookPart.percent);
  }
  for (const p of s.services.byProvider) add('services', 'provider', p.provider, p.services);
  return rows;
}
