import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { publish } from '../test-support/events';
import { AALBORG, AARHUS, caseIds, MUNICIPALITY_VIEWS_TODAY, municipalityViewsEvents } from '../test-support/municipality-views';
import { startReporting } from '../test-support/reporting-service';

// A municipality's own lead times, § 20 deadline risks, video interviews not referred and gaps
// (ADR 0075), as of 2025-06-20. The worked example, by hand:
//   Aarhus closed 2025: 60 days (10.1 → 11.3) and 120 days (1.2 → 1.6): average 90, median (1st of 2) 60,
//     p90 (⌈1.8⌉ = 2nd) 120, within 90: 1 (50 %), within 120: 2 (100 %).
//   Aarhus open on 20.6: A3 opened 1.3 (111 days; passes 120 on 30.6), A4 opened 1.5 (50 days), A5 opened 1.6 (19 days).
//   § 20: A3 aware 10.2 → deadline 10.6, passed (passesOn 11.6); A4 aware 25.2 → deadline 25.6, 5 days left < 14: near;
//     A5 aware 20.5 → deadline 20.9: not at risk.
//   Waiting referral → opened: 5, 10, 9, 3, 7 days: average 34 / 5 = 6.8 → 7, median (3rd of 5) 7.
//   Interviews of Aarhus's children: VI-A1 (8.1, case opened 10.1: referred), VI-A6 (1.3, window closed 30.4: final),
//     VI-A7 (1.6, window open until 31.7: provisional).
describe('municipality-scoped views (ADR 0075)', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const aarhus = () => httpAs(service.url, 'municipality', { municipality: AARHUS });

  beforeAll(async () => {
    service = await startReporting('reporting_municipality_views', { clock: controlledClock(MUNICIPALITY_VIEWS_TODAY) });
    await publish(service, municipalityViewsEvents());
    await waitFor(
      async () => [await ops().get('/v1/reports/lead-times?year=2025'), await ops().get('/v1/reports/video-interviews-not-referred?year=2025&groupBy=municipality'), await ops().get('/v1/reports/mandatory-referral-gaps?year=2025')],
      ([lead, interviews, gaps]) => lead.body.all?.closed.count === 3 && lead.body.all.open.count === 4 && interviews.body.rows?.at(-1)?.conducted === 4 && gaps.body.rows?.at(-1)?.opened === 2,
      { timeoutMs: 60000, what: 'the cases, interviews and gaps to be projected' },
    );
  }, 120000);
  afterAll(() => service?.drop());

  it("gives a municipality its own lead times, open cases and § 20 deadline risks, stating the definition", async () => {
    const { status, body } = await aarhus().get('/v1/reports/lead-times?year=2025');
    expect(status).toBe(200);
    expect(body.municipality).toBe(AARHUS);
    expect(body.all.closed).toEqual({ count: 2, averageDays: 90, medianDays: 60, p90Days: 120, within90: { count: 1, percent: 50 }, within120: { count: 2, percent: 100 } });
    expect(body.all.waitingReferralToOpened).toEqual({ casesOpened: 5, averageDays: 7, medianDays: 7 });
    expect(body.all.open).toMatchObject({
      count: 3,
      byAge: [{ bucket: '0-30', count: 1 }, { bucket: '31-60', count: 1 }, { bucket: '61-90', count: 0 }, { bucket: '91-120', count: 1 }, { bucket: '121+', count: 0 }],
      passed90: 1,
      approaching120: [{ caseId: caseIds.a3, ageDays: 111, passesOn: '2025-06-30' }],
      section20: {
        passed: [{ caseId: caseIds.a3, municipalityCode: AARHUS, passesOn: '2025-06-11' }],
        approaching: [{ caseId: caseIds.a4, municipalityCode: AARHUS, passesOn: '2025-06-26' }],
      },
    });
    expect(body.definitions.section20Risk).toMatch(/municipalityAwareAt .*\+ 4 calendar months.*open at the house on asOf/);
    expect(body.definitions.municipality).toMatch(/handlekommune/);
    expect(body.byHouse.find((h: { houseCode: string }) => h.houseCode === 'nord').open.count).toBe(0);
  });

  it("gives ops any municipality, and the national figures without one", async () => {
    const aalborg = (await ops().get(`/v1/reports/lead-times?year=2025&municipality=${AALBORG}`)).body;
    expect(aalborg.all.closed).toMatchObject({ count: 1, averageDays: 30 });
    expect(aalborg.all.open.section20.passed.map((c: { caseId: string }) => c.caseId)).toEqual([caseIds.b2]);
    const national = (await ops().get('/v1/reports/lead-times?year=2025')).body;
    expect(national.municipality).toBeUndefined();
    expect(national.all.open.section20.passed.map((c: { caseId: string }) => c.caseId).sort()).toEqual([caseIds.a3, caseIds.b2]);
  });

  it("gives a municipality the monthly trend of its own closed cases", async () => {
    const { body } = await aarhus().get('/v1/reports/lead-times/trend?year=2025');
    expect(body.months.map((m: { month: string; closed: { count: number } }) => [m.month, m.closed.count])).toEqual([
      ['2025-01', 0], ['2025-02', 0], ['2025-03', 1], ['2025-04', 0], ['2025-05', 0], ['2025-06', 1],
    ]);
  });

  it("gives a municipality the video interviews of its own children not referred", async () => {
    const { body } = await aarhus().get('/v1/reports/video-interviews-not-referred?year=2025&groupBy=municipality');
    expect(body.rows).toEqual([
      { key: AARHUS, name: 'Aarhus', conducted: 3, referred: 1, notReferredFinal: 1, notReferredProvisional: 1, reinterviews: 0 },
      { key: 'total', name: 'I alt', conducted: 3, referred: 1, notReferredFinal: 1, notReferredProvisional: 1, reinterviews: 0 },
    ]);
  });

  it('answers the municipality views as Danish CSV', async () => {
    const lead = await aarhus().get('/v1/reports/lead-times?year=2025&format=csv&locale=da');
    expect(lead.text.split("\r\n")[1]).toMatch(/^all;2;90;60;120;2;100;1;50;3;0;1;1;0;1;1;5;7;7;$/);
    const interviews = await aarhus().get('/v1/reports/video-interviews-not-referred?year=2025&groupBy=municipality&format=csv&locale=da');
    expect(interviews.text.split('\r\n')[1]).toBe('751;Aarhus;3;1;1;1;0');
  });

  it('refuses an unknown municipality naming the parameter', async () => {
    for (const path of ['lead-times?year=2025', 'lead-times/trend?year=2025', 'video-interviews-not-referred?year=2025']) {
      const { status, body } = await ops().get(`/v1/reports/${path}&municipality=999`);
      expect([status, body.errors?.[0]?.field]).toEqual([400, 'municipality']);
    }
  });
});
