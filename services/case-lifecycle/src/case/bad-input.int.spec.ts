import { randomUUID } from 'node:crypto';
import { ReferralAcceptedV1 } from '@sagsspor/contracts';
import { controlledClock, type HttpAnswer, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

describe('bad input is refused with problem+json, and writes no event', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2025-04-01T10:00:00Z');
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const service1 = { serviceId: 'S-1', kind: 'crisis-conversation', deliveredAt: '2025-03-20', recipient: 'carer' };
  let caseId: string;

  async function openCase(): Promise<string> {
    const accepted = referralAccepted({ referredAt: '2025-03-10', acceptedAt: '2025-03-12' });
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitFor(() => midt().get(`/v1/cases/${accepted.caseId}`), (r) => r.status === 200, { timeoutMs: 30000, what: 'the case to open' });
    return accepted.caseId;
  }

  /** Sends a request and checks it was refused as expected without appending to the case's stream. */
  async function refused(id: string, send: () => Promise<HttpAnswer>, status: number, code: string): Promise<HttpAnswer> {
    const before = await caseEvents(service, id);
    const answer = await send();
    expect({ status: answer.status, code: answer.body?.code }).toEqual({ status, code });
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.detail).toEqual(expect.any(String));
    expect(await caseEvents(service, id)).toEqual(before);
    return answer;
  }

  beforeAll(async () => {
    service = await startCaseLifecycle('bad_input', { clock });
    publisher = await eventPublisher(service);
    caseId = await openCase();
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it('an unknown case: 404 CASE.NOT_FOUND (also for an admin), and 400 for an id that is no case id', async () => {
    const unknown = randomUUID();
    await refused(unknown, () => midt().post(`/v1/cases/${unknown}/services`, service1), 404, 'CASE.NOT_FOUND');
    await refused(unknown, () => httpAs(service.url, 'admin').post(`/v1/cases/${unknown}/close`, { closedAt: '2025-03-30', outcome: 'withdrawn' }), 404, 'CASE.NOT_FOUND');
    expect((await midt().get(`/v1/cases/${unknown}`)).body.code).toBe('CASE.NOT_FOUND');
    expect((await midt().post('/v1/cases/not-a-case/services', service1)).status).toBe(400);
  });

  it("another house's case is not found, and a municipality may not act on a case", async () => {
    await refused(caseId, () => httpAs(service.url, 'boernehus', { house: 'nord' }).post(`/v1/cases/${caseId}/services`, service1), 404, 'CASE.NOT_FOUND');
    await refused(caseId, () => httpAs(service.url, 'municipality', { municipality: '751' }).post(`/v1/cases/${caseId}/services`, service1), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('unknown kinds, recipients, dates and fields: 400 naming each field', async () => {
    const answer = await refused(
      caseId,
      () => midt().post(`/v1/cases/${caseId}/services`, { serviceId: 'S-9', kind: 'massage', deliveredAt: '2025-02-30', recipient: 'neighbour', note: 'x' }),
      400,
      'REQUEST.INVALID',
    );
    expect(new Set(answer.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['kind', 'deliveredAt', 'recipient', 'note']));
    const suspect = await refused(caseId, () => midt().post(`/v1/cases/${caseId}/suspects`, { suspectId: 'SU-1', sex: 'male', relation: 'uncle', ageGroup: '40' }), 400, 'REQUEST.INVALID');
    expect(suspect.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['ageGroup', 'relation']);
  });

  it('a service dated before the case opened, or in the future: 422', async () => {
    const early = await refused(caseId, () => midt().post(`/v1/cases/${caseId}/services`, { ...service1, deliveredAt: '2025-03-11' }), 422, 'CASE.SERVICE_BEFORE_OPENING');
    expect(early.body.detail).toContain('2025-03-12');
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/services`, { ...service1, deliveredAt: '2025-04-02' }), 422, 'CASE.DATE_IN_FUTURE');
  });

  it('a service id sent again: the same content changes nothing, other content is 409', async () => {
    expect((await midt().post(`/v1/cases/${caseId}/services`, service1)).status).toBe(201);
    const count = (await caseEvents(service, caseId)).length;
    expect((await midt().post(`/v1/cases/${caseId}/services`, service1)).status).toBe(201);
    expect((await caseEvents(service, caseId)).length).toBe(count);
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/services`, { ...service1, recipient: 'network' }), 409, 'CASE.SERVICE_ID_REUSED');
  });

  it('a correction of an open case, or one without a reason or with a CPR number in it: refused', async () => {
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/closure-corrections`, { outcome: 'withdrawn', reason: 'wrong outcome' }), 409, 'CASE.NOT_CLOSED');
    const noReason = await refused(caseId, () => midt().post(`/v1/cases/${caseId}/closure-corrections`, { outcome: 'withdrawn' }), 400, 'REQUEST.INVALID');
    expect(new Set(noReason.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
    const withCpr = await refused(caseId, () => midt().post(`/v1/cases/${caseId}/closure-corrections`, { outcome: 'withdrawn', reason: 'mixed up with 0101184002' }), 400, 'REQUEST.INVALID');
    expect(withCpr.body.errors).toEqual([{ field: 'reason', message: 'reason must not contain a CPR number' }]);
  });

  it('closing: a completed case without a memo is 422; a retry (with the same Idempotency-Key, or the same closing without one) changes nothing; closing again otherwise is 409', async () => {
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-31', outcome: 'completed' }), 422, 'CASE.CLOSING_MEMO_MISSING');
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-11', outcome: 'interrupted' }), 422, 'CASE.CLOSED_BEFORE_OPENING');
    const key = { 'idempotency-key': randomUUID() };
    const closed = await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-31', outcome: 'interrupted' }, key);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: '2025-03-31', outcome: 'interrupted', closureRevision: 1, clocks: { leadTimeDays: 19, leadTimeFinal: true } });
    const count = (await caseEvents(service, caseId)).length;
    expect(await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-31', outcome: 'interrupted' }, key)).toMatchObject({ status: 200, body: closed.body });
    expect((await caseEvents(service, caseId)).length).toBe(count);
    expect(await midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-03-31', outcome: 'interrupted' })).toMatchObject({ status: 200, body: closed.body });
    expect((await caseEvents(service, caseId)).length).toBe(count);
    const twice = await refused(caseId, () => midt().post(`/v1/cases/${caseId}/close`, { closedAt: '2025-04-01', outcome: 'interrupted' }), 409, 'CASE.ALREADY_CLOSED');
    expect(twice.body.detail).toContain('closure-corrections');
  });

  it('after closing: services, suspects, memo and release are 409 CASE.CLOSED', async () => {
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/services`, { ...service1, serviceId: 'S-2', deliveredAt: '2025-04-01' }), 409, 'CASE.CLOSED');
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/suspects`, { suspectId: 'SU-1', sex: 'male', relation: 'parent', ageGroup: '30-49' }), 409, 'CASE.CLOSED');
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/closing-memo`, { sentAt: '2025-03-30' }), 409, 'CASE.CLOSED');
    await refused(caseId, () => midt().post(`/v1/cases/${caseId}/police-release`, { releasedAt: '2025-03-30' }), 409, 'CASE.CLOSED');
  });
});
