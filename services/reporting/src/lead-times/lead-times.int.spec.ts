import { addDays } from '@sagsspor/calendar';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

describe('GET /v1/reports/lead-times', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');

  beforeAll(async () => {
    service = await startReporting('reporting_lead_times', { clock: controlledClock('2025-01-10T10:00:00Z') });
    const closed = [90, 91, 120, 121].flatMap((days) => caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2024-01-01', openedAt: '2024-01-11', closedAt: addDays('2024-01-11', days) }));
    const nord = caseEvents({ municipalityCode: '851', houseCode: 'nord', referredAt: '2024-03-01', openedAt: '2024-03-02', closedAt: '2024-04-01' });
    const approaching90 = caseEvents({ caseId: '00000000-0000-4000-8000-000000000090', municipalityCode: '751', houseCode: 'midt', referredAt: '2024-10-10', openedAt: '2024-10-15', municipalityAwareAt: '2024-10-01' });
    const past120 = caseEvents({ caseId: '00000000-0000-4000-8000-000000000120', municipalityCode: '751', houseCode: 'midt', referredAt: '2024-08-20', openedAt: '2024-09-01', municipalityAwareAt: '2024-08-15' });
    await publish(service, [...closed, ...nord, ...approaching90, ...past120]);
    await waitFor(() => ops().get('/v1/reports/lead-times?year=2024'), (r) => r.body.all?.closed.count === 5 && r.body.all.open.count === 2, { timeoutMs: 60000, what: 'the cases to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('summarises the closed cases of the period per house, 90 and 120 days counting as within', async () => {
    const { body } = await ops().get('/v1/reports/lead-times?year=2024&house=midt');
    expect(body.byHouse).toHaveLength(1);
    expect(body.all.closed).toEqual({ count: 4, averageDays: 106, medianDays: 91, p90Days: 121, within90: { count: 1, percent: 25 }, within120: { count: 3, percent: 75 } });
    expect(body.all.waitingReferralToOpened).toEqual({ casesOpened: 6, averageDays: 10, medianDays: 10 }); // 4 × 10, 5 and 12: 57 / 6 = 9.5 → 10
  });

  it('ages the open cases as of today and flags those about to pass 90 days and past 120, and the § 20 deadline', async () => {
    const { body } = await ops().get('/v1/reports/lead-times?year=2024&house=midt');
    expect(body.asOf).toBe('2025-01-10');
    expect(body.all.open).toMatchObject({
      count: 2,
      byAge: [{ bucket: '0-30', count: 0 }, { bucket: '31-60', count: 0 }, { bucket: '61-90', count: 1 }, { bucket: '91-120', count: 0 }, { bucket: '121+', count: 1 }],
      approaching90: [{ caseId: '00000000-0000-4000-8000-000000000090', ageDays: 87, passesOn: '2025-01-14' }],
      passed90: 1,
      approaching120: [],
      passed120: 1,
    });
    expect(body.all.open.section20.passed.map((c: { caseId: string }) => c.caseId)).toEqual(['00000000-0000-4000-8000-000000000120']);
    const earlier = await ops().get('/v1/reports/lead-times?year=2024&house=midt&asOf=2024-12-01');
    expect(earlier.body.all.open.passed120).toBe(0);
  });

  it('keeps a house-bound caller to its own house', async () => {
    const nord = httpAs(service.url, 'boernehus', { house: 'nord' });
    const own = await nord.get('/v1/reports/lead-times?year=2024');
    expect(own.body).toMatchObject({ house: 'nord', all: { closed: { count: 1 } } });
    expect((await nord.get('/v1/reports/lead-times?year=2024&house=midt')).status).toBe(403);
    expect((await httpAs(service.url, 'ops', { house: 'nord' }).get('/v1/reports/lead-times?year=2024')).body.house).toBe('nord');
  });

  it('answers CSV in the columns of the house report, and refuses bad periods naming the parameter', async () => {
    const csv = await ops().get('/v1/reports/lead-times?year=2024&format=csv&locale=da');
    expect(csv.text.split('\r\n')[0]).toMatch(/^børnehus;antal afsluttede sager;gns\. indskrivningstid i dage;median i dage;90-procent-fraktil i dage;antal 120 dage;120 dage pct;antal 90 dage;90 dage pct;/);
    expect(csv.text.split('\r\n')[1]).toMatch(/^all;5;/);
    expect((await ops().get('/v1/reports/lead-times?from=2024-05-01')).body.errors[0].field).toBe('to');
    expect((await ops().get('/v1/reports/lead-times?from=2024-05-01&to=2024-04-01')).body.errors[0].field).toBe('to');
    expect((await ops().get('/v1/reports/lead-times?year=2024&from=2024-01-01&to=2024-02-01')).body.errors[0].field).toBe('year');
    expect((await ops().get('/v1/reports/lead-times?year=2024&house=vest')).body.errors[0].field).toBe('house');
    expect((await ops().get('/v1/reports/lead-times?year=2024&asOf=2025-02-30')).body.errors[0].field).toBe('asOf');
  });

  it('answers the trend of a period in one request: per month what GET /v1/reports/lead-times answers for it', async () => {
    const { body } = await ops().get('/v1/reports/lead-times/trend?from=2024-03-15&to=2024-06-10&house=midt');
    expect(body.months.map((m: { month: string; from: string; to: string }) => [m.month, m.from, m.to])).toEqual([
      ['2024-03', '2024-03-15', '2024-03-31'],
      ['2024-04', '2024-04-01', '2024-04-30'],
      ['2024-05', '2024-05-01', '2024-05-31'],
      ['2024-06', '2024-06-01', '2024-06-10'],
    ]);
    for (const month of body.months) {
      const single = await ops().get(`/v1/reports/lead-times?from=${month.from}&to=${month.to}&house=midt`);
      expect(month.closed).toEqual(single.body.all.closed);
    }
    expect(body.months.map((m: { closed: { count: number } }) => m.closed.count)).toEqual([0, 2, 2, 0]); // 90 and 91 days in April, 120 and 121 in May
    const year = await ops().get('/v1/reports/lead-times/trend?year=2024');
    expect(year.body.months).toHaveLength(12);
    expect(year.body.months.reduce((n: number, m: { closed: { count: number } }) => n + m.closed.count, 0)).toBe(5);
  });

  it('answers the trend as CSV, keeps a house-bound caller to its house, and bounds the period to ten years', async () => {
    const csv = await ops().get('/v1/reports/lead-times/trend?year=2024&format=csv');
    expect(csv.text.split('\r\n')[0]).toBe('month,from,to,closed cases,average days,median days,90th percentile days,within 90 days,within 90 days %,within 120 days,within 120 days %');
    expect(csv.text.split('\r\n')[4]).toBe('2024-04,2024-04-01,2024-04-30,3,70,90,91,2,67,3,100');
    const nord = httpAs(service.url, 'boernehus', { house: 'nord' });
    expect((await nord.get('/v1/reports/lead-times/trend?year=2024')).body.house).toBe('nord');
    expect((await nord.get('/v1/reports/lead-times/trend?year=2024&house=midt')).status).toBe(403);
    expect((await ops().get('/v1/reports/lead-times/trend?from=2015-01-01&to=2024-12-31')).status).toBe(200);
    const tooLong = await ops().get('/v1/reports/lead-times/trend?from=2014-12-31&to=2024-12-31');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].field).toBe('to');
    expect((await ops().get('/v1/reports/lead-times/trend?from=2024-05-01')).body.errors[0].field).toBe('to');
  });
});
