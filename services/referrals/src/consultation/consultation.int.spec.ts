import { ChildRegistry } from '@sagsspor/child-identity';
import { ConsultationRecordedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { eventCount, expectSameAnswer, publishedEvents, startReferrals } from '../test-support/referrals-under-test';

// Today is 2025-02-12 in Copenhagen.
const clock = controlledClock('2025-02-12T09:00:00Z');
const childCpr = generateCpr('2013-06-30', 'male', 31);
const inquiry = { consultationId: 'INT-K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-02-11', outcome: 'advice-given' };

describe('consultative inquiries on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let aarhus: ReturnType<typeof httpAs>;
  let midt: ReturnType<typeof httpAs>;

  beforeAll(async () => {
    service = await startReferrals('referrals_consultation', { clock });
    aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    midt = httpAs(service.url, 'boernehus', { house: 'midt' });
  });
  afterAll(() => service?.drop());

  it('records an anonymous inquiry from the municipality once, and answers a retry the same', async () => {
    const first = await aarhus.post('/v1/consultations', inquiry);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(inquiry);
    expectSameAnswer(await aarhus.post('/v1/consultations', inquiry), first);
    expect(await eventCount(service, 'consultation-INT-K-1')).toBe(1);
  });

  it('records an inquiry about a child from the house, keeping the CPR only in the vault', async () => {
    const answer = await midt.post('/v1/consultations', { ...inquiry, consultationId: 'INT-K-2', childCpr, outcome: 'referral-recommended' });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ ...inquiry, consultationId: 'INT-K-2', outcome: 'referral-recommended', childRef: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await service.app.get(ChildRegistry).reveal(answer.body.childRef)).toBe(childCpr.replace('-', ''));
    expect((await aarhus.get('/v1/consultations/INT-K-2')).body).toEqual(answer.body);
  });

  it('lets only the municipality and house named record and read it', async () => {
    expect((await httpAs(service.url, 'boernehus', { house: 'syd' }).post('/v1/consultations', { ...inquiry, consultationId: 'INT-K-3' })).status).toBe(403);
    expect((await httpAs(service.url, 'municipality', { municipality: '101' }).post('/v1/consultations', { ...inquiry, consultationId: 'INT-K-3' })).status).toBe(403);
    expect((await httpAs(service.url, 'police').post('/v1/consultations', { ...inquiry, consultationId: 'INT-K-3' })).status).toBe(403);
    expect((await httpAs(service.url, 'boernehus', { house: 'syd' }).get('/v1/consultations/INT-K-1')).status).toBe(404);
    expect((await aarhus.get('/v1/consultations/INT-K-404')).status).toBe(404);
  });

  it.each([
    ['a malformed CPR', { childCpr: '1234567890x' }, 400, 'childCpr'],
    ['a CPR with no real birth date', { childCpr: '320113-4001' }, 422, 'childCpr'],
    ['a child over 17', { childCpr: generateCpr('2007-02-10', 'female', 6) }, 422, 'askedAt'],
    ['an unknown municipality', { municipalityCode: '998' }, 400, 'municipalityCode'],
    ['an unknown house', { houseCode: 'bornholm' }, 400, 'houseCode'],
    ['a date in the future', { askedAt: '2025-02-13' }, 422, 'askedAt'],
    ['an unknown outcome', { outcome: 'solved' }, 400, 'outcome'],
    ['a missing id', { consultationId: undefined }, 400, 'consultationId'],
  ])('refuses %s, naming the field, and writes nothing', async (_what, change, status, field) => {
    const before = await eventCount(service);
    const answer = await httpAs(service.url, 'admin').post('/v1/consultations', { ...inquiry, consultationId: 'INT-K-BAD', ...change });
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    else expect(answer.body.detail).toMatch(new RegExp(field));
    expect(await eventCount(service)).toBe(before);
  });

  it('refuses the same id with other content, writing nothing', async () => {
    const before = await eventCount(service);
    expect((await midt.post('/v1/consultations', { ...inquiry, outcome: 'other' })).status).toBe(422);
    expect(await eventCount(service)).toBe(before);
  });

  it('publishes each inquiry, with the child as pseudonym, sex and age only', async () => {
    const events = (await publishedEvents(service)).filter((e) => e.type === ConsultationRecordedV1.type);
    // Different streams go to different partitions: no order between them.
    const byId = (e: { data: unknown }) => (e.data as { consultationId: string }).consultationId;
    expect(events.sort((a, b) => byId(a).localeCompare(byId(b))).map((e) => e.data)).toEqual([
      inquiry,
      { ...inquiry, consultationId: 'INT-K-2', outcome: 'referral-recommended', childRef: expect.stringMatching(/^[0-9a-f]{64}$/), childSex: 'male', childAgeYears: 11 },
    ]);
  });
});
