import { daysBetween } from '@sagsspor/calendar';
import { houseCodes } from '@sagsspor/contracts';
import { findMunicipality, houseSites, municipalities } from '@sagsspor/reference-data';
import {
  abuseTypes2017,
  closedCasesByHouse,
  concludingConferenceShare,
  coordinatingParticipation,
  girlShare,
  leadTimeTargets,
  maleSuspectShare,
  houseCasesAfter2017,
  nationalCases,
  suspectsPerCase,
  videoInterviewShare,
} from './calibration';
import { demoCpr } from './cpr';
import { casesPerHouse, generatePlan, type Plan, type PlannedCase, type PlannedReferral, planYear, populationOf, scales } from './plan';
import { summarizePlan } from './summary';

// The plan is data: the same seed gives the same plan, and its proportions are those of the annual
// statistics within a tolerance that national volumes (about 2,000 cases a year) allow.

const today = '2026-11-25';
/** National case volumes without the 150,000 background underretninger, for the tests that look only at cases. */
const casesOnly = { name: 'cases-only', caseFraction: 1, underretningerPerYear: 0 };
const national2017 = planYear({ seed: 7, scale: scales.national, fromYear: 2017, toYear: 2017, today }, 2017);
const accepted = (referrals: readonly PlannedReferral[]) =>
  referrals.flatMap((r) => (r.decision?.kind === 'accept' ? [{ referral: r, acceptedAt: r.decision.acceptedAt, c: r.decision.case }] : []));
const cases2017 = accepted(national2017.referrals);
const share = (part: number, whole: number) => part / whole;

describe('the demo-data plan', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const options = { seed: 42, scale: scales.small, fromYear: 2024, toYear: 2026, today };
    expect(JSON.stringify(generatePlan(options))).toEqual(JSON.stringify(generatePlan(options)));
    const other = generatePlan({ ...options, seed: 43 });
    expect(other.years[0].referrals[0].childCpr).not.toEqual(generatePlan(options).years[0].referrals[0].childCpr);
  });

  it('dates nothing after today, and leaves the cases not yet due open', () => {
    const plan = generatePlan({ seed: 1, scale: scales.small, fromYear: 2025, toYear: 2026, today: '2026-06-30' });
    const dates = JSON.stringify(plan).match(/"\d{4}-\d{2}-\d{2}"/g)!.map((d) => d.slice(1, -1));
    expect(dates.filter((d) => d > '2026-06-30')).toEqual([]);
    expect(summarizePlan(plan).cases.open).toBeGreaterThan(0);
  });

  it('gives every child its own CPR number, with the birth date and sex the plan says', () => {
    const cprs = national2017.underretninger.map((u) => u.childCpr).concat(national2017.videoInterviews.filter((v) => !v.referralId).map((v) => v.childCpr));
    expect(new Set(cprs).size).toBe(cprs.length);
    for (const { referral } of cases2017.slice(0, 200)) {
      expect(Number(referral.childCpr.at(-1)) % 2 === 1 ? 'male' : 'female').toBe(referral.sex);
    }
    expect(demoCpr('2012-03-04', 'male', 0)).toBe('040312-4001');
    expect(demoCpr('1999-12-31', 'female', 2999)).toBe('311299-9998');
  });

  it('has as many cases per house as the annual statistics (2017, national scale)', () => {
    const total2017 = Object.values(closedCasesByHouse[2017]).reduce((a, b) => a + b, 0);
    expect(Math.abs(cases2017.length - nationalCases(2017))).toBeLessThan(nationalCases(2017) * 0.03);
    for (const house of houseCodes) {
      const planned = cases2017.filter((c) => c.referral.houseCode === house).length;
      expect(Math.abs(planned - closedCasesByHouse[2017][house])).toBeLessThan(Math.max(12, closedCasesByHouse[2017][house] * 0.05));
    }
    expect(total2017).toBe(1665);
  });

  it("grows after 2017 as the houses' own later figures do: Syd 675 from 2021, Midt 788 in 2024 and 1,123 in 2025 (936 in January-October)", () => {
    expect(casesPerHouse(2025, scales.national)).toEqual({ hovedstaden: 352, sjaelland: 316, syd: 675, midt: 1123, nord: 230 });
    expect(casesPerHouse(2024, scales.national).midt).toBe(788);
    expect(houseCasesAfter2017('midt', 2020)).toBe(272 + Math.round(((788 - 272) * 3) / 7));
    expect(houseCasesAfter2017('syd', 2019)).toBe(585);
    expect(houseCasesAfter2017('midt', 2026)).toBe(1123);
    expect(nationalCases(2025)).toBe(2696);
    expect(nationalCases(2016)).toBe(1326);
  });

  it('shows the disparities the usage report is about: in the last full year at national scale at least 85 municipalities close 3 cases or more, and the regions fall in at least three of the five intervals', () => {
    const year = 2025;
    const plan = generatePlan({ seed: 42, scale: casesOnly, fromYear: year - 1, toYear: year + 1, today: '2026-12-07' });
    const closed = new Map<string, number>();
    for (const y of plan.years) for (const { referral, c } of accepted(y.referrals)) if (c.closing?.closedAt.startsWith(`${year}`)) closed.set(referral.municipalityCode, (closed.get(referral.municipalityCode) ?? 0) + 1);
    expect(municipalities.filter((m) => (closed.get(m.code) ?? 0) >= 3).length).toBeGreaterThanOrEqual(85);
    const population = populationOf(42, year);
    const interval = (rate: number) => (rate < 0.5 ? 1 : rate < 1 ? 2 : rate < 1.5 ? 3 : rate < 2 ? 4 : 5);
    const regions = [...new Set(municipalities.map((m) => m.regionCode))];
    const intervals = regions.map((r) => {
      const of = municipalities.filter((m) => m.regionCode === r);
      return interval((of.reduce((s, m) => s + (closed.get(m.code) ?? 0), 0) / of.reduce((s, m) => s + population[m.code], 0)) * 1000);
    });
    expect(new Set(intervals).size).toBeGreaterThanOrEqual(3);
  });

  it("has the children's sex and the abuse types of 2017", () => {
    const girls = cases2017.filter((c) => c.referral.sex === 'female').length;
    expect(share(girls, cases2017.length)).toBeCloseTo(girlShare, 1);
    const types = (c: PlannedReferral) => c.abuseTypes.filter((t) => t !== 'psychological').sort().join('+');
    const total = abuseTypes2017.violence + abuseTypes2017.sexual + abuseTypes2017.both + abuseTypes2017.unknown;
    const count = (t: string) => cases2017.filter((c) => types(c.referral) === t).length / cases2017.length;
    expect(Math.abs(count('violence') - abuseTypes2017.violence / total)).toBeLessThan(0.03);
    expect(Math.abs(count('sexual') - abuseTypes2017.sexual / total)).toBeLessThan(0.03);
    expect(Math.abs(count('sexual+violence') - abuseTypes2017.both / total)).toBeLessThan(0.015);
    // Girls more often sexual abuse than boys (sources/001).
    const sexualShareOf = (sex: string) => share(cases2017.filter((c) => c.referral.sex === sex && c.referral.abuseTypes.includes('sexual')).length, cases2017.filter((c) => c.referral.sex === sex).length);
    expect(sexualShareOf('female')).toBeGreaterThan(sexualShareOf('male') * 2);
    // Psychological violence is a type only from 2020.
    expect(cases2017.some((c) => c.referral.abuseTypes.includes('psychological'))).toBe(false);
    const later = accepted(planYear({ seed: 7, scale: casesOnly, fromYear: 2021, toYear: 2021, today }, 2021).referrals);
    expect(later.some((c) => c.referral.abuseTypes.includes('psychological'))).toBe(true);
  });

  it("has children 0-17, few of them under 3", () => {
    const ages = cases2017.map((c) => c.referral.ageAtReferral);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(17);
    expect(share(ages.filter((a) => a < 3).length, ages.length)).toBeLessThan(0.05);
  });

  it('has the suspects of 2017: about 1.27 a case, two thirds men', () => {
    const suspects = cases2017.flatMap((c) => c.c.suspects);
    expect(suspects.length / cases2017.length).toBeCloseTo(suspectsPerCase, 1);
    const known = suspects.filter((s) => s.sex !== 'unknown');
    expect(Math.abs(share(known.filter((s) => s.sex === 'male').length, known.length) - maleSuspectShare)).toBeLessThan(0.03);
  });

  it('has case conferences and sector participation like 2017, with the houses as different as they were', () => {
    const withConference = cases2017.filter((c) => c.c.conferences.length > 0).length;
    expect(Math.abs(share(withConference, cases2017.length) - 0.96)).toBeLessThan(0.02);
    const concluding = cases2017.filter((c) => c.c.conferences.some((k) => k.kind === 'concluding')).length;
    expect(Math.abs(share(concluding, cases2017.length) - concludingConferenceShare)).toBeLessThan(0.03);
    for (const house of houseCodes) {
      const coordinating = cases2017.filter((c) => c.referral.houseCode === house).flatMap((c) => c.c.conferences.filter((k) => k.kind === 'coordinating'));
      const took = (sector: string) => share(coordinating.filter((k) => k.participants.some((p) => p.sector === sector && p.mode !== 'absent')).length, coordinating.length);
      expect(Math.abs(took('police') - coordinatingParticipation[house].police)).toBeLessThan(0.08);
      expect(Math.abs(took('paediatrician') - coordinatingParticipation[house].paediatrician)).toBeLessThan(0.08);
      expect(took('municipality')).toBeGreaterThan(0.95);
    }
  });

  it('has services by provider like 2017, and the house works with the child only after the police release it', () => {
    const interviewed = cases2017.filter((c) => national2017.videoInterviews.some((v) => v.referralId === c.referral.referralId)).length;
    expect(Math.abs(share(interviewed, cases2017.length) - videoInterviewShare)).toBeLessThan(0.04);
    const houseServices = cases2017.flatMap((c) => c.c.services.filter((s) => s.kind !== 'video-interview')).length;
    expect(houseServices / cases2017.length).toBeGreaterThan(3);
    expect(houseServices / cases2017.length).toBeLessThan(4);
    for (const { referral, c } of cases2017) {
      const interview = national2017.videoInterviews.find((v) => v.referralId === referral.referralId);
      for (const s of c.services.filter((x) => x.recipient === 'child' || x.recipient === 'child-and-carer')) {
        if (s.kind !== 'video-interview' && interview) expect(interview.releasedAt! <= s.deliveredAt).toBe(true);
      }
      if (c.closing) expect(c.services.every((s) => s.deliveredAt <= c.closing!.closedAt)).toBe(true);
    }
  });

  it.each([2024, 2025] as const)("has lead times like Børnehus Midt's in %i", (year) => {
    const target = leadTimeTargets[year];
    const closed = accepted(planYear({ seed: 11, scale: casesOnly, fromYear: year, toYear: year, today: '2030-01-01' }, year).referrals)
      .map(({ c }) => (c as PlannedCase).closing)
      .filter((x) => x !== undefined);
    const days = closed.map((x) => x.leadTimeDays);
    const average = days.reduce((a, b) => a + b, 0) / days.length;
    expect(Math.abs(average - target.averageDays)).toBeLessThan(8);
    expect(Math.abs(share(days.filter((d) => d <= 120).length, days.length) - target.within120)).toBeLessThan(0.03);
    expect(Math.abs(share(days.filter((d) => d <= 90).length, days.length) - target.within90)).toBeLessThan(0.03);
  });

  it('has closings of every kind, police interviews that never lead to a referral, and mandatory-referral gaps', () => {
    const plan: Plan = { options: { seed: 7, scale: scales.national, fromYear: 2017, toYear: 2017, today }, years: [national2017] };
    const s = summarizePlan(plan);
    expect(s.cases.interrupted).toBeGreaterThan(0);
    expect(s.cases.withdrawn).toBeGreaterThan(0);
    expect(s.referrals.rejected).toBeGreaterThan(0);
    expect(s.videoInterviewsNotReferred).toBeGreaterThan(0);
    const referredChildren = new Set(national2017.referrals.map((r) => r.childCpr));
    expect(national2017.videoInterviews.filter((v) => !v.referralId).every((v) => !referredChildren.has(v.childCpr))).toBe(true);
    const gaps = national2017.underretninger.filter((u) => u.mandatoryReferralGap);
    expect(gaps.length).toBeGreaterThan(100);
    for (const u of gaps) {
      expect(u.concerns.some((c) => c === 'violence' || c === 'sexual')).toBe(true);
      expect(u.decisions?.childInvestigationDecidedAt && (u.decisions.policeReportedAt || u.decisions.hospitalInvolvedAt)).toBeTruthy();
      expect(referredChildren.has(u.childCpr)).toBe(false);
    }
    // No background underretning meets all three criteria.
    const meets = (u: (typeof national2017.underretninger)[number]) =>
      u.concerns.some((c) => c === 'violence' || c === 'sexual') && u.decisions?.childInvestigationDecidedAt && (u.decisions.policeReportedAt || u.decisions.policeConsultedAt || u.decisions.hospitalInvolvedAt);
    const referredUnderretninger = new Set(national2017.referrals.map((r) => r.underretningId));
    expect(national2017.underretninger.filter((u) => meets(u) && !u.mandatoryReferralGap && !referredUnderretninger.has(u.underretningId))).toEqual([]);
    expect(national2017.underretninger.length).toBe(150_000);
  });

  it("puts the children of the municipalities near Esbjerg, Aabenraa, Herning (from 2021) and Hillerød at those sites, every other case and interview at its house's main site", () => {
    const sited = (from: number, to: number) => {
      const plan = generatePlan({ seed: 5, scale: casesOnly, fromYear: from, toYear: to, today });
      const cases = plan.years.flatMap((y) => accepted(y.referrals)).map(({ referral, acceptedAt, c }) => ({ site: c.siteCode, house: referral.houseCode, municipality: referral.municipalityCode, on: acceptedAt }));
      const interviews = plan.years.flatMap((y) => y.videoInterviews).map((v) => ({ site: v.siteCode, house: v.houseCode, municipality: v.municipalityCode, on: v.conductedAt }));
      return [...cases, ...interviews];
    };
    const all = sited(2020, 2025);
    const siteOf = (s: string) => houseSites.find((x) => x.code === s)!;
    for (const x of all.filter((x) => x.site)) {
      expect({ ...x, ofHouse: siteOf(x.site!).houseCode, main: siteOf(x.site!).main }).toEqual({ ...x, ofHouse: x.house, main: false });
    }
    const at = (site: string) => all.filter((x) => x.site === site);
    expect(at('syd-esbjerg').map((x) => x.municipality).every((m) => ['561', '563', '573', '575', '530'].includes(m))).toBe(true);
    for (const site of ['syd-esbjerg', 'syd-aabenraa', 'midt-herning', 'hovedstaden-hilleroed']) expect(at(site).length).toBeGreaterThan(20);
    expect(at('midt-herning').every((x) => x.on >= '2021-01-01')).toBe(true);
    expect(all.filter((x) => x.municipality === '657' && x.on < '2021-01-01' && x.house === 'midt').every((x) => x.site === undefined)).toBe(true);
    expect(all.filter((x) => x.municipality === '751').every((x) => x.site === undefined)).toBe(true); // Aarhus: the main site
  });

  it('waits a plausible time between the steps: aware, referred, accepted', () => {
    for (const { referral, acceptedAt } of cases2017) {
      expect(daysBetween(referral.municipalityAwareAt, referral.referredAt)).toBeGreaterThanOrEqual(3);
      expect(daysBetween(referral.referredAt, acceptedAt)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(referral.referredAt, acceptedAt)).toBeLessThanOrEqual(14);
      expect(findMunicipality(referral.municipalityCode)).toBeDefined();
    }
  });

  it('has a FOLK1A population for every municipality, and the real one for Region Midtjylland in 2017', () => {
    expect(Object.keys(national2017.population)).toHaveLength(98);
    expect(national2017.population['791']).toBe(21395);
    const lines = national2017.populationCsv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('OMRÅDE;ALDER;TID;INDHOLD');
    expect(lines).toHaveLength(1 + 98 * 18);
    expect(lines).toContain('Viborg;0 år;2017K1;1189');
    expect(national2017.tariffs.map((t) => t.houseCode).sort()).toEqual([...houseCodes].sort());
    expect(planYear({ seed: 1, scale: scales.small, fromYear: 2021, toYear: 2021, today }, 2021).tariffs.find((t) => t.houseCode === 'midt')?.dkkPerCase).toBe(12662);
  });
});
