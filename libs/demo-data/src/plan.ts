import { addDays } from '@sagsspor/calendar';
import type { AbuseType, CaseOutcome, Concern, ConsultationOutcome, HouseCode, ParticipationMode, Sector, ServiceKind, ServiceRecipient, SuspectAgeGroup, SuspectRelation, UnderretningSource } from '@sagsspor/contracts';
import { municipalities } from '@sagsspor/reference-data';
import {
  abuseTypes2017,
  ageWeights,
  assumptions,
  casesWithHouseServicesShare,
  children2017,
  concludingConferenceShare,
  coordinatingConferenceShare,
  coordinatingParticipation,
  followUpConferenceShare,
  forensicExaminationShare,
  girlShare,
  houseServiceKindWeights,
  houseServicesPerServedCase,
  houseCasesAfter2017,
  houseShares,
  leadTimeTarget,
  maleSuspectShare,
  midtClosedCases2017,
  nationalCases,
  nationalConsultations,
  paediatricExaminationShare,
  participationModeWeights,
  policeDistrictOfMunicipality,
  psychologicalShareFrom2020,
  publishedTariffs,
  suspectRelationWeights,
  suspectsPerCase,
  tariffIndexPerYear,
  videoInterviewShare,
} from './calibration';
import { DemoCprs } from './cpr';
import { folk1aCsv } from './population';
import { Random, WeightTable } from './random';
import { demoSiteOf } from './sites';

/** `{ siteCode }` when a child of the municipality is seen at another site of the house than its main one, else nothing. */
function siteOn(municipalityCode: string, houseCode: string, on: string): { siteCode?: string } {
  const siteCode = demoSiteOf(municipalityCode, houseCode, on);
  return siteCode ? { siteCode } : {};
}

// The demo data as a plan: plain data, a pure function of (seed, scale, years, today). The driver
// (driver.ts) sends it through the public APIs; the tests check the plan against the calibration.

export type ScaleName = 'small' | 'national';
export interface Scale {
  name: string;
  /** Share of the national case, referral, consultation and interview volumes. */
  caseFraction: number;
  /** Underretninger a year in all (those behind the referrals and gaps, and the background). */
  underretningerPerYear: number;
}
export const scales: Readonly<Record<ScaleName, Scale>> = {
  // About 40 cases a year (every house has some), 150 underretninger a year: about 2,300 calls for three years.
  small: { name: 'small', caseFraction: 0.02, underretningerPerYear: 150 },
  national: { name: 'national', caseFraction: 1, underretningerPerYear: assumptions.underretningerPerYear },
};

export interface PlanOptions {
  seed: number;
  scale: Scale;
  fromYear: number;
  toYear: number;
  /** Nothing is dated after today (the APIs refuse future dates); cases not closed by then stay open. */
  today: string;
}

export interface UnderretningDecisions {
  childInvestigationDecidedAt?: string;
  policeReportedAt?: string;
  policeConsultedAt?: string;
  hospitalInvolvedAt?: string;
  preventiveMeasureAt?: string;
}
export interface PlannedUnderretning {
  underretningId: string;
  childCpr: string;
  municipalityCode: string;
  receivedAt: string;
  concerns: Concern[];
  source: UnderretningSource;
  decisions?: UnderretningDecisions;
  /** Meets the three mandatory-referral criteria and never gets a referral. */
  mandatoryReferralGap: boolean;
}
export interface PlannedConsultation {
  consultationId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  askedAt: string;
  childCpr?: string;
  outcome: ConsultationOutcome;
}
export interface PlannedService {
  serviceId: string;
  kind: ServiceKind;
  deliveredAt: string;
  recipient: ServiceRecipient;
}
export interface PlannedSuspect {
  suspectId: string;
  sex: 'female' | 'male' | 'unknown';
  relation: SuspectRelation;
  ageGroup: SuspectAgeGroup;
}
export interface PlannedConference {
  conferenceId: string;
  kind: 'coordinating' | 'follow-up' | 'concluding';
  heldAt: string;
  participants: { sector: Sector; mode: ParticipationMode }[];
}
export interface PlannedExamination {
  examinationId: string;
  kind: 'paediatric' | 'forensic';
  performedAt: string;
}
export interface PlannedCase {
  /** The site the house puts the case at (PUT /v1/cases/{caseId}/site), when it is not the house's main site. */
  siteCode?: string;
  suspects: PlannedSuspect[];
  services: PlannedService[];
  conferences: PlannedConference[];
  examinations: PlannedExamination[];
  /** Absent while the case is open on `today`. */
  closing?: { closedAt: string; outcome: CaseOutcome; closingMemoSentAt?: string; leadTimeDays: number };
}
export type ReferralDecision =
  | { kind: 'accept'; acceptedAt: string; case: PlannedCase }
  | { kind: 'reject'; rejectedAt: string; reason: 'outside-target-group' | 'insufficient-information' | 'other' }
  | { kind: 'withdraw'; withdrawnAt: string; reason: 'municipality-withdrew' | 'family-moved' };
export interface PlannedReferral {
  referralId: string;
  childCpr: string;
  sex: 'female' | 'male';
  ageAtReferral: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  municipalityAwareAt: string;
  abuseTypes: AbuseType[];
  underretningId: string;
  /** Absent while the house has not decided on `today`. */
  decision?: ReferralDecision;
}
export interface PlannedVideoInterview {
  interviewId: string;
  policeDistrict: string;
  childCpr: string;
  municipalityCode: string;
  houseCode: HouseCode;
  conductedAt: string;
  reportedToPoliceAt?: string;
  requestedAt?: string;
  releasedAt?: string;
  /** The referral of the same child, if any: interviews without one count as "not referred". */
  referralId?: string;
  /** The site of the house the interview is held at (PUT /v1/video-interviews/{id}/site), when it is not the house's main site. */
  siteCode?: string;
}
export interface YearPlan {
  year: number;
  /** FOLK1A export (ages 0-17 by municipality, 1st quarter) for PUT /v1/reference/population/{year}. */
  populationCsv: string;
  population: Record<string, number>;
  tariffs: { houseCode: HouseCode; dkkPerCase: number }[];
  underretninger: PlannedUnderretning[];
  consultations: PlannedConsultation[];
  referrals: PlannedReferral[];
  videoInterviews: PlannedVideoInterview[];
}
export interface Plan {
  options: PlanOptions;
  years: YearPlan[];
}

const houseCodes: readonly HouseCode[] = ['hovedstaden', 'sjaelland', 'syd', 'midt', 'nord'];
const daysInYear = (year: number) => (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 366 : 365);
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/** Cases per house × scale: to 2017 the national volume × the year's house shares; later each house's own series. */
export function casesPerHouse(year: number, scale: Scale): Record<HouseCode, number> {
  const shares = houseShares(year);
  const cases = (h: HouseCode) => (year > 2017 ? houseCasesAfter2017(h, year) : nationalCases(year) * shares[h]);
  return Object.fromEntries(houseCodes.map((h) => [h, Math.round(cases(h) * scale.caseFraction)])) as Record<HouseCode, number>;
}

/** 0-17-year-olds per municipality in a year: the 2017 figure moved by a small steady trend of the municipality's own. */
export function populationOf(seed: number, year: number): Record<string, number> {
  const trend = Random.derive(seed, 'population-trend');
  return Object.fromEntries(
    municipalities.map((m) => {
      const yearly = (trend.next() - 0.5) * 0.02; // -1 % to +1 % a year
      return [m.code, Math.max(100, Math.round((children2017[m.code] ?? 5000) * Math.pow(1 + yearly, year - 2017)))];
    }),
  );
}

/** Tariffs of a year: the published ones, else the latest published indexed by 2.5 % a year. */
export function tariffsOf(year: number): { houseCode: HouseCode; dkkPerCase: number }[] {
  return houseCodes.map((houseCode) => {
    const published = publishedTariffs[year]?.[houseCode];
    if (published) return { houseCode, dkkPerCase: published };
    const baseYear = houseCode === 'midt' && year >= 2022 ? 2022 : 2021;
    const base = publishedTariffs[baseYear][houseCode]!;
    return { houseCode, dkkPerCase: Math.round(base * Math.pow(1 + tariffIndexPerYear, year - baseYear)) };
  });
}

/**
 * How likely each municipality is to refer, relative to its children: Region Midtjylland's real 2017 pattern
 * (Hedensted 4.7 per 1,000, Silkeborg 0.4), and a drawn factor of the same spread elsewhere.
 */
function referralWeights(seed: number, house: HouseCode, population: Record<string, number>): WeightTable<string> {
  const random = Random.derive(seed, 'propensity');
  const weights: Record<string, number> = {};
  for (const m of municipalities) {
    const factor = Math.exp(0.6 * random.normal());
    if (m.defaultHouse !== house) continue;
    weights[m.code] = m.defaultHouse === 'midt' ? (midtClosedCases2017[m.code] ?? 1) + 0.5 : population[m.code] * factor;
  }
  return new WeightTable(Object.entries(weights));
}

/** A lead time drawn to give the year's Børnehus Midt figures: within 90, 91-120, and above 120 with an exponential tail fitted to the average. */
export function drawLeadTime(random: Random, year: number): number {
  const t = leadTimeTarget(year);
  const tailMean = (t.averageDays - t.within90 * 55 - (t.within120 - t.within90) * 105.5 - (1 - t.within120) * 121) / (1 - t.within120);
  const r = random.next();
  if (r < t.within90) return random.int(20, 90);
  if (r < t.within120) return random.int(91, 120);
  return 121 + Math.floor(random.exponential(tailMean + 0.5));
}

const ageTables = { female: new WeightTable(ageWeights.female.map((w, age) => [age, w] as const)), male: new WeightTable(ageWeights.male.map((w, age) => [age, w] as const)) };
function drawAge(random: Random, sex: 'female' | 'male'): number {
  return random.from(ageTables[sex]);
}

function drawAbuseTypes(random: Random, sex: 'female' | 'male', year: number): AbuseType[] {
  const total = abuseTypes2017.violence + abuseTypes2017.sexual + abuseTypes2017.both + abuseTypes2017.unknown;
  // Girls more often sexual abuse, boys violence (sources/001); the mix over both sexes gives 2017's shares.
  const sexualShare = abuseTypes2017.sexual / total;
  const bothShare = abuseTypes2017.both / total;
  const sexual = sex === 'female' ? sexualShare * 1.48 : sexualShare * (1 - 1.48 * girlShare) / (1 - girlShare);
  const both = sex === 'female' ? bothShare * 1.37 : bothShare * (1 - 1.37 * girlShare) / (1 - girlShare);
  const kind = random.weighted({ sexual, both, unknown: abuseTypes2017.unknown / total, violence: 1 - sexual - both - abuseTypes2017.unknown / total });
  const types: AbuseType[] = kind === 'sexual' ? ['sexual'] : kind === 'both' ? ['violence', 'sexual'] : kind === 'violence' ? ['violence'] : [];
  if (year >= 2020 && random.chance(psychologicalShareFrom2020)) types.push('psychological');
  return types;
}

function suspectAge(random: Random, relation: SuspectRelation): SuspectAgeGroup {
  switch (relation) {
    case 'other-child':
      return random.weighted({ 'under-15': 60, '15-17': 40 });
    case 'sibling':
      return random.weighted({ 'under-15': 45, '15-17': 35, '18-29': 20 });
    case 'parent':
    case 'step-parent':
      return random.weighted({ '18-29': 20, '30-49': 70, '50-plus': 10 });
    case 'unknown':
    case 'stranger':
      return random.weighted({ '18-29': 30, '30-49': 30, '50-plus': 10, unknown: 30 });
    default:
      return random.weighted({ '15-17': 5, '18-29': 30, '30-49': 40, '50-plus': 20, unknown: 5 });
  }
}

function planCase(random: Random, id: string, house: HouseCode, acceptedAt: string, year: number, interview: PlannedVideoInterview | undefined, today: string): PlannedCase {
  const leadTimeDays = drawLeadTime(random, year);
  const plannedClose = addDays(acceptedAt, leadTimeDays);
  const closes = plannedClose <= today;
  const lastDay = closes ? plannedClose : today;
  const within = (date: string) => date <= lastDay;

  const suspects: PlannedSuspect[] = [];
  const suspectCount = 1 + random.poisson(suspectsPerCase - 1);
  for (let i = 0; i < suspectCount; i++) {
    const relation = random.weighted(suspectRelationWeights);
    suspects.push({ suspectId: `${id}-S${i + 1}`, sex: random.chance(0.01) ? 'unknown' : random.chance(maleSuspectShare) ? 'male' : 'female', relation, ageGroup: suspectAge(random, relation) });
  }

  // The house's own work with the child may start only once the police have released it (the police release gate).
  const childWorkFrom = interview?.releasedAt ? later(acceptedAt, interview.releasedAt) : acceptedAt;
  const services: PlannedService[] = [];
  if (interview && interview.conductedAt >= acceptedAt && within(interview.conductedAt)) {
    services.push({ serviceId: `${id}-V1`, kind: 'video-interview', deliveredAt: interview.conductedAt, recipient: 'child' });
  }
  if (random.chance(casesWithHouseServicesShare)) {
    const count = 1 + random.poisson(houseServicesPerServedCase - 1);
    for (let i = 0; i < count; i++) {
      const recipient = random.weighted({ child: 60, carer: 20, 'child-and-carer': 12, network: 8 } as Record<ServiceRecipient, number>);
      const from = recipient === 'carer' || recipient === 'network' ? acceptedAt : childWorkFrom;
      const deliveredAt = addDays(from, random.int(0, Math.max(0, Math.min(leadTimeDays - 1, 100))));
      if (deliveredAt > lastDay || (interview && interview.releasedAt === undefined && (recipient === 'child' || recipient === 'child-and-carer'))) continue;
      services.push({ serviceId: `${id}-Y${i + 1}`, kind: random.weighted(houseServiceKindWeights), deliveredAt, recipient });
    }
  }
  services.sort((a, b) => (a.deliveredAt < b.deliveredAt ? -1 : a.deliveredAt > b.deliveredAt ? 1 : 0));

  const conferences: PlannedConference[] = [];
  if (random.chance(coordinatingConferenceShare)) {
    const p = coordinatingParticipation[house];
    const mode = (share: number): ParticipationMode => (random.chance(share) ? random.weighted(participationModeWeights) : 'absent');
    const coordinatingAt = addDays(acceptedAt, random.int(2, Math.min(21, Math.max(2, leadTimeDays - 2))));
    if (within(coordinatingAt)) {
      conferences.push({
        conferenceId: `${id}-K1`,
        kind: 'coordinating',
        heldAt: coordinatingAt,
        participants: [
          { sector: 'boernehus', mode: 'attended' },
          { sector: 'municipality', mode: mode(p.municipality) },
          { sector: 'police', mode: mode(p.police) },
          { sector: 'paediatrician', mode: mode(p.paediatrician) },
          { sector: 'forensic', mode: mode(p.forensic) },
        ],
      });
      if (random.chance(followUpConferenceShare / coordinatingConferenceShare)) {
        const heldAt = addDays(coordinatingAt, random.int(14, 45));
        if (within(heldAt)) conferences.push({ conferenceId: `${id}-K2`, kind: 'follow-up', heldAt, participants: [{ sector: 'boernehus', mode: 'attended' }, { sector: 'municipality', mode: 'attended' }] });
      }
      if (closes && random.chance(concludingConferenceShare / coordinatingConferenceShare)) {
        const heldAt = later(conferences[conferences.length - 1].heldAt, addDays(plannedClose, -random.int(0, 10)));
        conferences.push({ conferenceId: `${id}-K3`, kind: 'concluding', heldAt, participants: [{ sector: 'boernehus', mode: 'attended' }, { sector: 'municipality', mode: random.weighted({ attended: 85, phone: 15 }) }] });
      }
    }
  }

  const examinations: PlannedExamination[] = [];
  for (const [kind, share] of [['forensic', forensicExaminationShare], ['paediatric', paediatricExaminationShare]] as const) {
    if (!random.chance(share)) continue;
    const performedAt = addDays(acceptedAt, random.int(0, 14));
    if (within(performedAt)) examinations.push({ examinationId: `${id}-E${kind === 'forensic' ? 'F' : 'P'}`, kind, performedAt });
  }

  if (!closes) return { suspects, services, conferences, examinations };
  const outcome: CaseOutcome = random.weighted({ completed: 1 - assumptions.interruptedShare - assumptions.withdrawnCaseShare, interrupted: assumptions.interruptedShare, withdrawn: assumptions.withdrawnCaseShare });
  const lastService = services.length > 0 ? services[services.length - 1].deliveredAt : acceptedAt;
  const closedAt = later(plannedClose, lastService);
  const closingMemoSentAt = outcome === 'completed' ? later(lastService, addDays(closedAt, -random.int(0, 5))) : undefined;
  return {
    suspects,
    services,
    conferences,
    examinations,
    closing: { closedAt, outcome, ...(closingMemoSentAt ? { closingMemoSentAt } : {}), leadTimeDays: Math.round((Date.parse(closedAt) - Date.parse(acceptedAt)) / 86_400_000) },
  };
}

/** The plan for one year: everything that starts in the year (cases may close in a later one). */
export function planYear(options: PlanOptions, year: number): YearPlan {
  const { seed, scale, today } = options;
  const random = Random.derive(seed, `year-${year}`);
  const cprs = new DemoCprs(seed, year);
  const prefix = `DEMO${seed}-${year}`;
  const population = populationOf(seed, year);
  const firstDay = `${year}-01-01`;
  const dayInYear = () => addDays(firstDay, random.int(0, daysInYear(year) - 1));
  const underretninger: PlannedUnderretning[] = [];
  const consultations: PlannedConsultation[] = [];
  const referrals: PlannedReferral[] = [];
  const videoInterviews: PlannedVideoInterview[] = [];
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const childrenWeights = new WeightTable(municipalities.map((m) => [m.code, population[m.code]] as const));
  const sourceWeights = new WeightTable(Object.entries(assumptions.underretningSourceWeights) as [UnderretningSource, number][]);
  const concernWeights = new WeightTable(Object.entries(assumptions.backgroundConcernWeights) as [Concern, number][]);
  const otherHouses = new Map(houseCodes.map((h) => [h, municipalities.filter((m) => m.defaultHouse !== h)]));
  const child = (onDate: string, ageRange?: [number, number]) => {
    const sex: 'female' | 'male' = random.chance(girlShare) ? 'female' : 'male';
    const age = ageRange ? random.int(ageRange[0], ageRange[1]) : drawAge(random, sex);
    // A 17-year-old has at least eight months to its 18th birthday, so the case's interview and decisions find a child.
    const birthDate = addDays(onDate, -(age * 365 + random.int(30, age >= 17 ? 110 : 330)));
    return { sex, age, birthDate, cpr: cprs.next(birthDate, sex) };
  };
  const policeDistrictOf = (municipalityCode: string) => policeDistrictOfMunicipality[municipalityCode] ?? 'koebenhavn';

  // Referrals, and the cases the accepted ones open.
  const perHouse = casesPerHouse(year, scale);
  let n = 0;
  for (const house of houseCodes) {
    const weights = referralWeights(seed, house, population);
    const referralCount = Math.round(perHouse[house] / (1 - assumptions.rejectedReferralShare - assumptions.withdrawnReferralShare));
    for (let i = 0; i < referralCount; i++) {
      const id = `${prefix}-${house}-${++n}`;
      const municipalityCode = random.chance(assumptions.otherHouseShare)
        ? random.pick(otherHouses.get(house)!).code
        : random.from(weights);
      const plannedAccept = dayInYear();
      const referredAt = addDays(plannedAccept, -random.int(...assumptions.referralToAcceptDays));
      const awareAt = addDays(referredAt, -random.int(...assumptions.awareToReferralDays));
      if (awareAt > today) continue;
      const c = child(awareAt);
      const abuse = drawAbuseTypes(random, c.sex, year);
      const underretningId = `${id}-U`;
      const policeReported = random.chance(0.75);
      underretninger.push({
        underretningId,
        childCpr: c.cpr,
        municipalityCode,
        receivedAt: awareAt,
        concerns: abuse.length > 0 ? abuse : ['other'],
        source: random.from(sourceWeights),
        decisions: {
          childInvestigationDecidedAt: earlier(today, addDays(awareAt, random.int(0, 10))),
          ...(policeReported ? { policeReportedAt: earlier(today, addDays(awareAt, random.int(0, 5))) } : { policeConsultedAt: earlier(today, addDays(awareAt, random.int(0, 7))) }),
          ...(random.chance(0.1) ? { hospitalInvolvedAt: earlier(today, addDays(awareAt, random.int(0, 10))) } : {}),
        },
        mandatoryReferralGap: false,
      });
      if (referredAt > today) continue;
      const referral: PlannedReferral = { referralId: `${id}-R`, childCpr: c.cpr, sex: c.sex, ageAtReferral: c.age, municipalityCode, houseCode: house, referredAt, municipalityAwareAt: awareAt, abuseTypes: abuse, underretningId };
      referrals.push(referral);
      const r = random.next();
      if (r < assumptions.rejectedReferralShare) {
        const rejectedAt = addDays(referredAt, random.int(1, 10));
        if (rejectedAt <= today) referral.decision = { kind: 'reject', rejectedAt, reason: random.pick(['outside-target-group', 'insufficient-information', 'other'] as const) };
        continue;
      }
      if (r < assumptions.rejectedReferralShare + assumptions.withdrawnReferralShare) {
        const withdrawnAt = addDays(referredAt, random.int(1, 7));
        if (withdrawnAt <= today) referral.decision = { kind: 'withdraw', withdrawnAt, reason: random.pick(['municipality-withdrew', 'family-moved'] as const) };
        continue;
      }
      if (plannedAccept > today) continue;
      // Most children are video interviewed by the police; the interview is usually days after the case opens.
      let interview: PlannedVideoInterview | undefined;
      if (random.chance(videoInterviewShare)) {
        const conductedAt = addDays(plannedAccept, random.chance(0.8) ? random.int(0, 10) : -random.int(1, 10));
        if (conductedAt <= today && conductedAt >= awareAt) {
          const releasedAt = addDays(conductedAt, random.int(0, 21));
          interview = {
            interviewId: `${id}-VI`,
            policeDistrict: policeDistrictOf(municipalityCode),
            childCpr: c.cpr,
            municipalityCode,
            houseCode: house,
            conductedAt,
            reportedToPoliceAt: earlier(conductedAt, awareAt),
            requestedAt: earlier(conductedAt, addDays(awareAt, random.int(0, 3))),
            ...(releasedAt <= today ? { releasedAt } : {}),
            referralId: referral.referralId,
            ...siteOn(municipalityCode, house, conductedAt),
          };
          videoInterviews.push(interview);
        }
      }
      referral.decision = { kind: 'accept', acceptedAt: plannedAccept, case: { ...siteOn(municipalityCode, house, plannedAccept), ...planCase(random, id, house, plannedAccept, year, interview, today) } };
    }
  }

  // Video interviews of children who never come to a house: the report's "not referred".
  const caseInterviews = videoInterviews.length;
  for (let i = 0; i < Math.round(caseInterviews * assumptions.notReferredInterviewsPerCaseInterview); i++) {
    const conductedAt = dayInYear();
    if (conductedAt > today) continue;
    const municipalityCode = random.from(childrenWeights);
    const c = child(conductedAt, [3, 14]);
    const releasedAt = addDays(conductedAt, random.int(0, 14));
    videoInterviews.push({
      interviewId: `${prefix}-VN-${i + 1}`,
      policeDistrict: policeDistrictOf(municipalityCode),
      childCpr: c.cpr,
      municipalityCode,
      houseCode: byCode.get(municipalityCode)!.defaultHouse as HouseCode,
      conductedAt,
      reportedToPoliceAt: addDays(conductedAt, -random.int(1, 10)),
      ...(releasedAt <= today ? { releasedAt } : {}),
      ...siteOn(municipalityCode, byCode.get(municipalityCode)!.defaultHouse, conductedAt),
    });
  }

  // Mandatory-referral gaps: § 20 investigation decided, the police involved, violence or sexual abuse suspected, and no referral.
  const gapCount = Math.round(referrals.length * assumptions.mandatoryGapsPerReferral);
  for (let i = 0; i < gapCount; i++) {
    const receivedAt = dayInYear();
    if (receivedAt > today) continue;
    const c = child(receivedAt);
    underretninger.push({
      underretningId: `${prefix}-G-${i + 1}`,
      childCpr: c.cpr,
      municipalityCode: random.from(childrenWeights),
      receivedAt,
      concerns: random.chance(0.75) ? ['violence'] : ['sexual'],
      source: random.from(sourceWeights),
      decisions: { childInvestigationDecidedAt: earlier(today, addDays(receivedAt, random.int(0, 14))), policeReportedAt: earlier(today, addDays(receivedAt, random.int(0, 5))) },
      mandatoryReferralGap: true,
    });
  }

  // The background: underretninger that never meet all three criteria (most are about neglect or other concerns).
  const background = Math.max(0, Math.round(scale.underretningerPerYear) - underretninger.length);
  for (let i = 0; i < background; i++) {
    const receivedAt = dayInYear();
    if (receivedAt > today) continue;
    const c = child(receivedAt);
    const concern = random.from(concernWeights);
    const r = random.next();
    const decisions: UnderretningDecisions | undefined =
      r < 0.15
        ? { preventiveMeasureAt: earlier(today, addDays(receivedAt, random.int(1, 30))) }
        : r < 0.25
          ? { childInvestigationDecidedAt: earlier(today, addDays(receivedAt, random.int(1, 30))) }
          : r < 0.3
            ? { policeConsultedAt: earlier(today, addDays(receivedAt, random.int(0, 10))) }
            : undefined;
    underretninger.push({
      underretningId: `${prefix}-B-${i + 1}`,
      childCpr: c.cpr,
      municipalityCode: random.from(childrenWeights),
      receivedAt,
      concerns: [concern],
      source: random.from(sourceWeights),
      ...(decisions ? { decisions } : {}),
      mandatoryReferralGap: false,
    });
  }

  // Consultative inquiries, by the houses' shares.
  const shares = houseShares(year);
  for (const house of houseCodes) {
    const weights = referralWeights(seed, house, population);
    const count = Math.round(nationalConsultations(year) * scale.caseFraction * shares[house]);
    for (let i = 0; i < count; i++) {
      const askedAt = dayInYear();
      if (askedAt > today) continue;
      consultations.push({
        consultationId: `${prefix}-C-${house}-${i + 1}`,
        houseCode: house,
        municipalityCode: random.from(weights),
        askedAt,
        ...(random.chance(0.3) ? { childCpr: child(askedAt).cpr } : {}),
        outcome: random.weighted(assumptions.consultationOutcomeWeights),
      });
    }
  }

  return { year, populationCsv: folk1aCsv(year, population), population, tariffs: tariffsOf(year), underretninger, consultations, referrals, videoInterviews };
}

export function generatePlan(options: PlanOptions): Plan {
  if (!Number.isInteger(options.fromYear) || !Number.isInteger(options.toYear) || options.fromYear > options.toYear) throw new Error('fromYear must be a year not after toYear');
  const years: YearPlan[] = [];
  for (let year = options.fromYear; year <= options.toYear; year++) years.push(planYear(options, year));
  return { options, years };
}
