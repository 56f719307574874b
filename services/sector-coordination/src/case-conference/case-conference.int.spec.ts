import { CaseConferenceHeldV1, Topics, validateIntegrationEventData } from '@sagsspor/contracts';
import { createKafka, fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { SectorCoordinationModule } from '../app.module';
import { caseLifecycleFor } from '../test-support/case-lifecycle';

const caseA = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e01';
const caseNord = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e02';
const caseClosedFirst = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e03';
const participants = [
  { sector: 'boernehus', mode: 'attended' },
  { sector: 'municipality', mode: 'attended' },
  { sector: 'police', mode: 'phone' },
];
const conference = (conferenceId: string, caseId: string, kind: string, heldAt: string, extra: object = {}) => ({ conferenceId, caseId, kind, heldAt, participants, ...extra });

describe('POST /v1/case-conferences against cases known from case-lifecycle, on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let caseLifecycle: Awaited<ReturnType<typeof caseLifecycleFor>>;
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const eventsOf = async (caseId: string) =>
    ((await service.dataSource.query(`SELECT data->>'conferenceId' AS id FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`coordination-${caseId}`])) as { id: string }[]).map((e) => e.id);

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_case_conferences',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
    caseLifecycle = await caseLifecycleFor(service);
  });
  afterAll(async () => {
    await caseLifecycle?.stop();
    await service?.drop();
  });

  it('answers 404 CASE.UNKNOWN for a case not (yet) known, saying it may take a moment', async () => {
    const unknown = await midt().post('/v1/case-conferences', conference('SR-0', caseA, 'coordinating', '2025-03-14'));
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CASE.UNKNOWN', detail: expect.stringMatching(/may take a moment/) } });
    expect(await eventsOf(caseA)).toEqual([]);
  });

  it('records the coordinating conference of a case opened by a CaseOpenedV1, and a retry changes nothing', async () => {
    await caseLifecycle.open(caseLifecycle.intake(caseA));
    const held = await midt().post('/v1/case-conferences', conference('SR-1', caseA, 'coordinating', '2025-03-14'));
    expect(held.status).toBe(201);
    expect(held.body).toEqual({
      conferenceId: 'SR-1',
      caseId: caseA,
      houseCode: 'midt',
      kind: 'coordinating',
      heldAt: '2025-03-14',
      participants: [
        { sector: 'municipality', mode: 'attended' },
        { sector: 'police', mode: 'phone' },
        { sector: 'boernehus', mode: 'attended' },
      ],
    });
    expect(await midt().post('/v1/case-conferences', conference('SR-1', caseA, 'coordinating', '2025-03-14'))).toMatchObject({ status: 201, body: held.body });
    expect(await eventsOf(caseA)).toEqual(['SR-1']);
  });

  it('follows the coordination rules: follow-up after it, no second coordinating one, an id once', async () => {
    expect((await midt().post('/v1/case-conferences', conference('SR-2', caseA, 'follow-up', '2025-04-10'))).status).toBe(201);
    expect(await midt().post('/v1/case-conferences', conference('SR-3', caseA, 'coordinating', '2025-04-11'))).toMatchObject({ status: 409, body: { code: 'CONFERENCE.COORDINATION_ALREADY_OPENED' } });
    expect(await midt().post('/v1/case-conferences', conference('SR-2', caseA, 'follow-up', '2025-04-12'))).toMatchObject({ status: 409, body: { code: 'CONFERENCE.ID_IN_USE' } });
    expect(await midt().post('/v1/case-conferences', conference('SR-4', caseA, 'follow-up', '2025-03-11'))).toMatchObject({ status: 422, body: { code: 'CONFERENCE.BEFORE_CASE_OPENED' } });
    expect(await midt().post('/v1/case-conferences', conference('SR-5', caseA, 'follow-up', '2025-06-03'))).toMatchObject({ status: 422, body: { code: 'CONFERENCE.HELD_IN_FUTURE' } });
    expect(await eventsOf(caseA)).toEqual(['SR-1', 'SR-2']);
  });

  it("refuses another house's case as unknown (404), and a conferenceId already used in another case", async () => {
    await caseLifecycle.open(caseLifecycle.intake(caseNord, { houseCode: 'nord', municipalityCode: '851' }));
    expect(await midt().post('/v1/case-conferences', conference('SR-N1', caseNord, 'coordinating', '2025-03-14'))).toMatchObject({ status: 404, body: { code: 'CASE.UNKNOWN' } });
    const nord = httpAs(service.url, 'boernehus', { house: 'nord' });
    expect(await nord.post('/v1/case-conferences', conference('SR-1', caseNord, 'coordinating', '2025-03-14'))).toMatchObject({ status: 409, body: { code: 'CONFERENCE.ID_IN_USE' } });
    expect((await nord.post('/v1/case-conferences', conference('SR-N1', caseNord, 'coordinating', '2025-03-14'))).status).toBe(201);
    expect((await httpAs(service.url, 'police').post('/v1/case-conferences', conference('SR-N2', caseNord, 'follow-up', '2025-03-15'))).status).toBe(403);
  });

  it('knows a case whose closure arrived before its opening, and refuses a conference after the closing day', async () => {
    const intake = caseLifecycle.intake(caseClosedFirst);
    await caseLifecycle.close(intake, '2025-04-30');
    expect((await midt().post('/v1/case-conferences', conference('SR-C1', caseClosedFirst, 'coordinating', '2025-04-30'))).status).toBe(201);
    expect(await midt().post('/v1/case-conferences', conference('SR-C2', caseClosedFirst, 'concluding', '2025-05-01'))).toMatchObject({ status: 422, body: { code: 'CONFERENCE.AFTER_CASE_CLOSED' } });
    await caseLifecycle.open(intake); // the late opening changes nothing about the closure
    expect(await service.dataSource.query(`SELECT closed_at::text AS closed_at FROM known_cases WHERE case_id = $1`, [caseClosedFirst])).toEqual([{ closed_at: '2025-04-30' }]);
  });

  it('answers a retry under the same Idempotency-Key as the first time, even after the case was closed meanwhile', async () => {
    const caseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e04';
    const intake = caseLifecycle.intake(caseId);
    await caseLifecycle.open(intake);
    const key = { 'idempotency-key': 'midt-tool-request-77' };
    const first = await midt().post('/v1/case-conferences', conference('SR-K1', caseId, 'coordinating', '2025-03-14'), key);
    expect(first.status).toBe(201);
    await caseLifecycle.close(intake, '2025-05-20');
    expect(await midt().post('/v1/case-conferences', conference('SR-K1', caseId, 'coordinating', '2025-03-14'), key)).toMatchObject({ status: 201, body: first.body });
    expect(await midt().post('/v1/case-conferences', conference('SR-K2', caseId, 'follow-up', '2025-03-20'), key)).toMatchObject({ status: 422, body: { code: 'EVENT_STORE.IDEMPOTENCY_KEY_REUSED' } });
    expect(await eventsOf(caseId)).toEqual(['SR-K1']);
  });

  it('answers bad input with 400 problem+json naming each field, and writes no event', async () => {
    const bad = await midt().post('/v1/case-conferences', {
      conferenceId: 'SR-BAD',
      caseId: 'not-a-uuid',
      kind: 'informal',
      heldAt: '2025-13-01',
      participants: [{ sector: 'school', mode: 'attended' }, { sector: 'police', mode: 'maybe' }],
      note: 'free text is not accepted',
    });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/^application\/problem\+json/);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['caseId', 'kind', 'heldAt', 'participants[0].sector', 'participants[1].mode', 'note']));
    const noParticipants = await midt().post('/v1/case-conferences', conference('SR-BAD2', caseA, 'follow-up', '2025-04-20', { participants: [] }));
    expect(noParticipants.status).toBe(400);
    expect(noParticipants.body.errors.map((e: { field: string }) => e.field)).toEqual(['participants']);
    const twice = await midt().post('/v1/case-conferences', conference('SR-BAD3', caseA, 'follow-up', '2025-04-20', { participants: [...participants, { sector: 'police', mode: 'written' }] }));
    expect(twice).toMatchObject({ status: 422, body: { code: 'CONFERENCE.SECTOR_LISTED_TWICE' } });
    expect(await eventsOf(caseA)).toEqual(['SR-1', 'SR-2']);
  });

  it('publishes CaseConferenceHeldV1 for each conference held, valid against its contract', async () => {
    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-conferences-int' });
    const messages = await readAllMessages(kafka, qualifiedTopic(service.config.kafka, Topics.sectorCoordinationEvents), 5);
    const held = messages.map(fromKafkaMessage).filter((e) => e.type === CaseConferenceHeldV1.type);
    expect(held.map((e) => (e.data as { conferenceId: string }).conferenceId).sort()).toEqual(['SR-1', 'SR-2', 'SR-C1', 'SR-K1', 'SR-N1']);
    for (const e of held) expect(validateIntegrationEventData(e.type, e.data)).toEqual([]);
    expect(held.find((e) => (e.data as { conferenceId: string }).conferenceId === 'SR-N1')!.data).toMatchObject({ caseId: caseNord, houseCode: 'nord', kind: 'coordinating' });
  });
});
