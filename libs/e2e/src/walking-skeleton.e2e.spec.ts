import { Topics } from '@sagsspor/contracts';
import { authHeaders, generateCpr, waitFor } from '@sagsspor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { getJson, postJson, type RunningPlatform, startPlatform } from './platform';

const childCpr = generateCpr('2016-04-02', 'female', 7);
let aarhus: Record<string, string>;
let midt: Record<string, string>;
let ops: Record<string, string>;
let admin: Record<string, string>;
const activity = (p: RunningPlatform) => getJson(`${p.url('reporting')}/v1/reports/activity`, ops).then((r) => r.body);

describe('walking skeleton: four services as processes, real PostgreSQL and Kafka', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    [aarhus, midt, ops, admin] = await Promise.all([authHeaders('municipality', { municipality: '751' }), authHeaders('boernehus', { house: 'midt' }), authHeaders('ops'), authHeaders('admin')]);
    platform = await startPlatform('skeleton', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3201));
  }, 180000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('every service answers /health, /metrics and /docs', async () => {
    for (const service of ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'] as const) {
      const base = platform.url(service);
      expect(await getJson(`${base}/health`)).toEqual({ status: 200, body: { status: 'up', checks: { database: 'up', kafka: 'up' } } });
      const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
      expect(metrics).toContain('http_request_duration_seconds');
      expect((await fetch(`${base}/docs`)).status).toBe(200);
      expect((await getJson(`${base}/docs/openapi.json`)).body.openapi).toMatch(/^3\./);
    }
  });

  it('an underretning POSTed to referrals is stored, relayed and projected by reporting; a retry changes nothing', async () => {
    const underretning = { underretningId: 'E2E-U-1', childCpr, municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' };
    const first = await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning, aarhus);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ underretningId: 'E2E-U-1', municipalityCode: '751', childRef: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(first.body)).not.toContain(childCpr.slice(0, 6));
    const retry = await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning, aarhus);
    expect(retry).toEqual(first);
    await waitFor(() => activity(platform), (a) => a.underretningerReceived.total >= 1, { timeoutMs: 30000, what: 'reporting to count the underretning' });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await activity(platform)).underretningerReceived).toEqual({ total: 1, by: { 'municipality:751': 1 } });
  });

  it('an accepted referral opens the case in case-lifecycle, whose event reporting counts by house', async () => {
    const referral = await postJson(`${platform.url('referrals')}/v1/referrals`, {
      referralId: 'E2E-R-1', childCpr, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-04', abuseTypes: ['violence'],
    }, aarhus);
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({ status: 'submitted', houseCode: 'midt' });
    const accepted = await postJson(`${platform.url('referrals')}/v1/referrals/E2E-R-1/accept`, { acceptedAt: '2025-03-12' }, midt);
    expect(accepted.status).toBe(200);
    const caseId = accepted.body.caseId as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    const opened = await waitFor(() => getJson(`${platform.url('case-lifecycle')}/v1/cases/${caseId}`, midt), (r) => r.status === 200, { timeoutMs: 30000, what: 'case-lifecycle to open the case' });
    expect(opened.body).toMatchObject({ caseId, status: 'opened', houseCode: 'midt', municipalityCode: '751', openedAt: '2025-03-12', childAgeYears: 8 });
    await waitFor(() => activity(platform), (a) => a.casesOpened.total === 1, { timeoutMs: 30000, what: 'reporting to count the opened case' });
    expect((await activity(platform)).casesOpened.by).toEqual({ 'house:midt': 1, 'municipality:751': 1 });

    // sector-coordination learns of the case from case-lifecycle's CaseOpenedV1: until then it answers 404 CASE.UNKNOWN.
    const examination = await waitFor(
      () => postJson(`${platform.url('sector-coordination')}/v1/examinations`, { examinationId: 'E2E-EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20' }, midt),
      (r) => r.status !== 404,
      { timeoutMs: 30000, what: 'sector-coordination to know the case' },
    );
    expect(examination.status).toBe(201);
    await waitFor(() => activity(platform), (a) => a.examinationsPerformed.total === 1, { timeoutMs: 30000, what: 'reporting to count the examination' });
  });

  it('answers malformed requests with 400 problem+json naming each bad field, and writes nothing', async () => {
    const bad = await postJson(`${platform.url('referrals')}/v1/underretninger`, {
      underretningId: 'E2E-BAD', childCpr: '12345', municipalityCode: '999', receivedAt: '2025-13-01', concerns: ['gossip'], unexpected: true,
    }, admin); // admin may name any municipality, so validation (not the tenant check) answers
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', instance: '/v1/underretninger' });
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['childCpr', 'municipalityCode', 'receivedAt', 'concerns', 'source', 'unexpected']));

    const notJson = await fetch(`${platform.url('referrals')}/v1/underretninger`, { method: 'POST', headers: { 'content-type': 'application/json', ...aarhus }, body: '{"underretningId": ' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });

    const huge = await postJson(`${platform.url('referrals')}/v1/underretninger`, { underretningId: 'x'.repeat(200_000) }, aarhus);
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('REQUEST.TOO_LARGE');

    const impossibleCpr = await postJson(`${platform.url('referrals')}/v1/underretninger`, { underretningId: 'E2E-BAD-2', childCpr: '310218-4001', municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' }, aarhus);
    expect(impossibleCpr.status).toBe(422);
    expect(impossibleCpr.body.detail).toMatch(/childCpr/);

    const adult = await postJson(`${platform.url('referrals')}/v1/underretninger`, { underretningId: 'E2E-BAD-3', childCpr: generateCpr('2005-01-01', 'male'), municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' }, aarhus);
    expect(adult.status).toBe(422);
    expect(adult.body.code).toBe('UNDERRETNING.NOT_A_CHILD');

    for (const id of ['E2E-BAD', 'E2E-BAD-2', 'E2E-BAD-3']) expect((await getJson(`${platform.url('referrals')}/v1/underretninger/${id}`, aarhus)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await activity(platform)).underretningerReceived.total).toBe(1);
  });

  it('a reused id (other content) is 422 and an unknown referral 404, each with the reason', async () => {
    const reused = await postJson(`${platform.url('referrals')}/v1/underretninger`, { underretningId: 'E2E-U-1', childCpr, municipalityCode: '751', receivedAt: '2025-03-05', concerns: ['violence'], source: 'school' }, aarhus);
    expect(reused.status).toBe(422); // the id is the idempotency key: reused for a different request
    const missing = await postJson(`${platform.url('referrals')}/v1/referrals/NO-SUCH/accept`, { acceptedAt: '2025-03-12' }, midt);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('REFERRAL.NOT_FOUND');
  });

  it('refuses a request without a valid token (401) and one for another municipality (403), writing nothing', async () => {
    const underretning = { underretningId: 'E2E-AUTH-1', childCpr, municipalityCode: '101', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' };
    const anonymous = await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning);
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
    const otherMunicipality = await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning, aarhus);
    expect(otherMunicipality).toMatchObject({ status: 403, body: { code: 'AUTH.OTHER_TENANT' } });
    expect((await getJson(`${platform.url('referrals')}/v1/underretninger/E2E-AUTH-1`, admin)).status).toBe(404);
    expect((await getJson(`${platform.url('case-lifecycle')}/v1/cases/00000000-0000-4000-8000-000000000000`)).status).toBe(401);
  });

  it('lets no CPR reach Kafka or the service logs', async () => {
    const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'e2e-cpr-scan', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `cpr-scan-${Date.now()}` });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.referralsEvents, Topics.caseLifecycleEvents, Topics.sectorCoordinationEvents].map((t) => `${platform.namespace}.${t}`), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.key} ${message.value} ${JSON.stringify(message.headers)}`) });
    await waitFor(async () => seen.length, (n) => n >= 4, { timeoutMs: 30000, what: 'the published messages' });
    await consumer.disconnect();
    const cprDigits = childCpr.replace('-', '');
    for (const text of [...seen, ...platform.output]) {
      expect(text).not.toContain(childCpr);
      expect(text).not.toContain(cprDigits);
    }
    expect(platform.output.length).toBeGreaterThan(0);
  });
});
