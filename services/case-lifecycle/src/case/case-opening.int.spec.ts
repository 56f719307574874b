import { CaseOpenedV1, ReferralAcceptedV1, Topics } from '@sagsspor/contracts';
import { fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

describe('a referral accepted in referrals opens the case here (real PostgreSQL and Kafka)', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2025-03-13T09:00:00Z');

  beforeAll(async () => {
    service = await startCaseLifecycle('case_opening', { clock });
    publisher = await eventPublisher(service);
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it('opens exactly one case when the event is delivered twice, and once more re-published under another id', async () => {
    const accepted = referralAccepted({ referredAt: '2025-03-10', municipalityAwareAt: '2025-03-04', acceptedAt: '2025-03-12' });
    const key = `referral-${accepted.referralId}`;
    const firstId = await publisher.publish(ReferralAcceptedV1, accepted, { key });
    await publisher.publish(ReferralAcceptedV1, accepted, { key, id: firstId });
    const republishedId = await publisher.publish(ReferralAcceptedV1, accepted, { key });

    await waitFor(
      () => service.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)`, [[firstId, republishedId]]),
      (rows) => rows[0].n === 2,
      { timeoutMs: 30000, what: 'both distinct deliveries to be handled' },
    );
    expect((await caseEvents(service, accepted.caseId)).map((e) => e.type)).toEqual(['CaseOpened']);

    const midt = httpAs(service.url, 'boernehus', { house: 'midt' });
    const opened = await midt.get(`/v1/cases/${accepted.caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      caseId: accepted.caseId,
      status: 'opened',
      referralId: accepted.referralId,
      childRef: accepted.childRef,
      houseCode: 'midt',
      municipalityCode: '751',
      openedAt: '2025-03-12',
      abuseTypes: ['violence'],
      caseKind: 'abuse',
      policeRelease: { gate: 'open' },
      clocks: { waitingDays: 2, leadTimeDays: 1, leadTimeFinal: false, leadTime90DueDate: '2025-06-10', leadTime120DueDate: '2025-07-10', section20DueDate: '2025-07-04', deadlinesReached: [] },
    });

    const published = (await readAllMessages(publisher.kafka, qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents), 1)).map(fromKafkaMessage);
    const openings = published.filter((e) => e.type === CaseOpenedV1.type);
    expect(openings).toHaveLength(1);
    expect(openings[0]).toMatchObject({ subject: `case-${accepted.caseId}`, data: { caseId: accepted.caseId, openedAt: '2025-03-12', referralId: accepted.referralId } });
  });

  it('shows the case to its house, its municipality and ops, and to nobody else', async () => {
    const accepted = referralAccepted({ acceptedAt: '2025-03-12' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    const path = `/v1/cases/${accepted.caseId}`;
    await waitFor(() => httpAs(service.url, 'admin').get(path), (r) => r.status === 200, { timeoutMs: 30000, what: 'the case to open' });
    expect((await httpAs(service.url, 'municipality', { municipality: '751' }).get(path)).status).toBe(200);
    expect((await httpAs(service.url, 'ops').get(path)).status).toBe(200);
    expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).get(path)).body).toMatchObject({ status: 404, code: 'CASE.NOT_FOUND' });
    expect((await httpAs(service.url, 'municipality', { municipality: '101' }).get(path)).status).toBe(404);
    expect((await httpAs(service.url, 'police').get(path)).status).toBe(403);
    expect((await httpAs(service.url).get(path)).status).toBe(401);
  });
});
