import { CaseEndReasonRecordedV1, ReferralAcceptedV1, Topics } from '@sagsspor/contracts';
import { fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

// Why a case was interrupted or withdrawn (issue 23 item 9, ADR 0074), through the public API on
// real PostgreSQL and Kafka. Today is 2025-04-01 in Copenhagen.
describe('the end reason of an interrupted or withdrawn case (real PostgreSQL and Kafka)', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2025-04-01T10:00:00Z');
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });

  async function openCase(): Promise<string> {
    const accepted = referralAccepted({ referredAt: '2025-03-10', acceptedAt: '2025-03-12' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitFor(() => midt().get(`/v1/cases/${accepted.caseId}`), (r) => r.status === 200, { timeoutMs: 30000, what: 'the case to open' });
    return accepted.caseId;
  }

  beforeAll(async () => {
    service = await startCaseLifecycle('end_reasons', { clock });
    publisher = await eventPublisher(service);
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it('keeps the reason and the note, shows the note to the house only, and publishes the code after the closing', async () => {
    const caseId = await openCase();
    const closed = await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-28', outcome: 'interrupted', endReason: 'unstable-attendance', endNote: 'Udeblev fra tre samtaler' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ outcome: 'interrupted', endReason: 'unstable-attendance', endNote: 'Udeblev fra tre samtaler' });
    const municipality = await httpAs(service.url, 'municipality', { municipality: '751' }).get(`/v1/cases/${caseId}`);
    expect(municipality.body.endReason).toBe('unstable-attendance');
    expect(municipality.body).not.toHaveProperty('endNote');

    const corrected = await midt().post(`/v1/cases/${caseId}/closure-corrections`, { endReason: 'family-not-motivated', reason: 'Forkert årsag valgt' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ closureRevision: 2, endReason: 'family-not-motivated', endNote: 'Udeblev fra tre samtaler' });

    const published = (await readAllMessages(publisher.kafka, qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents), 5))
      .map(fromKafkaMessage)
      .filter((e) => e.subject === `case-${caseId}`);
    const types = published.map((e) => e.type);
    expect(types.indexOf(CaseEndReasonRecordedV1.type)).toBe(types.indexOf('dk.sagsspor.case-lifecycle.case-closed.v1') + 1);
    expect(published.filter((e) => e.type === CaseEndReasonRecordedV1.type).map((e) => e.data)).toEqual([
      { caseId, houseCode: 'midt', municipalityCode: '751', outcome: 'interrupted', closedAt: '2025-03-28', reason: 'unstable-attendance', revision: 1 },
      { caseId, houseCode: 'midt', municipalityCode: '751', outcome: 'interrupted', closedAt: '2025-03-28', reason: 'family-not-motivated', revision: 2 },
    ]);
    expect(JSON.stringify(published)).not.toContain('Udeblev');
  });

  it('closes as before without a reason (existing clients): `not-given`', async () => {
    const caseId = await openCase();
    const closed = await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-28', outcome: 'withdrawn' });
    expect(closed.status).toBe(200);
    expect(closed.body.endReason).toBe('not-given');
  });

  it.each([
    ['an unknown reason', { endReason: 'bad-weather' }, 'endReason'],
    ['a note over 500 characters', { endReason: 'other', endNote: 'x'.repeat(501) }, 'endNote'],
    ['a note holding a CPR number', { endReason: 'other', endNote: 'Barnet 010216-4002 flyttede' }, 'endNote'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_case, extra, field) => {
    const caseId = await openCase();
    const before = await caseEvents(service, caseId);
    const answer = await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-28', outcome: 'interrupted', ...extra });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await caseEvents(service, caseId)).toEqual(before);
  });

  it('refuses a reason for a completed case: 422 naming the field', async () => {
    const caseId = await openCase();
    const answer = await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-28', outcome: 'completed', closingMemoSentAt: '2025-03-27', endReason: 'other' });
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 422, code: 'CASE.END_REASON_FOR_COMPLETED' });
    expect(answer.body.detail).toMatch(/^endReason/);
  });
});
