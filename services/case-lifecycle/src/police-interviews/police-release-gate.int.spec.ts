import { ChildReleasedByPoliceV1, ReferralAcceptedV1, VideoInterviewRecordedV1, VideoInterviewRequestedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, newChildRef, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

describe('the police release gate (real PostgreSQL and Kafka, events in any order)', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2025-03-20T09:00:00Z');
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const gateOf = (caseId: string) => midt().get(`/v1/cases/${caseId}`).then((r) => r.body.policeRelease);
  const serviceTo = (recipient: string, serviceId: string, kind = 'assessment-conversation') => ({ serviceId, kind, deliveredAt: '2025-03-19', recipient });

  const interviewRequested = (childRef: string, requestedAt: string) => ({
    requestId: `REQ-${childRef.slice(0, 6)}`,
    policeDistrict: 'oestjylland',
    childRef,
    municipalityCode: '751',
    houseCode: 'midt' as const,
    requestedAt,
  });

  async function openCase(childRef: string): Promise<string> {
    const accepted = referralAccepted({ childRef, referredAt: '2025-03-10', acceptedAt: '2025-03-12' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitFor(() => midt().get(`/v1/cases/${accepted.caseId}`), (r) => r.status === 200, { timeoutMs: 30000, what: 'the case to open' });
    return accepted.caseId;
  }

  beforeAll(async () => {
    service = await startCaseLifecycle('police_gate', { clock });
    publisher = await eventPublisher(service);
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it('refuses house services to the child while an interview known before the opening is pending, allows crisis support to carers, and opens on the police release', async () => {
    const childRef = newChildRef();
    await publisher.publish(VideoInterviewRequestedV1, interviewRequested(childRef, '2025-03-06'));
    await waitFor(() => service.dataSource.query(`SELECT 1 FROM police_interview_facts WHERE child_ref = $1`, [childRef]), (rows) => rows.length === 1, {
      timeoutMs: 30000,
      what: 'the interview request to be known before the referral',
    });
    const caseId = await openCase(childRef);
    expect((await caseEvents(service, caseId)).map((e) => e.type)).toEqual(['CaseOpened', 'CaseAwaitingPoliceRelease']);
    expect(await gateOf(caseId)).toEqual({ gate: 'awaiting-release', awaitingSince: '2025-03-06' });

    const before = (await caseEvents(service, caseId)).length;
    const refused = await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child', 'S-1'));
    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'CASE.AWAITING_POLICE_RELEASE', detail: expect.stringMatching(/since 2025-03-06.*police-release/) });
    expect((await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child-and-carer', 'S-2'))).status).toBe(409);
    expect((await caseEvents(service, caseId)).length).toBe(before);

    const crisisSupport = await midt().post(`/v1/cases/${caseId}/services`, serviceTo('carer', 'S-3', 'crisis-conversation'));
    expect(crisisSupport.status).toBe(201);
    expect(crisisSupport.body).toMatchObject({ status: 'opened', services: [{ serviceId: 'S-3', provider: 'boernehus', recipient: 'carer' }] });

    await publisher.publish(ChildReleasedByPoliceV1, { childRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-13' });
    await waitFor(() => gateOf(caseId), (g) => g.gate === 'open', { timeoutMs: 30000, what: 'the release to open the gate' });
    expect(await gateOf(caseId)).toEqual({ gate: 'open', releasedAt: '2025-03-13', releasedBy: 'police' });

    const allowed = await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child', 'S-1'));
    expect(allowed.status).toBe(201);
    expect(allowed.body.status).toBe('in-assessment');
  });

  it('keeps the gate open when the release arrives before the interview it covers', async () => {
    const childRef = newChildRef();
    const caseId = await openCase(childRef);
    await publisher.publish(ChildReleasedByPoliceV1, { childRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-12', interviewId: 'VA-1' });
    await publisher.publish(VideoInterviewRecordedV1, { ...VideoInterviewRecordedV1.example, interviewId: 'VA-1', childRef, requestedAt: '2025-03-06', conductedAt: '2025-03-11' });
    await waitFor(
      () => service.dataSource.query(`SELECT count(*)::int AS n FROM police_interview_facts WHERE child_ref = $1`, [childRef]),
      (rows) => rows[0].n === 3,
      { timeoutMs: 30000, what: 'the release and the interview to be known' },
    );
    expect(await gateOf(caseId)).toEqual({ gate: 'open' });
    expect((await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child', 'S-1'))).status).toBe(201);
  });

  it('shuts the gate of an open case when an interview is requested, and opens it when the house records the release', async () => {
    const childRef = newChildRef();
    const caseId = await openCase(childRef);
    await publisher.publish(VideoInterviewRequestedV1, interviewRequested(childRef, '2025-03-14'));
    await waitFor(() => gateOf(caseId), (g) => g.gate === 'awaiting-release', { timeoutMs: 30000, what: 'the request to shut the gate' });
    expect((await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child', 'S-1'))).status).toBe(409);

    const tooEarly = await midt().post(`/v1/cases/${caseId}/police-release`, { releasedAt: '2025-03-13' });
    expect(tooEarly).toMatchObject({ status: 422, body: { code: 'CASE.RELEASE_BEFORE_INTERVIEW' } });
    const released = await midt().post(`/v1/cases/${caseId}/police-release`, { releasedAt: '2025-03-18' });
    expect(released.status).toBe(200);
    expect(released.body.policeRelease).toEqual({ gate: 'open', releasedAt: '2025-03-18', releasedBy: 'boernehus' });
    expect((await midt().post(`/v1/cases/${caseId}/services`, serviceTo('child', 'S-1'))).status).toBe(201);
    expect((await midt().post(`/v1/cases/${caseId}/services`, { ...serviceTo('child', 'S-2'), deliveredAt: '2025-03-16' })).body.code).toBe('CASE.AWAITING_POLICE_RELEASE');
  });
});
