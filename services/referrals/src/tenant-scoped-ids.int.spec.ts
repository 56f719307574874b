import { ReferralAcceptedV1 } from '@sagsspor/contracts';
import { answerApartFromId, controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { caseIdForReferral } from './referral/referral.command-handler';
import { eventTypes, publishedEvents, startReferrals } from './test-support/referrals-under-test';

// ADR 0095: a municipality's underretning and referral ids are its own. Aarhus (751) and Randers
// (730) refer to Børnehus Midt, København (101) to Børnehus Hovedstaden.
const clock = controlledClock('2025-03-10T09:00:00Z');
const underretning = (underretningId: string, municipalityCode: string, childCpr: string) => ({
  underretningId,
  childCpr,
  municipalityCode,
  receivedAt: '2025-03-04',
  concerns: ['violence'],
  source: 'school',
});
const referral = (referralId: string, municipalityCode: string, childCpr: string, extra: Record<string, unknown> = {}) => ({
  referralId,
  childCpr,
  municipalityCode,
  referredAt: '2025-03-06',
  municipalityAwareAt: '2025-03-04',
  abuseTypes: ['violence'],
  ...extra,
});

describe('caller ids are unique within their municipality (ADR 0095), on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  const as = (municipality: string) => httpAs(service.url, 'municipality', { municipality });
  const house = (code: string) => httpAs(service.url, 'boernehus', { house: code });
  const aarhusChild = generateCpr('2016-04-02', 'female', 951);
  const kbhChild = generateCpr('2014-07-21', 'male', 952);
  const randersChild = generateCpr('2015-01-11', 'female', 953);

  beforeAll(async () => {
    service = await startReferrals('referrals_tenant_ids', { clock });
  });
  afterAll(() => service?.drop());

  it('takes the same underretning id from two municipalities as two underretninger, each seeing only its own', async () => {
    const aarhus = await as('751').post('/v1/underretninger', underretning('SAME-U-1', '751', aarhusChild));
    const kbh = await as('101').post('/v1/underretninger', { ...underretning('SAME-U-1', '101', kbhChild), concerns: ['sexual'] });
    expect([aarhus.status, kbh.status]).toEqual([201, 201]);
    expect(kbh.body.childRef).not.toBe(aarhus.body.childRef);

    expect((await as('751').get('/v1/underretninger/SAME-U-1')).body).toMatchObject({ municipalityCode: '751', concerns: ['violence'], childRef: aarhus.body.childRef });
    expect((await as('101').get('/v1/underretninger/SAME-U-1')).body).toMatchObject({ municipalityCode: '101', concerns: ['sexual'], childRef: kbh.body.childRef });
    const decided = await as('101').post('/v1/underretninger/SAME-U-1/decisions', { childInvestigationDecidedAt: '2025-03-05' });
    expect(decided.status).toBe(200);
    expect((await as('751').get('/v1/underretninger/SAME-U-1')).body.decisions).toEqual({});

    expect(await eventTypes(service, 'underretning-751:SAME-U-1')).toEqual(['UnderretningReceived', 'MandatoryReferralCriteriaEvaluated']);
    expect(await eventTypes(service, 'underretning-101:SAME-U-1')).toEqual(['UnderretningReceived', 'MandatoryReferralCriteriaEvaluated', 'UnderretningDecisionsRecorded', 'MandatoryReferralCriteriaEvaluated']);
  });

  it('takes the same referral id from two municipalities as two referrals: each house accepts its own, into two cases', async () => {
    expect((await as('751').post('/v1/referrals', referral('SAME-R-1', '751', aarhusChild, { underretningId: 'SAME-U-1' }))).status).toBe(201);
    // København's referral names its own SAME-U-1, never Aarhus's.
    expect((await as('101').post('/v1/referrals', referral('SAME-R-1', '101', kbhChild, { underretningId: 'SAME-U-1' }))).status).toBe(201);

    const midt = await house('midt').post('/v1/referrals/SAME-R-1/accept', { acceptedAt: '2025-03-07' });
    const hovedstaden = await house('hovedstaden').post('/v1/referrals/SAME-R-1/accept', { acceptedAt: '2025-03-08' });
    expect(midt.body).toMatchObject({ status: 'accepted', municipalityCode: '751', houseCode: 'midt', caseId: caseIdForReferral('751', 'SAME-R-1') });
    expect(hovedstaden.body).toMatchObject({ status: 'accepted', municipalityCode: '101', houseCode: 'hovedstaden', caseId: caseIdForReferral('101', 'SAME-R-1') });
    expect(midt.body.caseId).not.toBe(hovedstaden.body.caseId);

    expect((await as('751').get('/v1/referrals/SAME-R-1')).body).toMatchObject({ municipalityCode: '751', acceptedAt: '2025-03-07' });
    expect((await as('101').get('/v1/referrals/SAME-R-1')).body).toMatchObject({ municipalityCode: '101', acceptedAt: '2025-03-08' });
    const list = await house('midt').get('/v1/referrals');
    expect(list.body.items.filter((i: { referralId: string }) => i.referralId === 'SAME-R-1').map((i: { municipalityCode: string }) => i.municipalityCode)).toEqual(['751']);

    const accepted = (await publishedEvents(service)).filter((e) => e.type === ReferralAcceptedV1.type && (e.data as { referralId: string }).referralId === 'SAME-R-1');
    expect(accepted.map((e) => [e.subject, (e.data as { municipalityCode: string }).municipalityCode, (e.data as { caseId: string }).caseId]).sort()).toEqual(
      [
        ['referral-101:SAME-R-1', '101', caseIdForReferral('101', 'SAME-R-1')],
        ['referral-751:SAME-R-1', '751', caseIdForReferral('751', 'SAME-R-1')],
      ].sort(),
    );
  });

  it("answers another municipality's id exactly as an id nobody used, on every route that names one", async () => {
    expect((await as('751').post('/v1/underretninger', underretning('ONLY-751-U', '751', aarhusChild))).status).toBe(201);
    expect((await as('751').post('/v1/referrals', referral('ONLY-751-R', '751', aarhusChild))).status).toBe(201);
    const probes = [
      { caller: as('101'), method: 'get' as const, path: (id: string) => `/v1/underretninger/${id}` },
      { caller: as('101'), method: 'post' as const, path: (id: string) => `/v1/underretninger/${id}/decisions`, body: { childInvestigationDecidedAt: '2025-03-05' } },
      { caller: as('101'), method: 'get' as const, path: (id: string) => `/v1/referrals/${id}` },
      { caller: as('101'), method: 'post' as const, path: (id: string) => `/v1/referrals/${id}/withdraw`, body: { withdrawnAt: '2025-03-07', reason: 'duplicate' } },
      { caller: house('hovedstaden'), method: 'get' as const, path: (id: string) => `/v1/referrals/${id}` },
      { caller: house('hovedstaden'), method: 'post' as const, path: (id: string) => `/v1/referrals/${id}/accept`, body: { acceptedAt: '2025-03-07' } },
      { caller: house('hovedstaden'), method: 'post' as const, path: (id: string) => `/v1/referrals/${id}/reject`, body: { rejectedAt: '2025-03-07', reason: 'duplicate' } },
    ];
    for (const probe of probes) {
      const taken = probe.path('{id}').startsWith('/v1/underretninger') ? 'ONLY-751-U' : 'ONLY-751-R';
      const unused = taken.replace('751', '999');
      const send = (id: string) => (probe.method === 'get' ? probe.caller.get(probe.path(id)) : probe.caller.post(probe.path(id), probe.body));
      const others = answerApartFromId(await send(taken), taken);
      expect({ route: probe.path('{id}'), ...others }).toEqual({ route: probe.path('{id}'), ...answerApartFromId(await send(unused), unused) });
      expect(others.status).toBe(404);
    }
    // Using Aarhus's ids is no conflict for København: they are København's own now, nothing leaks.
    expect((await as('101').post('/v1/underretninger', underretning('ONLY-751-U', '101', kbhChild))).status).toBe(201);
    expect((await as('101').post('/v1/referrals', referral('ONLY-751-R', '101', kbhChild))).status).toBe(201);
    // A municipality's own reuse with other content is still refused.
    const reused = await as('101').post('/v1/underretninger', { ...underretning('ONLY-751-U', '101', kbhChild), concerns: ['neglect'] }, { 'idempotency-key': 'reuse-1' });
    expect(reused.body).toMatchObject({ status: 409, code: 'UNDERRETNING.ID_IN_USE' });
  });

  it("lets a house name the municipality when two of its municipalities used the same id, telling it nothing of other houses' referrals", async () => {
    expect((await as('751').post('/v1/referrals', referral('AMB-R-1', '751', aarhusChild))).status).toBe(201);
    expect((await as('730').post('/v1/referrals', referral('AMB-R-1', '730', randersChild))).status).toBe(201);
    expect((await as('101').post('/v1/referrals', referral('AMB-R-1', '101', kbhChild))).status).toBe(201);

    const ambiguous = await house('midt').get('/v1/referrals/AMB-R-1');
    expect(ambiguous.body).toMatchObject({ status: 409, code: 'REFERRAL.AMBIGUOUS_ID' });
    expect(ambiguous.body.detail).toMatch(/730, 751/);
    expect(ambiguous.body.detail).not.toMatch(/101/);
    expect((await house('midt').get('/v1/referrals/AMB-R-1?municipality=730')).body).toMatchObject({ municipalityCode: '730', childRef: expect.any(String) });
    // Naming a municipality whose referral is at another house is not found, like an unused id.
    const elsewhere = await house('midt').get('/v1/referrals/AMB-R-1?municipality=101');
    expect(answerApartFromId(elsewhere, 'AMB-R-1')).toEqual(answerApartFromId(await house('midt').get('/v1/referrals/AMB-R-2?municipality=101'), 'AMB-R-2'));
    expect((await house('hovedstaden').get('/v1/referrals/AMB-R-1')).body).toMatchObject({ municipalityCode: '101' });

    const accepted = await house('midt').post('/v1/referrals/AMB-R-1/accept?municipality=751', { acceptedAt: '2025-03-07' });
    expect(accepted.body).toMatchObject({ status: 'accepted', municipalityCode: '751' });
    expect((await as('730').get('/v1/referrals/AMB-R-1')).body.status).toBe('submitted');
    // A municipality user always addresses its own: the parameter cannot reach another's.
    const kbhNamingAarhus = await as('101').get('/v1/referrals/AMB-R-1?municipality=751');
    expect(kbhNamingAarhus.body).toMatchObject({ municipalityCode: '101' });
  });

  it('keeps one Idempotency-Key of two municipalities apart', async () => {
    const key = { 'idempotency-key': 'shared-key-1' };
    const first = await as('751').post('/v1/underretninger', underretning('KEY-U-1', '751', aarhusChild), key);
    const second = await as('101').post('/v1/underretninger', underretning('KEY-U-1', '101', kbhChild), key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.municipalityCode).toBe('101');
  });
});
