import { ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { createKafka, fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { SectorCoordinationModule } from '../app.module';
import { caseLifecycleFor } from '../test-support/case-lifecycle';

const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a01';
const examination = (examinationId: string, changes: object = {}) => ({ examinationId, caseId, kind: 'forensic', performedAt: '2025-03-20', ...changes });

describe('POST /v1/examinations against a case known from case-lifecycle, on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let caseLifecycle: Awaited<ReturnType<typeof caseLifecycleFor>>;
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const streamEvents = async (examinationId: string) =>
    ((await service.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`examination-${examinationId}`])) as { n: number }[])[0].n;

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_examinations',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
    caseLifecycle = await caseLifecycleFor(service);
  });
  afterAll(async () => {
    await caseLifecycle?.stop();
    await service?.drop();
  });

  it('answers 404 CASE.UNKNOWN before the case is known, and records the examination once it is', async () => {
    expect(await midt().post('/v1/examinations', examination('EX-1'))).toMatchObject({ status: 404, body: { code: 'CASE.UNKNOWN' } });
    expect(await httpAs(service.url, 'admin').post('/v1/examinations', examination('EX-1'))).toMatchObject({ status: 404, body: { code: 'CASE.UNKNOWN' } });
    await caseLifecycle.open(caseLifecycle.intake(caseId));
    const recorded = await midt().post('/v1/examinations', examination('EX-1'));
    expect(recorded).toMatchObject({ status: 201, body: examination('EX-1') });
    expect(await midt().post('/v1/examinations', examination('EX-1'))).toMatchObject({ status: 201, body: recorded.body });
    expect(await streamEvents('EX-1')).toBe(1);
  });

  it('refuses other content under a used id (409) and dates outside the case (422), writing nothing', async () => {
    expect(await midt().post('/v1/examinations', examination('EX-1', { kind: 'paediatric' }))).toMatchObject({ status: 409, body: { code: 'EXAMINATION.ID_IN_USE' } });
    expect(await midt().post('/v1/examinations', examination('EX-2', { performedAt: '2025-03-11' }))).toMatchObject({ status: 422, body: { code: 'EXAMINATION.BEFORE_CASE_OPENED' } });
    expect(await midt().post('/v1/examinations', examination('EX-3', { performedAt: '2025-06-03' }))).toMatchObject({ status: 422, body: { code: 'EXAMINATION.PERFORMED_IN_FUTURE' } });
    await caseLifecycle.close(caseLifecycle.intake(caseId), '2025-05-01');
    expect(await midt().post('/v1/examinations', examination('EX-4', { performedAt: '2025-05-02' }))).toMatchObject({ status: 422, body: { code: 'EXAMINATION.AFTER_CASE_CLOSED' } });
    for (const id of ['EX-2', 'EX-3', 'EX-4']) expect(await streamEvents(id)).toBe(0);
  });

  it("answers another house's staff 404, as if the case did not exist", async () => {
    expect(await httpAs(service.url, 'boernehus', { house: 'nord' }).post('/v1/examinations', examination('EX-5', { kind: 'paediatric' }))).toMatchObject({ status: 404, body: { code: 'CASE.UNKNOWN' } });
    expect(await streamEvents('EX-5')).toBe(0);
  });

  it('answers bad input with 400 problem+json naming each field, and writes no event', async () => {
    const bad = await midt().post('/v1/examinations', { examinationId: 'EX 6 about Anna', caseId: 'x', kind: 'dental', performedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['examinationId', 'caseId', 'kind', 'performedAt']));
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM events`)).toEqual([{ n: 1 }]);
  });

  it('publishes ExaminationPerformedV1 once', async () => {
    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-examinations-int' });
    const messages = await readAllMessages(kafka, qualifiedTopic(service.config.kafka, Topics.sectorCoordinationEvents), 1);
    expect(messages.map(fromKafkaMessage).map((e) => [e.type, e.data])).toEqual([[ExaminationPerformedV1.type, examination('EX-1')]]);
  });
});
