import { ChildRegistry } from '@sagsspor/child-identity';
import { MandatoryReferralCriteriaEvaluatedV1, UnderretningDecisionsRecordedV1, UnderretningReceivedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { eventCount, eventTypes, expectSameAnswer, publishedEvents, startReferrals } from '../test-support/referrals-under-test';

// Today is 2025-03-10 in Copenhagen.
const clock = controlledClock('2025-03-10T09:00:00Z');
const childCpr = generateCpr('2016-04-02', 'female', 11);
const underretning = { underretningId: 'INT-U-1', childCpr, municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' };

describe('underretninger on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let aarhus: ReturnType<typeof httpAs>;
  let admin: ReturnType<typeof httpAs>;

  beforeAll(async () => {
    service = await startReferrals('referrals_underretning', { clock });
    aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    admin = httpAs(service.url, 'admin');
  });
  afterAll(() => service?.drop());

  describe('POST /v1/underretninger', () => {
    it('stores it with the criteria evaluated, keeps the CPR only in the vault, and answers a retry the same', async () => {
      const first = await aarhus.post('/v1/underretninger', underretning);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        underretningId: 'INT-U-1',
        municipalityCode: '751',
        childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
        receivedAt: '2025-03-04',
        concerns: ['violence'],
        source: 'school',
        decisions: {},
        mandatoryReferralCriteria: { policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: false, policeOrHospitalInvolved: false, met: false },
      });
      expectSameAnswer(await aarhus.post('/v1/underretninger', underretning), first);
      expect(await eventTypes(service, 'underretning-751:INT-U-1')).toEqual(['UnderretningReceived', 'MandatoryReferralCriteriaEvaluated']);
      expect(await service.app.get(ChildRegistry).reveal(first.body.childRef)).toBe(childCpr.replace('-', ''));
    });

    it('accepts a CPR that fails the modulus-11 check, deriving birth date and sex from it', async () => {
      // 010118-4001: weighted sum 73, not divisible by 11; numbers issued since 2007 need not pass the check.
      const answer = await aarhus.post('/v1/underretninger', { ...underretning, underretningId: 'INT-U-MOD11', childCpr: '010118-4001' });
      expect(answer.status).toBe(201);
      const [received] = await service.dataSource.query(`SELECT data FROM events WHERE stream_id = 'underretning-751:INT-U-MOD11' AND event_type = 'UnderretningReceived'`);
      // Of the birth date only the age on receivedAt is kept beside the pseudonym (ADR 0099).
      expect(received.data).toMatchObject({ childAgeYears: 7, childSex: 'male' });
      expect(received.data).not.toHaveProperty('childBirthDate');
    });

    it('refuses the same id with other content, writing nothing', async () => {
      const before = await eventCount(service);
      const reused = await aarhus.post('/v1/underretninger', { ...underretning, concerns: ['sexual'] });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('EVENT_STORE.IDEMPOTENCY_KEY_REUSED');
      expect(await eventCount(service)).toBe(before);
    });
  });

  describe('POST /v1/underretninger/batch', () => {
    const item = (n: number, extra: Record<string, unknown> = {}) => ({ underretningId: `INT-B-${n}`, childCpr: generateCpr('2014-06-0' + (1 + (n % 9)), n % 2 ? 'male' : 'female', 20 + n), receivedAt: '2025-03-03', concerns: ['neglect'], source: 'school', ...extra });

    it('stores each item as its own POST would, answers a result per item in order, and an item refused by the rules fails alone', async () => {
      const answer = await aarhus.post('/v1/underretninger/batch', {
        municipalityCode: '751',
        items: [
          item(1),
          item(2, { concerns: ['violence'], decisions: { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-04' } }),
          item(3, { receivedAt: '2025-03-11' }),
          item(4, { decisions: { policeReportedAt: '2025-03-01' } }),
          item(5, { childCpr: generateCpr('2006-01-01', 'male', 5) }),
        ],
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ stored: 2, failed: 3 });
      const [one, two, future, decisionBeforeReceipt, adult] = answer.body.results;
      expect(one).toMatchObject({ index: 0, status: 201, result: { underretningId: 'INT-B-1', municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['neglect'] } });
      expect(two).toMatchObject({ index: 1, status: 201, result: { underretningId: 'INT-B-2', decisions: { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-04' }, mandatoryReferralCriteria: { met: true } } });
      expect(future).toMatchObject({ index: 2, status: 422, problem: { code: 'UNDERRETNING.RECEIVED_IN_FUTURE' } });
      expect(decisionBeforeReceipt).toMatchObject({ index: 3, status: 422, problem: { code: 'UNDERRETNING.DATE_BEFORE_RECEIVED' } });
      expect(adult).toMatchObject({ index: 4, status: 422, problem: { code: 'UNDERRETNING.NOT_A_CHILD' } });
      // The underretning and its decisions in one decision; nothing of the refused ones (not even the receipt of item 4).
      expect(await eventTypes(service, 'underretning-751:INT-B-1')).toEqual(['UnderretningReceived', 'MandatoryReferralCriteriaEvaluated']);
      expect(await eventTypes(service, 'underretning-751:INT-B-2')).toEqual(['UnderretningReceived', 'UnderretningDecisionsRecorded', 'MandatoryReferralCriteriaEvaluated']);
      for (const n of [3, 4, 5]) expect(await eventCount(service, `underretning-751:INT-B-${n}`)).toBe(0);
      // The same as one POST: the item alone shows what the batch stored.
      expect((await aarhus.get('/v1/underretninger/INT-B-2')).body).toMatchObject(two.result);
    });

    it('refuses a batch with a malformed item as a whole, naming each bad field by its index, and stores nothing', async () => {
      const before = await eventCount(service);
      const answer = await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(20), item(21, { childCpr: 'not a cpr', source: 'nobody' }), item(22, { decisions: {} }), item(23, { municipalityCode: '751' })] });
      expect(answer.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(new Set(answer.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['items[1].childCpr', 'items[1].source', 'items[3].municipalityCode']));
      const emptyDecisions = await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(20), item(22, { decisions: {} })] });
      expect(emptyDecisions.body).toMatchObject({ status: 400, errors: [{ field: 'items[1].decisions' }] });
      expect(await eventCount(service)).toBe(before);
    });

    it('is idempotent per item: the batch again stores nothing twice and answers the same; an item first sent alone is the same underretning', async () => {
      expect((await aarhus.post('/v1/underretninger', { ...item(7), municipalityCode: '751' })).status).toBe(201);
      const batch = { municipalityCode: '751', items: [item(7), item(8)] };
      const first = await aarhus.post('/v1/underretninger/batch', batch);
      expect(first.body).toMatchObject({ stored: 2, failed: 0 });
      const events = await eventCount(service);
      const again = await aarhus.post('/v1/underretninger/batch', batch);
      expect(again.body).toEqual(first.body);
      expect(await eventCount(service)).toBe(events);
      // The id with other content is refused for that item, as alone.
      const changed = await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(8, { concerns: ['sexual'] })] });
      expect(changed.body.results[0]).toMatchObject({ status: 422, problem: { code: 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED' } });
    });

    it('refuses the whole batch, storing nothing, for another municipality (403), no items, too many, an item that is no object, or a CPR outside a CPR field (400)', async () => {
      const before = await eventCount(service);
      expect((await aarhus.post('/v1/underretninger/batch', { municipalityCode: '101', items: [item(9)] })).body).toMatchObject({ status: 403, code: 'AUTH.OTHER_TENANT' });
      expect((await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [] })).body).toMatchObject({ status: 400, errors: [{ field: 'items' }] });
      expect((await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: Array.from({ length: 201 }, (_, n) => item(100 + n)) })).body).toMatchObject({ status: 400, errors: [{ field: 'items' }] });
      expect((await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(10), 'item'] })).status).toBe(400);
      expect((await aarhus.post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(11, { source: childCpr })] })).body).toMatchObject({ status: 400, errors: [{ field: 'items[0].source' }] });
      expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).post('/v1/underretninger/batch', { municipalityCode: '751', items: [item(12)] })).status).toBe(403);
      expect(await eventCount(service)).toBe(before);
      // An administrator may load any municipality's.
      expect((await admin.post('/v1/underretninger/batch', { municipalityCode: '101', items: [item(13)] })).body).toMatchObject({ stored: 1 });
    });
  });

  describe('POST /v1/underretninger/{id}/decisions', () => {
    it('records the dates, finds the criteria met, and answers a retry the same without a new event', async () => {
      const decisions = { childInvestigationDecidedAt: '2025-03-06', policeConsultedAt: '2025-03-05' };
      const first = await aarhus.post('/v1/underretninger/INT-U-1/decisions', decisions);
      expect(first.status).toBe(200);
      expect(first.body.decisions).toEqual(decisions);
      expect(first.body.mandatoryReferralCriteria).toEqual({
        policeInvolvement: 'consulted',
        abuseSuspected: true,
        investigationDecided: true,
        policeOrHospitalInvolved: true,
        met: true,
        metAt: '2025-03-06',
      });
      const count = await eventCount(service, 'underretning-751:INT-U-1');
      expectSameAnswer(await aarhus.post('/v1/underretninger/INT-U-1/decisions', decisions), first);
      expect(await eventCount(service, 'underretning-751:INT-U-1')).toBe(count);
    });

    it('takes a changed date as a correction: a new event, the latest value wins', async () => {
      const corrected = await aarhus.post('/v1/underretninger/INT-U-1/decisions', { policeConsultedAt: '2025-03-04' });
      expect(corrected.status).toBe(200);
      expect(corrected.body.decisions).toEqual({ childInvestigationDecidedAt: '2025-03-06', policeConsultedAt: '2025-03-04' });
      expect((await eventTypes(service, 'underretning-751:INT-U-1')).slice(-2)).toEqual(['UnderretningDecisionsRecorded', 'MandatoryReferralCriteriaEvaluated']);
    });

    it('is idempotent by Idempotency-Key: the retry appends nothing and answers as the first; the key reused for other dates is refused', async () => {
      const key = { 'idempotency-key': 'hospital-2025-03-07' };
      const first = await aarhus.post('/v1/underretninger/INT-U-1/decisions', { hospitalInvolvedAt: '2025-03-07' }, key);
      expect(first.status).toBe(200);
      const count = await eventCount(service);
      expectSameAnswer(await aarhus.post('/v1/underretninger/INT-U-1/decisions', { hospitalInvolvedAt: '2025-03-07' }, key), first);
      expect(await eventCount(service)).toBe(count);
      expect((await aarhus.post('/v1/underretninger/INT-U-1/decisions', { hospitalInvolvedAt: '2025-03-08' }, key)).status).toBe(422);
      expect(await eventCount(service)).toBe(count);
    });

    it('answers 404 for another municipality’s underretning and for one that does not exist', async () => {
      const copenhagen = httpAs(service.url, 'municipality', { municipality: '101' });
      expect((await copenhagen.post('/v1/underretninger/INT-U-1/decisions', { policeReportedAt: '2025-03-05' })).status).toBe(404);
      expect((await copenhagen.get('/v1/underretninger/INT-U-1')).status).toBe(404);
      expect((await aarhus.post('/v1/underretninger/NO-SUCH/decisions', { policeReportedAt: '2025-03-05' })).body).toMatchObject({ status: 404, code: 'UNDERRETNING.NOT_FOUND' });
    });

    it.each([
      ['no date at all', {}, 400, 'childInvestigationDecidedAt'],
      ['a malformed date', { policeReportedAt: '2025-13-01' }, 400, 'policeReportedAt'],
      ['a number for a date', { policeReportedAt: 20250305 }, 400, 'policeReportedAt'],
      ['an unknown field', { policeReportedAt: '2025-03-05', policeRaidedAt: '2025-03-05' }, 400, 'policeRaidedAt'],
      ['a date in the future', { policeReportedAt: '2025-03-11' }, 422, 'policeReportedAt'],
      ['a date before receipt', { hospitalInvolvedAt: '2025-03-03' }, 422, 'hospitalInvolvedAt'],
    ])('refuses %s, naming the field, and writes nothing', async (_what, body, status, field) => {
      const before = await eventCount(service);
      const answer = await aarhus.post('/v1/underretninger/INT-U-1/decisions', body);
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      if (status === 400) expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      else expect(answer.body.detail).toMatch(new RegExp(`^${field} `));
      expect(await eventCount(service)).toBe(before);
    });
  });

  describe('GET /v1/underretninger/{id}', () => {
    it('shows the decisions, the latest evaluation and the referral watch', async () => {
      const answer = await aarhus.get('/v1/underretninger/INT-U-1');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        decisions: { childInvestigationDecidedAt: '2025-03-06', policeConsultedAt: '2025-03-04', hospitalInvolvedAt: '2025-03-07' },
        mandatoryReferralCriteria: { met: true, metAt: '2025-03-06' },
        mandatoryReferralWatch: { status: 'watching', criteriaMetAt: '2025-03-06', referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted' },
      });
      expect((await admin.get('/v1/underretninger/INT-U-1')).status).toBe(200);
    });
  });

  describe('bad input to POST /v1/underretninger', () => {
    const valid = { ...underretning, underretningId: 'INT-U-BAD' };
    it.each([
      ['a malformed CPR', { childCpr: '12345' }, 400, 'childCpr'],
      ['a CPR with no real birth date', { childCpr: '310218-4001' }, 422, 'childCpr'],
      ['an unknown municipality', { municipalityCode: '999' }, 400, 'municipalityCode'],
      ['a receipt date in the future', { receivedAt: '2025-03-11' }, 422, 'receivedAt'],
      ['a child over 17', { childCpr: generateCpr('2007-03-03', 'male', 3) }, 422, 'receivedAt'],
      ['a child not yet born', { childCpr: generateCpr('2025-03-05', 'male', 4) }, 422, 'receivedAt'],
      ['a mistyped list', { concerns: 'violence' }, 400, 'concerns'],
      ['an unknown concern', { concerns: ['gossip'] }, 400, 'concerns'],
      ['a number for a date', { receivedAt: 20250304 }, 400, 'receivedAt'],
      ['an unknown field', { childName: 'Anna' }, 400, 'childName'],
    ])('refuses %s, naming the field, and writes nothing', async (_what, change, status, field) => {
      const before = await eventCount(service);
      const answer = await admin.post('/v1/underretninger', { ...valid, ...change });
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      if (status === 400) expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      else expect(answer.body.detail).toMatch(new RegExp(field));
      expect(await eventCount(service)).toBe(before);
    });

    it('names every missing field', async () => {
      const answer = await admin.post('/v1/underretninger', {});
      expect(answer.status).toBe(400);
      expect(new Set(answer.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['underretningId', 'childCpr', 'municipalityCode', 'receivedAt', 'concerns', 'source']));
    });

    it('refuses a child over 17 with NOT_A_CHILD', async () => {
      const answer = await admin.post('/v1/underretninger', { ...valid, childCpr: generateCpr('2007-03-03', 'male', 3) });
      expect(answer.body).toMatchObject({ status: 422, code: 'UNDERRETNING.NOT_A_CHILD' });
    });

    it('refuses an oversized body with 413, writing nothing', async () => {
      const before = await eventCount(service);
      const answer = await admin.post('/v1/underretninger', { ...valid, source: 'x'.repeat(100_000) });
      expect(answer).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE' } });
      expect(await eventCount(service)).toBe(before);
    });

    it('refuses another municipality’s underretning with 403', async () => {
      expect((await aarhus.post('/v1/underretninger', { ...valid, municipalityCode: '101' })).body).toMatchObject({ status: 403, code: 'AUTH.OTHER_TENANT' });
    });
  });

  describe('the age rule on a later decision (ADR 0099)', () => {
    // 17 on receipt (2025-03-05), 18 from 2025-03-08: the events keep the age, the registry the birth date.
    const turning18 = generateCpr('2007-03-08', 'female', 21);
    const key = { 'idempotency-key': 'decisions-of-INT-U-18' };
    let first: Awaited<ReturnType<typeof aarhus.post>>;
    const evaluationsOf = async (id: string) =>
      ((await service.dataSource.query(`SELECT data FROM events WHERE stream_id = $1 AND event_type = 'MandatoryReferralCriteriaEvaluated' ORDER BY stream_version`, [
        `underretning-751:${id}`,
      ])) as { data: Record<string, unknown> }[]).map((r) => r.data);

    it('refuses a decision date on which the child is 18, from the birth date sealed in the registry', async () => {
      expect((await aarhus.post('/v1/underretninger', { ...underretning, underretningId: 'INT-U-18', childCpr: turning18, receivedAt: '2025-03-05' })).status).toBe(201);
      const [received] = await service.dataSource.query(`SELECT data FROM events WHERE stream_id = 'underretning-751:INT-U-18' AND event_type = 'UnderretningReceived'`);
      expect(received.data).toMatchObject({ childAgeYears: 17 });
      const answer = await aarhus.post('/v1/underretninger/INT-U-18/decisions', { childInvestigationDecidedAt: '2025-03-08' });
      expect(answer.body).toMatchObject({ status: 422, code: 'UNDERRETNING.NOT_A_CHILD' });
      expect(answer.body.detail).toMatch(/childInvestigationDecidedAt 2025-03-08/);
      first = await aarhus.post('/v1/underretninger/INT-U-18/decisions', { childInvestigationDecidedAt: '2025-03-07', hospitalInvolvedAt: '2025-03-07' }, key);
      expect(first.status).toBe(200);
      expect((await evaluationsOf('INT-U-18')).at(-1)).toMatchObject({ met: true, metAt: '2025-03-07', childAgeYears: 17 });
      const fingerprints = JSON.stringify(await service.dataSource.query(`SELECT * FROM command_idempotency`));
      expect(fingerprints).not.toContain('2007-03-08');
    });

    it('after the child is erased: skips the exact rule and takes the age on receipt for the criteria met', async () => {
      const { body } = await aarhus.get('/v1/underretninger/INT-U-18');
      expect(await service.app.get(ChildRegistry).erase(body.childRef, 'test: erasure')).toBe(true);
      // A retry of a decision made before the erasure is still the same request: the fingerprint never held the birth date.
      expectSameAnswer(await aarhus.post('/v1/underretninger/INT-U-18/decisions', { childInvestigationDecidedAt: '2025-03-07', hospitalInvolvedAt: '2025-03-07' }, key), first);
      const answer = await aarhus.post('/v1/underretninger/INT-U-18/decisions', { hospitalInvolvedAt: '2025-03-09' });
      expect(answer.status).toBe(200);
      expect(answer.body.mandatoryReferralCriteria).toEqual({ policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-03-09' });
      expect((await evaluationsOf('INT-U-18')).at(-1)).toMatchObject({ met: true, metAt: '2025-03-09', childAgeYears: 17 });
      const stored = JSON.stringify(await service.dataSource.query(`SELECT data FROM events WHERE stream_id LIKE '%INT-U-18'`));
      expect(stored).not.toContain('childBirthDate');
      expect(stored).not.toContain('2007-03-08');
    });
  });

  it('publishes every change as its public event, with the dates known so far and the definition used', async () => {
    const events = (await publishedEvents(service)).filter((e) => e.subject === 'underretning-751:INT-U-1');
    expect(events.map((e) => e.type)).toEqual([
      UnderretningReceivedV1.type,
      MandatoryReferralCriteriaEvaluatedV1.type,
      UnderretningDecisionsRecordedV1.type,
      MandatoryReferralCriteriaEvaluatedV1.type,
      UnderretningDecisionsRecordedV1.type,
      MandatoryReferralCriteriaEvaluatedV1.type,
      UnderretningDecisionsRecordedV1.type,
      MandatoryReferralCriteriaEvaluatedV1.type,
    ]);
    expect(events[0].data).toMatchObject({ underretningId: 'INT-U-1', childAgeYears: 8, childSex: 'female' });
    expect(events[6].data).toEqual({
      underretningId: 'INT-U-1',
      municipalityCode: '751',
      childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
      childInvestigationDecidedAt: '2025-03-06',
      policeConsultedAt: '2025-03-04',
      hospitalInvolvedAt: '2025-03-07',
    });
    expect(events[7].data).toMatchObject({ policeInvolvement: 'consulted', met: true, metAt: '2025-03-06' });
  });
});
