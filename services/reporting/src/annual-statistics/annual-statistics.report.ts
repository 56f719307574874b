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
  /** The child's pseudonym (unique children). */
  childRef?: string | null;
}

export interface AnnualInput {
  closed: ClosedCaseFact[];
  consultations: { houseCode: string; count: number }[];
  suspects: { sex: string; relation: string; count: number }[];
  conferences: { caseId: string; kind: string }[];
  /** One row per participant of a coordinating conference of a closed case. */
  coordinatingParticipation: { conferenceId: string; houseCode: string; sector: string; mode: string }[];
  /** One row per suspect of a closed case: the suspect's sex and the case's abuse types. */
  suspectCases?: { sex: string; abuseTypes: string[] }[];
  /** The services entered in case-lifecycle (CaseServiceDelivered), one row each. */
  services: ServiceFact[];
  /** The interviews and examinations recorded in sector-coordination and belonging to a closed case, one row each. */
  recordedServices?: ServiceFact[];
  houses: { code: string; name: string }[];
  regions: readonly { code: string; name: string }[];
}

export interface ServiceFact {
  caseId: string;
  provider: string;
  /** The day it was delivered (deliveredAt, conductedAt, performedAt). */
  day?: string;
}

/**
 * Services by provider counted once: a service entered in case-lifecycle and one recorded in
 * sector-coordination (a police interview, a forensic or paediatric examination) describe the same
 * service when they have the same case, provider and day, so per case, provider and day the count
 * is the larger of the two sources' counts. `inBoth` is what the two sources share (the smaller).
 */
export function servicesCountedOnce(entered: readonly ServiceFact[], recorded: readonly ServiceFact[]) {
  const keyOf = (s: ServiceFact) => `${s.caseId}|${s.provider}|${s.day ?? ''}`;
  const enteredBy = countBy(entered, keyOf);
  const recordedBy = countBy(recorded, keyOf);
  const keys = new Set([...enteredBy.keys(), ...recordedBy.keys()]);
  const perProvider = new Map<string, { services: number; cases: Set<string>; entered: number; recorded: number; inBoth: number }>();
  const cases = new Set<string>();
  let total = 0;
  for (const key of keys) {
    const [caseId, provider] = key.split('|');
    const e = enteredBy.get(key) ?? 0;
    const r = recordedBy.get(key) ?? 0;
    const p = perProvider.get(provider) ?? { services: 0, cases: new Set<string>(), entered: 0, recorded: 0, inBoth: 0 };
    perProvider.set(provider, p);
    p.services += Math.max(e, r);
    p.entered += e;
    p.recorded += r;
    p.inBoth += Math.min(e, r);
    p.cases.add(caseId);
    cases.add(caseId);
    total += Math.max(e, r);
  }
  const of = (provider: string) => perProvider.get(provider) ?? { services: 0, cases: new Set<string>(), entered: 0, recorded: 0, inBoth: 0 };
  return {
    total,
    casesWithServices: cases.size,
    byProvider: serviceProviders.map((provider) => ({ provider, services: of(provider).services, cases: of(provider).cases.size })),
    bySource: serviceProviders.map((provider) => ({ provider, entered: of(provider).entered, recorded: of(provider).recorded, inBoth: of(provider).inBoth, counted: of(provider).services })),
  };
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

/** The abuse groups with a type (the statistics' tables by group leave the unknown out). */
export const knownAbuseGroups = ['violenceOnly', 'sexualOnly', 'violenceAndSexual', 'psychologicalOnly'] as const;

/** Per known abuse group: count and whole percent of the items with a known type; `unknown` counted apart. */
export function abuseTypeShares(abuseTypes: readonly (readonly string[])[]) {
  const groups = abuseTypes.map(abuseGroupOf);
  const known = groups.filter((g) => g !== 'unknown').length;
  return {
    withType: known,
    unknown: groups.length - known,
    types: knownAbuseGroups.map((type) => ({ type, ...share(groups.filter((g) => g === type).length, known) })),
  };
}

/**
 * The tables of the annual statistics that cross the abuse type with another dimension, and the
 * unique children ("De 1.665 børnehussager omhandlede 1.653 unikke børn"). Pure.
 */
export function abuseTypeTables(input: Pick<AnnualInput, 'closed' | 'houses' | 'suspectCases'>) {
  const sorted = <T>(values: Iterable<T>) => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const types = (cases: readonly ClosedCaseFact[]) => abuseTypeShares(cases.map((c) => c.abuseTypes));
  const bySexAndAge = countBy(input.closed, (c) => `${c.childSex}|${c.childAgeYears}|${abuseGroupOf(c.abuseTypes)}`);
  const suspects = input.suspectCases ?? [];
  const children = new Set(input.closed.map((c) => c.childRef).filter((r): r is string => Boolean(r)));
  const casesPerChild = countBy(
    input.closed.filter((c) => c.childRef),
    (c) => c.childRef!,
  );
  return {
    abuseTypeByChild: {
      bySex: sorted(input.closed.map((c) => c.childSex)).map((sex) => ({ sex, ...types(input.closed.filter((c) => c.childSex === sex)) })),
      byAge: sorted(input.closed.map((c) => c.childAgeYears))
        .sort((a, b) => a - b)
        .map((age) => ({ age, ...types(input.closed.filter((c) => c.childAgeYears === age)) })),
      bySexAndAge: [...bySexAndAge]
        .map(([key, cases]) => {
          const [sex, age, type] = key.split('|');
          return { sex, age: Number(age), type, cases };
        })
        .sort((a, b) => (a.sex !== b.sex ? (a.sex < b.sex ? -1 : 1) : a.age !== b.age ? a.age - b.age : [...knownAbuseGroups, 'unknown'].indexOf(a.type) - [...knownAbuseGroups, 'unknown'].indexOf(b.type))),
    },
    abuseTypeByHouse: input.houses.map((h) => ({ houseCode: h.code, name: h.name, ...types(input.closed.filter((c) => c.houseCode === h.code)) })),
    suspectsByAbuseType: {
      unknownSex: suspects.filter((x) => x.sex === 'unknown').length,
      bySex: sorted(suspects.map((x) => x.sex).filter((x) => x !== 'unknown')).map((sex) => ({ sex, ...abuseTypeShares(suspects.filter((x) => x.sex === sex).map((x) => x.abuseTypes)) })),
    },
    uniqueChildren: {
      cases: input.closed.length,
      children: children.size,
      childrenWithSeveralCases: [...casesPerChild.values()].filter((n) => n > 1).length,
      casesWithoutChild: input.closed.filter((c) => !c.childRef).length,
    },
  };
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

  const { bySource: serviceSources, ...services } = servicesCountedOnce(input.services, input.recordedServices ?? []);
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
    services,
    serviceSources: { byProvider: serviceSources },
    ...abuseTypeTables(input),
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
  for (const p of s.services.byProvider) add('services', 'cases', p.provider, p.cases);
  for (const x of s.abuseTypeByChild.bySex) for (const t of x.types) add('abuse-type-by-sex', `sex:${x.sex}`, t.type, t.count, t.percent);
  for (const x of s.abuseTypeByChild.byAge) for (const t of x.types) add('abuse-type-by-age', `age:${x.age}`, t.type, t.count, t.percent);
  for (const x of s.abuseTypeByChild.bySexAndAge) add('abuse-type-by-sex-and-age', `sex:${x.sex}, age:${x.age}`, x.type, x.cases);
  for (const h of s.abuseTypeByHouse) for (const t of h.types) add('abuse-type-by-house', h.houseCode, t.type, t.count, t.percent);
  for (const x of s.suspectsByAbuseType.bySex) for (const t of x.types) add('suspects-by-abuse-type', x.sex, t.type, t.count, t.percent);
  add('unique-children', 'all', 'cases', s.uniqueChildren.cases);
  add('unique-children', 'all', 'children', s.uniqueChildren.children);
  add('unique-children', 'all', 'children-with-several-cases', s.uniqueChildren.childrenWithSeveralCases);
  add('unique-children', 'all', 'cases-without-child', s.uniqueChildren.casesWithoutChild);
  for (const p of s.serviceSources.byProvider) {
    add('service-sources', 'entered', p.provider, p.entered);
    add('service-sources', 'recorded', p.provider, p.recorded);
    add('service-sources', 'in-both', p.provider, p.inBoth);
  }
  return rows;
}
