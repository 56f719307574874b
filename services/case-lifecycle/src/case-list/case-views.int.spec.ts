import { CaseConferenceHeldV1, ExaminationPerformedV1, ReferralAcceptedV1, type ReferralAcceptedV1 as ReferralAccepted } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

describe('case views: the paged case list and the case with what sector-coordination held for it', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2025-04-01T10:00:00Z');
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const ids = (r: { body: { items: { caseId: string }[] } }) => r.body.items.map((i) => i.caseId);
  let oldMidt: ReferralAccepted, newMidt: ReferralAccepted, copenhagenMidt: ReferralAccepted, nord: ReferralAccepted;

  beforeAll(async () => {
    service = await startCaseLifecycle('case_views', { clock });
    publisher = await eventPublisher(service);
    oldMidt = referralAccepted({ referredAt: '2025-01-08', acceptedAt: '2025-01-10', childAgeYears: 12 });
    newMidt = referralAccepted({ referredAt: '2025-03-01', acceptedAt: '2025-03-01' });
    copenhagenMidt = referralAccepted({ municipalityCode: '101', referredAt: '2025-03-05', acceptedAt: '2025-03-05' });
    nord = referralAccepted({ houseCode: 'nord', referredAt: '2025-02-01', acceptedAt: '2025-02-01' });
    // Sector-coordination's conference and examination for a case this service has not opened yet.
    await publisher.publish(CaseConferenceHeldV1, { ...CaseConferenceHeldV1.example, conferenceId: 'SR-1', caseId: newMidt.caseId, heldAt: '2025-03-03' });
    await publisher.publish(ExaminationPerformedV1, { examinationId: 'EX-1', caseId: newMidt.caseId, kind: 'forensic', performedAt: '2025-03-04' });
    for (const accepted of [newMidt, nord, copenhagenMidt, oldMidt]) await publisher.publish(ReferralAcceptedV1, accepted);
    await waitFor(() => httpAs(service.url, 'admin').get('/v1/cases'), (r) => r.body.total === 4, { timeoutMs: 30000, what: 'the four cases to open' });
    const closed = await midt().post(`/v1/cases/${oldMidt.caseId}/close`, { closedAt: '2025-03-28', outcome: 'interrupted' });
    expect(closed.status).toBe(200);
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it("shows a house its own cases, oldest first, with each case's age (the closed one waits for midt's 2025 tariff)", async () => {
    const page = await midt().get('/v1/cases');
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(ids(page)).toEqual([oldMidt.caseId, newMidt.caseId, copenhagenMidt.caseId]);
    expect(page.body.items[0]).toMatchObject({ status: 'closed', closedAt: '2025-03-28', outcome: 'interrupted', ageDays: 77, childAgeYears: 12, houseCode: 'midt' });
    expect(page.body.items[1]).toMatchObject({ status: 'opened', ageDays: 31, closedAt: null });
  });

  it('filters by status, age and municipality, and pages', async () => {
    expect(ids(await midt().get('/v1/cases?status=opened,in-assessment'))).toEqual([newMidt.caseId, copenhagenMidt.caseId]);
    expect(ids(await midt().get('/v1/cases?minAgeDays=30&maxAgeDays=31'))).toEqual([newMidt.caseId]);
    expect(ids(await midt().get('/v1/cases?municipality=101'))).toEqual([copenhagenMidt.caseId]);
    const second = await midt().get('/v1/cases?pageSize=1&page=2');
    expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(ids(second)).toEqual([newMidt.caseId]);
  });

  it("limits a municipality to its own cases in any house, and refuses a house asking for another's", async () => {
    expect(ids(await httpAs(service.url, 'municipality', { municipality: '751' }).get('/v1/cases'))).toEqual([oldMidt.caseId, nord.caseId, newMidt.caseId]);
    expect((await midt().get('/v1/cases?house=nord')).status).toBe(403);
    expect(ids(await httpAs(service.url, 'ops').get('/v1/cases?house=nord'))).toEqual([nord.caseId]);
  });

  it('names each bad filter', async () => {
    const bad = await midt().get('/v1/cases?status=lost&pageSize=500&minAgeDays=-1');
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['status', 'pageSize', 'minAgeDays']));
  });

  it('shows the case with its services, suspects, and the conference and examination that arrived before it opened', async () => {
    await midt().post(`/v1/cases/${newMidt.caseId}/services`, { serviceId: 'S-1', kind: 'play-observation', deliveredAt: '2025-03-10', recipient: 'child' });
    await midt().post(`/v1/cases/${newMidt.caseId}/suspects`, { suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' });
    const view = await httpAs(service.url, 'municipality', { municipality: '751' }).get(`/v1/cases/${newMidt.caseId}`);
    expect(view.body).toMatchObject({
      status: 'in-assessment',
      services: [{ serviceId: 'S-1', kind: 'play-observation', provider: 'boernehus', recipient: 'child', deliveredAt: '2025-03-10' }],
      suspects: [{ suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' }],
      conferences: [{ conferenceId: 'SR-1', kind: 'coordinating', heldAt: '2025-03-03', participants: CaseConferenceHeldV1.example.participants }],
      examinations: [{ examinationId: 'EX-1', kind: 'forensic', performedAt: '2025-03-04' }],
      clocks: { waitingDays: 0, leadTimeDays: 31 },
    });
  });
});
