import { ReferralAcceptedV1, ReferralRejectedV1, ReferralSubmittedV1, ReferralWithdrawnV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { eventCount, eventTypes, expectSameAnswer, publishedEvents, startReferrals } from '../test-support/referrals-under-test';
import { caseIdForReferral } from './referral.command-handler';

// Today is 2025-03-14 in Copenhagen.
const clock = controlledClock('2025-03-14T09:00:00Z');
const childCpr = generateCpr('2016-04-02', 'female', 21);
const otherChildCpr = generateCpr('2014-11-12', 'male', 22);
const referral = (referralId: string, change: Record<string, unknown> = {}) => ({
  referralId,
  childCpr,
  municipalityCode: '751',
  referredAt: '2025-03-10',
  municipalityAwareAt: '2025-03-04',
  abuseTypes: ['violence'],
  ...change,
});

describe('referrals on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let aarhus: ReturnType<typeof httpAs>;
  let midt: ReturnType<typeof httpAs>;
  let admin: ReturnType<typeof httpAs>;

  beforeAll(async () => {
    service = await startReferrals('referrals_referral', { clock });
    aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    midt = httpAs(service.url, 'boernehus', { house: 'midt' });
    admin = httpAs(service.url, 'admin');
  });
  afterAll(() => service?.drop());

  describe('POST /v1/referrals', () => {
    it('submits to the region’s house by default, writes one event, and answers a retry the same', async () => {
      const first = await aarhus.post('/v1/referrals', referral('INT-R-1'));
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        referralId: 'INT-R-1',
        status: 'submitted',
        municipalityCode: '751',
        houseCode: 'midt',
        childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
        referredAt: '2025-03-10',
        municipalityAwareAt: '2025-03-04',
        abuseTypes: ['violence'],
        caseKind: 'abuse',
      });
      expectSameAnswer(await aarhus.post('/v1/referrals', referral('INT-R-1')), first);
      expect(await eventTypes(service, 'referral-751:INT-R-1')).toEqual(['ReferralSubmitted']);
    });

    it('routes to the house named in the request instead', async () => {
      const answer = await aarhus.post('/v1/referrals', referral('INT-R-NORD', { houseCode: 'nord', caseKind: 'sba', abuseTypes: [] }));
      expect(answer.body).toMatchObject({ status: 'submitted', houseCode: 'nord', caseKind: 'sba' });
    });

    it('links an underretning of the same municipality about the same child', async () => {
      expect(
        (await aarhus.post('/v1/underretninger', { underretningId: 'INT-U-R', childCpr, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['violence'], source: 'police' })).status,
      ).toBe(201);
      const linked = await aarhus.post('/v1/referrals', referral('INT-R-LINKED', { underretningId: 'INT-U-R' }));
      expect(linked.body).toMatchObject({ status: 'submitted', underretningId: 'INT-U-R' });
    });

    it.each([
      ['names no underretning', { underretningId: 'NO-SUCH' }, 'REFERRAL.UNDERRETNING_NOT_FOUND'],
      ['names an underretning about another child', { underretningId: 'INT-U-R', childCpr: otherChildCpr }, 'REFERRAL.UNDERRETNING_OTHER_CHILD'],
    ])('refuses a referral that %s with 422, writing nothing', async (_what, change, code) => {
      const before = await eventCount(service);
      const answer = await aarhus.post('/v1/referrals', referral('INT-R-BADLINK', change));
      expect(answer.body).toMatchObject({ status: 422, code, detail: expect.stringMatching(/^underretningId /) });
      expect(await eventCount(service)).toBe(before);
    });

    it('refuses another municipality’s underretning as if it did not exist', async () => {
      const odense = httpAs(service.url, 'municipality', { municipality: '461' });
      const answer = await odense.post('/v1/referrals', referral('INT-R-ODENSE', { municipalityCode: '461', underretningId: 'INT-U-R' }));
      expect(answer.body).toMatchObject({ status: 422, code: 'REFERRAL.UNDERRETNING_NOT_FOUND' });
    });

    it.each([
      ['a malformed CPR', { childCpr: '0101-18' }, 400, 'childCpr'],
      ['a CPR with no real birth date', { childCpr: '300218-4002' }, 422, 'childCpr'],
      ['an unknown municipality', { municipalityCode: '000' }, 400, 'municipalityCode'],
      ['a referral date in the future', { referredAt: '2025-03-15' }, 422, 'referredAt'],
      ['a child over 17', { childCpr: generateCpr('2007-03-09', 'female', 5) }, 422, 'referredAt'],
      ['aware after referred', { municipalityAwareAt: '2025-03-11' }, 422, 'municipalityAwareAt'],
      ['an unknown house', { houseCode: 'fyn' }, 400, 'houseCode'],
      ['an unknown abuse type', { abuseTypes: ['neglect'] }, 400, 'abuseTypes'],
      ['a mistyped list', { abuseTypes: 'violence' }, 400, 'abuseTypes'],
      ['a missing date', { municipalityAwareAt: undefined }, 400, 'municipalityAwareAt'],
      ['an unknown field', { childName: 'Anna' }, 400, 'childName'],
    ])('refuses %s, naming the field, and writes nothing', async (_what, change, status, field) => {
      const before = await eventCount(service);
      const answer = await admin.post('/v1/referrals', referral('INT-R-BAD', change));
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      if (status === 400) expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      else expect(answer.body.detail).toMatch(new RegExp(field));
      expect(await eventCount(service)).toBe(before);
    });

    it('refuses an oversized body with 413', async () => {
      expect((await aarhus.post('/v1/referrals', referral('INT-R-HUGE', { referralId: 'x'.repeat(100_000) }))).status).toBe(413);
    });
  });

  describe('POST /v1/referrals/{id}/accept', () => {
    it('accepts with the deterministic case id, and answers the same acceptance again the same, without a new event', async () => {
      const first = await midt.post('/v1/referrals/INT-R-1/accept', { acceptedAt: '2025-03-12' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'accepted', caseId: caseIdForReferral('751', 'INT-R-1'), acceptedAt: '2025-03-12' });
      expectSameAnswer(await midt.post('/v1/referrals/INT-R-1/accept', { acceptedAt: '2025-03-12' }), first);
      expect(await eventTypes(service, 'referral-751:INT-R-1')).toEqual(['ReferralSubmitted', 'ReferralAccepted']);
    });

    it('answers 409 naming the status for an acceptance with another date, and for a rejection of an accepted referral', async () => {
      expect((await midt.post('/v1/referrals/INT-R-1/accept', { acceptedAt: '2025-03-13' })).body).toMatchObject({
        status: 409,
        code: 'REFERRAL.ALREADY_ACCEPTED',
        detail: expect.stringMatching(/it was accepted on 2025-03-12/),
      });
      expect((await midt.post('/v1/referrals/INT-R-1/reject', { rejectedAt: '2025-03-13', reason: 'duplicate' })).body).toMatchObject({
        status: 409,
        code: 'REFERRAL.ALREADY_ACCEPTED',
      });
    });

    it('is only for the referral’s house: another house gets 404, a municipality 403', async () => {
      expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).post('/v1/referrals/INT-R-LINKED/accept', { acceptedAt: '2025-03-12' })).status).toBe(404);
      expect((await aarhus.post('/v1/referrals/INT-R-LINKED/accept', { acceptedAt: '2025-03-12' })).status).toBe(403);
      expect((await midt.post('/v1/referrals/NO-SUCH/accept', { acceptedAt: '2025-03-12' })).body).toMatchObject({ status: 404, code: 'REFERRAL.NOT_FOUND' });
    });

    it('refuses an acceptance before the referral date, writing nothing', async () => {
      const before = await eventCount(service);
      expect((await midt.post('/v1/referrals/INT-R-LINKED/accept', { acceptedAt: '2025-03-09' })).body).toMatchObject({ status: 422, code: 'REFERRAL.ACCEPTED_BEFORE_REFERRED' });
      expect((await midt.post('/v1/referrals/INT-R-LINKED/accept', {})).body.errors).toEqual([expect.objectContaining({ field: 'acceptedAt' })]);
      expect(await eventCount(service)).toBe(before);
    });
  });

  describe('POST /v1/referrals/{id}/reject', () => {
    it('rejects with a reason code and a note, and answers the same rejection again the same', async () => {
      const rejection = { rejectedAt: '2025-03-13', reason: 'insufficient-information', note: 'Vi mangler oplysning om politianmeldelsen.' };
      const first = await midt.post('/v1/referrals/INT-R-LINKED/reject', rejection);
      expect(first.body).toMatchObject({ status: 'rejected', rejectedAt: '2025-03-13', rejectionReason: 'insufficient-information', rejectionNote: rejection.note });
      expectSameAnswer(await midt.post('/v1/referrals/INT-R-LINKED/reject', rejection), first);
      expect(await eventTypes(service, 'referral-751:INT-R-LINKED')).toEqual(['ReferralSubmitted', 'ReferralRejected']);
    });

    it('refuses to accept a rejected referral with 409, saying why', async () => {
      const answer = await midt.post('/v1/referrals/INT-R-LINKED/accept', { acceptedAt: '2025-03-13' });
      expect(answer.body).toMatchObject({
        status: 409,
        code: 'REFERRAL.ALREADY_REJECTED',
        detail: 'referral INT-R-LINKED cannot be accepted: it was rejected on 2025-03-13 (reason insufficient-information). Only a submitted referral can be accepted, rejected or withdrawn.',
      });
    });

    it.each([
      ['an unknown reason', { rejectedAt: '2025-03-13', reason: 'busy' }, 'reason'],
      ['a note over 1000 characters', { rejectedAt: '2025-03-13', reason: 'other', note: 'x'.repeat(1001) }, 'note'],
      ['a note with a CPR number', { rejectedAt: '2025-03-13', reason: 'other', note: `Barnet har cpr ${childCpr}` }, 'note'],
      ['a mistyped note', { rejectedAt: '2025-03-13', reason: 'other', note: 42 }, 'note'],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const answer = await midt.post('/v1/referrals/INT-R-NORD/reject', body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('POST /v1/referrals/{id}/withdraw', () => {
    it('lets the municipality withdraw a submitted referral, once', async () => {
      const first = await aarhus.post('/v1/referrals/INT-R-NORD/withdraw', { withdrawnAt: '2025-03-14', reason: 'duplicate' });
      expect(first.body).toMatchObject({ status: 'withdrawn', withdrawnAt: '2025-03-14', withdrawalReason: 'duplicate' });
      expectSameAnswer(await aarhus.post('/v1/referrals/INT-R-NORD/withdraw', { withdrawnAt: '2025-03-14', reason: 'duplicate' }), first);
      expect((await aarhus.post('/v1/referrals/INT-R-NORD/withdraw', { withdrawnAt: '2025-03-14', reason: 'other' })).body).toMatchObject({
        status: 409,
        code: 'REFERRAL.ALREADY_WITHDRAWN',
      });
      expect(await eventTypes(service, 'referral-751:INT-R-NORD')).toEqual(['ReferralSubmitted', 'ReferralWithdrawn']);
    });

    it('is not for the house (403) nor for another municipality (404)', async () => {
      expect((await midt.post('/v1/referrals/INT-R-1/withdraw', { withdrawnAt: '2025-03-14', reason: 'duplicate' })).status).toBe(403);
      const copenhagen = httpAs(service.url, 'municipality', { municipality: '101' });
      expect((await copenhagen.post('/v1/referrals/INT-R-1/withdraw', { withdrawnAt: '2025-03-14', reason: 'duplicate' })).status).toBe(404);
    });
  });

  describe('GET /v1/referrals/{id} and GET /v1/referrals', () => {
    it('shows a referral to its municipality and its house, and hides it from others', async () => {
      expect((await aarhus.get('/v1/referrals/INT-R-1')).body).toMatchObject({ status: 'accepted', caseId: caseIdForReferral('751', 'INT-R-1') });
      expect((await midt.get('/v1/referrals/INT-R-1')).status).toBe(200);
      expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/referrals/INT-R-1')).status).toBe(404);
      expect((await httpAs(service.url, 'municipality', { municipality: '101' }).get('/v1/referrals/INT-R-1')).status).toBe(404);
    });

    it('lists a house’s referrals by status, oldest first, page by page', async () => {
      for (const [id, referredAt] of [
        ['INT-R-Q3', '2025-03-09'],
        ['INT-R-Q1', '2025-03-07'],
        ['INT-R-Q2', '2025-03-08'],
      ]) {
        expect((await aarhus.post('/v1/referrals', referral(id, { referredAt }))).status).toBe(201);
      }
      const page1 = await midt.get('/v1/referrals?status=submitted&house=midt&limit=2');
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((i: { referralId: string }) => i.referralId)).toEqual(['INT-R-Q1', 'INT-R-Q2']);
      expect(page1.body.items[0]).toEqual({
        referralId: 'INT-R-Q1',
        status: 'submitted',
        municipalityCode: '751',
        houseCode: 'midt',
        childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
        referredAt: '2025-03-07',
        statusChangedAt: '2025-03-07',
      });
      const page2 = await midt.get(`/v1/referrals?status=submitted&house=midt&limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ referralId: 'INT-R-Q3' })] });
      expect((await midt.get('/v1/referrals?status=accepted')).body.items.map((i: { referralId: string }) => i.referralId)).toEqual(['INT-R-1']);
    });

    it('keeps house staff to their own house and checks the parameters', async () => {
      const nord = httpAs(service.url, 'boernehus', { house: 'nord' });
      expect((await nord.get('/v1/referrals?house=midt')).body).toMatchObject({ status: 403, code: 'AUTH.OTHER_TENANT' });
      expect((await nord.get('/v1/referrals')).body.items.map((i: { referralId: string }) => i.referralId)).toEqual(['INT-R-NORD']);
      expect((await aarhus.get('/v1/referrals')).status).toBe(403);
      const bad = await midt.get('/v1/referrals?status=lost&limit=0&cursor=nonsense');
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['status', 'limit']));
      expect((await midt.get('/v1/referrals?cursor=nonsense')).body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  it('documents every endpoint in OpenAPI, with an example for every property', async () => {
    const document = (await httpAs(service.url).get('/docs/openapi.json')).body;
    expect(Object.keys(document.paths).sort()).toEqual(
      expect.arrayContaining([
        '/v1/underretninger',
        '/v1/underretninger/{underretningId}',
        '/v1/underretninger/{underretningId}/decisions',
        '/v1/consultations',
        '/v1/consultations/{consultationId}',
        '/v1/referrals',
        '/v1/referrals/{referralId}',
        '/v1/referrals/{referralId}/accept',
        '/v1/referrals/{referralId}/reject',
        '/v1/referrals/{referralId}/withdraw',
      ]),
    );
    const withoutExample = Object.entries(document.components.schemas as Record<string, { properties?: Record<string, { example?: unknown; $ref?: string; allOf?: unknown; items?: { $ref?: string } }> }>).flatMap(
      ([schema, { properties = {} }]) => Object.entries(properties).filter(([, p]) => p.example === undefined && !p.$ref && !p.allOf && !p.items?.$ref).map(([name]) => `${schema}.${name}`),
    );
    expect(withoutExample).toEqual([]);
    expect(document.paths['/v1/referrals/{referralId}/accept'].post.responses).toEqual(expect.objectContaining({ 200: expect.anything(), 404: expect.anything(), 409: expect.anything() }));
  });

  it('publishes one public event per change, with no note and no birth date', async () => {
    const events = await publishedEvents(service);
    const of = (subject: string) => events.filter((e) => e.subject === subject).map((e) => e.type);
    expect(of('referral-751:INT-R-1')).toEqual([ReferralSubmittedV1.type, ReferralAcceptedV1.type]);
    expect(of('referral-751:INT-R-LINKED')).toEqual([ReferralSubmittedV1.type, ReferralRejectedV1.type]);
    expect(of('referral-751:INT-R-NORD')).toEqual([ReferralSubmittedV1.type, ReferralWithdrawnV1.type]);
    const accepted = events.find((e) => e.type === ReferralAcceptedV1.type)!;
    expect(accepted.data).toMatchObject({ referralId: 'INT-R-1', caseId: caseIdForReferral('751', 'INT-R-1'), childAgeYears: 8, childSex: 'female', houseCode: 'midt', acceptedAt: '2025-03-12' });
    const rejected = events.find((e) => e.type === ReferralRejectedV1.type)!;
    expect(rejected.data).toMatchObject({ reason: 'insufficient-information' });
    expect(JSON.stringify(events)).not.toMatch(/politianmeldelsen|2016-04-02/);
  });
});
