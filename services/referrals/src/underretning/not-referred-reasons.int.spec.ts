import { UnderretningNotReferredReasonsRecordedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { eventCount, eventTypes, expectSameAnswer, publishedEvents, startReferrals } from '../test-support/referrals-under-test';

// Why a child was not referred (issue 23 item 6, ADR 0074), through the public API on real
// PostgreSQL and Kafka. Today is 2025-03-20 in Copenhagen.
const clock = controlledClock('2025-03-20T09:00:00Z');
const underretning = { underretningId: 'NR-U-1', childCpr: generateCpr('2015-06-11', 'male', 23), municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' };
const path = '/v1/underretninger/NR-U-1/not-referred-reasons';

describe('POST /v1/underretninger/{id}/not-referred-reasons on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let aarhus: ReturnType<typeof httpAs>;
  let copenhagen: ReturnType<typeof httpAs>;

  beforeAll(async () => {
    service = await startReferrals('referrals_not_referred', { clock });
    aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    copenhagen = httpAs(service.url, 'municipality', { municipality: '101' });
    expect((await aarhus.post('/v1/underretninger', underretning)).status).toBe(201);
    expect((await aarhus.post('/v1/underretninger/NR-U-1/decisions', { preventiveMeasureAt: '2025-03-06', policeConsultedAt: '2025-03-05' })).status).toBe(200);
  });
  afterAll(() => service?.drop());

  it('records the reasons with the note, answers a retry the same, and publishes the codes only', async () => {
    const body = { reasons: ['police-assessment-decided', 'preventive-measure-instead'], note: 'Politiet vurderede, at der ikke var grundlag for anmeldelse.' };
    const first = await aarhus.post(path, body);
    expect(first.status).toBe(200);
    expect(first.body.notReferred).toEqual({ reasons: ['preventive-measure-instead', 'police-assessment-decided'], note: body.note, recordedOn: '2025-03-20' });
    expect(first.body.decisions).toEqual({ preventiveMeasureAt: '2025-03-06', policeConsultedAt: '2025-03-05' });
    expectSameAnswer(await aarhus.post(path, { ...body, reasons: ['preventive-measure-instead', 'police-assessment-decided'] }), first);
    expect((await aarhus.get('/v1/underretninger/NR-U-1')).body.notReferred).toEqual(first.body.notReferred);
    expect((await eventTypes(service, 'underretning-751:NR-U-1')).filter((t) => t === 'UnderretningNotReferredReasonsRecorded')).toHaveLength(1);

    const published = (await publishedEvents(service)).filter((e) => e.type === UnderretningNotReferredReasonsRecordedV1.type);
    expect(published.map((e) => e.data)).toEqual([{ underretningId: 'NR-U-1', municipalityCode: '751', reasons: ['preventive-measure-instead', 'police-assessment-decided'], recordedOn: '2025-03-20' }]);
    expect(JSON.stringify(published)).not.toContain('Politiet');
  });

  it('replaces the set when it changes', async () => {
    const answer = await aarhus.post(path, { reasons: ['consent-treated-as-required'] });
    expect(answer.status).toBe(200);
    expect(answer.body.notReferred).toEqual({ reasons: ['consent-treated-as-required'], recordedOn: '2025-03-20' });
  });

  it.each([
    ['no reason', { reasons: [] }, 'reasons'],
    ['no reasons field', {}, 'reasons'],
    ['an unknown reason', { reasons: ['bad-weather'] }, 'reasons'],
    ['a reason twice', { reasons: ['other', 'other'] }, 'reasons'],
    ['a note over 500 characters', { reasons: ['other'], note: 'x'.repeat(501) }, 'note'],
    ['a note holding a CPR number', { reasons: ['other'], note: 'Barnet 110615-4231 flyttede' }, 'note'],
    ['a note holding a CPR number written with dots', { reasons: ['other'], note: 'cpr 11.06.15-4231' }, 'note'],
    ['a note that is not text', { reasons: ['other'], note: 42 }, 'note'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_case, body, field) => {
    const before = await eventCount(service);
    const answer = await aarhus.post(path, body);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/application\/problem\+json/);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(JSON.stringify(answer.body)).not.toMatch(/4231/);
    expect(await eventCount(service)).toBe(before);
  });

  it("answers another municipality's caller 404, as for an id nobody used", async () => {
    const other = await copenhagen.post(path, { reasons: ['other'] });
    const unused = await aarhus.post('/v1/underretninger/NR-U-NONE/not-referred-reasons', { reasons: ['other'] });
    expect([other.status, unused.status]).toEqual([404, 404]);
    expect(other.body.code).toBe(unused.body.code);
  });
});
