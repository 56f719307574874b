import { copenhagenDate } from '@sagsspor/calendar';
import { generatePlan, loadPlan, type Plan, type PlanSummary, planIsLoaded, summarizePlan } from '@sagsspor/demo-data';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { getJson, type RunningPlatform, startPlatform } from './platform';

// The demo data through the public APIs, end to end: a reduced plan (one year, a hundredth of the
// national volumes) is loaded by the same driver as `npm run cli -- demo-data` and `npm start`, and
// the reports must show what the plan holds. Loading it again must change nothing.

const houses = ['hovedstaden', 'sjaelland', 'syd', 'midt', 'nord'] as const;
const today = copenhagenDate(new Date());
const year = Number(today.slice(0, 4)) - 1;
const from = `${year}-01-01`;

describe('demo data through the public APIs', () => {
  let platform: RunningPlatform;
  let plan: Plan;
  let summary: PlanSummary;
  let ops: Record<string, string>;
  const report = async (path: string) => {
    const answer = await getJson(`${platform.url('reporting')}${path}`, ops);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const closedInReporting = async () => {
    const counts: Record<string, number> = {};
    for (const house of houses) counts[house] = (await report(`/v1/reports/lead-times?from=${from}&to=${today}&house=${house}`)).all.closed.count;
    return counts;
  };
  const plannedClosed = () => Object.fromEntries(houses.map((h) => [h, Object.values(summary.closedByYearAndHouse).reduce((sum, byHouse) => sum + (byHouse[h] ?? 0), 0)]));
  const urls = () => ({ referrals: platform.url('referrals'), caseLifecycle: platform.url('case-lifecycle'), sectorCoordination: platform.url('sector-coordination'), reporting: platform.url('reporting') });

  beforeAll(async () => {
    platform = await startPlatform('demo-data', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3601) + 20);
    ops = await authHeaders('ops');
    plan = generatePlan({ seed: 5, scale: { name: 'e2e', caseFraction: 0.012, underretningerPerYear: 40 }, fromYear: year, toYear: year, today });
    summary = summarizePlan(plan);
    const result = await loadPlan(plan, { urls: urls(), concurrency: 16 });
    expect(result.failures).toEqual([]);
    await waitFor(closedInReporting, (counts) => JSON.stringify(counts) === JSON.stringify(plannedClosed()), { timeoutMs: 120000, intervalMs: 1000, what: 'reporting to count the closed cases of the plan' });
  }, 600000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('holds cases of every house, open and closed, and more than one kind of closing', () => {
    for (const house of houses) expect(plannedClosed()[house]).toBeGreaterThan(0);
    expect(summary.cases.closed).toBeGreaterThan(10);
    expect(summary.referrals.rejected + summary.referrals.withdrawn + summary.cases.interrupted + summary.cases.withdrawn).toBeGreaterThan(0);
  });

  it('shows the closed cases of each house in the lead-time report, as planned', async () => {
    expect(await closedInReporting()).toEqual(plannedClosed());
  });

  it('shows police video interviews that never led to a referral, as many as planned', async () => {
    const body = await report(`/v1/reports/video-interviews-not-referred?from=${from}&to=${today}&groupBy=house`);
    const rows = body.rows.filter((r: { key: string }) => r.key !== 'total');
    const notReferred = rows.reduce((sum: number, r: { notReferredFinal: number; notReferredProvisional: number }) => sum + r.notReferredFinal + r.notReferredProvisional, 0);
    expect(summary.videoInterviewsNotReferred).toBeGreaterThan(0);
    expect(notReferred).toBe(summary.videoInterviewsNotReferred);
    const conducted = rows.reduce((sum: number, r: { conducted: number }) => sum + r.conducted, 0);
    expect(conducted).toBe(summary.videoInterviews);
  });

  it("puts the planned cases and interviews at their houses' other sites: lead times and the 7-day target by site count them there", async () => {
    const countBy = (sites: (string | undefined)[]) => sites.reduce<Record<string, number>>((n, s) => (s ? { ...n, [s]: (n[s] ?? 0) + 1 } : n), {});
    const within = (day: string | undefined) => day !== undefined && day >= from && day <= today;
    const cases = plan.years.flatMap((y) => y.referrals).flatMap((r) => (r.decision?.kind === 'accept' && within(r.decision.case.closing?.closedAt) ? [r.decision.case.siteCode] : []));
    const interviews = plan.years.flatMap((y) => y.videoInterviews).filter((v) => within(v.conductedAt)).map((v) => v.siteCode);
    const plannedCases = countBy(cases);
    const plannedInterviews = countBy(interviews);
    expect(Object.keys(plannedCases).length + Object.keys(plannedInterviews).length).toBeGreaterThan(0);
    const leadTimes = await report(`/v1/reports/lead-times?from=${from}&to=${today}`);
    for (const [site, n] of Object.entries(plannedCases)) expect({ site, closed: leadTimes.bySite.find((r: { siteCode: string }) => r.siteCode === site)?.closed.count }).toEqual({ site, closed: n });
    const target = await report(`/v1/reports/video-interview-target?from=${from}&to=${today}`);
    for (const [site, n] of Object.entries(plannedInterviews)) expect({ site, interviews: target.bySite.find((r: { siteCode: string }) => r.siteCode === site)?.interviews }).toEqual({ site, interviews: n });
  });

  it('shows mandatory-referral gaps: underretninger that met the criteria and got no referral', async () => {
    const body = await report(`/v1/reports/mandatory-referral-gaps?from=${from}&to=${today}&groupBy=house`);
    const opened = body.rows.filter((r: { key: string }) => r.key !== 'total').reduce((sum: number, r: { opened: number }) => sum + r.opened, 0);
    expect(summary.mandatoryReferralGaps).toBeGreaterThan(0);
    expect(opened).toBeGreaterThan(0);
  });

  it('knows a loaded plan from one not loaded (how npm start loads the demo data on the first start only)', async () => {
    expect(await planIsLoaded(plan, urls())).toBe(true);
    expect(await planIsLoaded(generatePlan({ ...plan.options, seed: 6 }), urls())).toBe(false);
  });

  it('changes nothing when the same plan is loaded again', async () => {
    const again = await loadPlan(plan, { urls: urls(), concurrency: 16 });
    expect(again.failures).toEqual([]);
    const cases = await getJson(`${platform.url('case-lifecycle')}/v1/cases?house=midt`, await authHeaders('boernehus', { house: 'midt' }));
    expect(cases.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await closedInReporting()).toEqual(plannedClosed());
  });
});
