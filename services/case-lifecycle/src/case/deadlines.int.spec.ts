import { CaseDeadlineReachedV1, ReferralAcceptedV1, Topics } from '@sagsspor/contracts';
import { fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, referralAccepted, startCaseLifecycle, waitForCaseEvent } from '../test-support/case-lifecycle.harness';

const reached = async (service: ServiceUnderTest, caseId: string) =>
  (await caseEvents(service, caseId)).filter((e) => e.type === 'CaseDeadlineReached').map((e) => `${e.data.clock}:${e.data.stage}:${e.data.reachedAt}`);
const aWhile = () => new Promise((r) => setTimeout(r, 1000));

describe('deadline events on a controlled clock (durable schedule on real PostgreSQL)', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  // 10:00 in Copenhagen on the opening day.
  const clock = controlledClock('2025-03-12T09:00:00Z');
  const accepted = referralAccepted({ referredAt: '2025-03-10', municipalityAwareAt: '2025-03-04', acceptedAt: '2025-03-12' });

  beforeAll(async () => {
    service = await startCaseLifecycle('deadlines', { clock, settings: { deadlineWarningDays: 14 } });
    publisher = await eventPublisher(service);
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitForCaseEvent(service, accepted.caseId, (events) => events.length > 0, 'the case to open');
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it('fires nothing before the warning day, and the 90-day warning at the start of its day (Copenhagen), once', async () => {
    // Due 2025-06-10 (opened + 90); warned 14 days before: 2025-05-27, which begins at 22:00 UTC the day before (summer time).
    clock.set('2025-05-26T21:59:59Z');
    await aWhile();
    expect(await reached(service, accepted.caseId)).toEqual([]);
    clock.set('2025-05-26T22:00:00Z');
    await waitForCaseEvent(service, accepted.caseId, (events) => events.some((e) => e.type === 'CaseDeadlineReached'), 'the 90-day warning');
    await aWhile();
    expect(await reached(service, accepted.caseId)).toEqual(['lead-time-90:approaching:2025-05-27']);
  });

  it('fires what fell due while the service was down once it is back, each stage once', async () => {
    await service.stop();
    // Down from 27 May to 12 June: the § 20 warning (20 June) is not due yet; day 90 passed on 11 June.
    clock.set('2025-06-12T08:00:00Z');
    service = await service.restart();
    await waitForCaseEvent(service, accepted.caseId, (events) => events.filter((e) => e.type === 'CaseDeadlineReached').length >= 2, 'the passed 90-day deadline after the restart');
    await aWhile();
    expect(await reached(service, accepted.caseId)).toEqual(['lead-time-90:approaching:2025-05-27', 'lead-time-90:passed:2025-06-11']);
    const view = await httpAs(service.url, 'boernehus', { house: 'midt' }).get(`/v1/cases/${accepted.caseId}`);
    expect(view.body.clocks).toMatchObject({ leadTimeDays: 92, section20DueDate: '2025-07-04', deadlinesReached: [{ clock: 'lead-time-90', stage: 'approaching' }, { clock: 'lead-time-90', stage: 'passed' }] });
  });

  it('publishes each stage as CaseDeadlineReachedV1', async () => {
    const messages = (await readAllMessages(publisher.kafka, qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents), 3)).map(fromKafkaMessage);
    expect(messages.filter((m) => m.type === CaseDeadlineReachedV1.type).map((m) => m.data)).toEqual([
      { caseId: accepted.caseId, houseCode: 'midt', municipalityCode: '751', clock: 'lead-time-90', stage: 'approaching', dueDate: '2025-06-10', reachedAt: '2025-05-27' },
      { caseId: accepted.caseId, houseCode: 'midt', municipalityCode: '751', clock: 'lead-time-90', stage: 'passed', dueDate: '2025-06-10', reachedAt: '2025-06-11' },
    ]);
  });

  it('fires nothing more once the case is closed', async () => {
    const closed = await httpAs(service.url, 'boernehus', { house: 'midt' }).post(`/v1/cases/${accepted.caseId}/close`, { closedAt: '2025-06-12', outcome: 'interrupted' });
    expect(closed.status).toBe(200);
    clock.set('2026-01-01T12:00:00Z');
    await aWhile();
    expect(await reached(service, accepted.caseId)).toHaveLength(2);
    expect(await service.dataSource.query(`SELECT schedule_id FROM scheduled_commands WHERE schedule_id LIKE $1 AND fired_at IS NULL`, [`case-${accepted.caseId}:%`])).toEqual([]);
  });

  it('fires the passed stages of a case registered after its deadlines at once, without their warnings', async () => {
    // Opened 2 January, due 2 April (90 days), 2 May (120 days); aware 1 December, § 20 due 1 April.
    clock.set('2025-05-26T22:00:00Z');
    const late = referralAccepted({ referredAt: '2025-01-02', municipalityAwareAt: '2024-12-01', acceptedAt: '2025-01-02' });
    await publisher.publish(ReferralAcceptedV1, late);
    const events = await waitFor(() => reached(service, late.caseId), (r) => r.length >= 3, { timeoutMs: 30000, what: 'the passed deadlines of the late case' });
    await aWhile();
    expect(events.sort()).toEqual(['lead-time-120:passed:2025-05-03', 'lead-time-90:passed:2025-04-03', 'section-20:passed:2025-04-02']);
    expect((await reached(service, late.caseId)).length).toBe(3);
  });
});
