import { randomUUID } from 'node:crypto';
import { encryptCprForTransport } from '@sagsspor/child-identity';
import { PoliceVideoInterviewMessageV1, Topics } from '@sagsspor/contracts';
import { createKafka, qualifiedTopic, toKafkaMessage } from '@sagsspor/messaging';
import { answerApartFromId, controlledClock, httpAs, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import type { JWK } from 'jose';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { SectorCoordinationModule } from '../app.module';
import { VideoInterviewTenantScopedIds1765100000100 } from './tenant-scoped-ids.migration';

// ADR 0095: a police system's interview id is unique within its police district. Østjylland's
// interviews are held at Børnehus Midt, Nordsjælland's at Børnehus Hovedstaden.
const oestChild = generateCpr('2016-04-02', 'female', 971);
const nordChild = generateCpr('2013-08-19', 'male', 972);
const interview = (interviewId: string, policeDistrict: 'oestjylland' | 'nordsjaelland', changes: Record<string, unknown> = {}) => ({
  interviewId,
  policeDistrict,
  childCpr: policeDistrict === 'oestjylland' ? oestChild : nordChild,
  municipalityCode: policeDistrict === 'oestjylland' ? '751' : '101',
  houseCode: policeDistrict === 'oestjylland' ? 'midt' : 'hovedstaden',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  reinterview: false,
  ...changes,
});

const eventsOf = async (db: DataSource, streamId: string) =>
  ((await db.query(`SELECT event_type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId])) as { event_type: string }[]).map((e) => e.event_type);

describe('interview ids are unique within their police district (ADR 0095), over REST and the inbound topic, on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let kafka: Kafka;
  let producer: Producer;
  let publicKey: JWK;
  const police = () => httpAs(service.url, 'police');
  const house = (code: string) => httpAs(service.url, 'boernehus', { house: code });

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_tenant_ids',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-tenant-ids-int' });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    publicKey = (await httpAs(service.url).get('/v1/video-interviews/encryption-key')).body.keys[0];
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.drop();
  });

  it('takes the same interview id from two districts, over REST and over the topic, as two interviews', async () => {
    expect((await police().post('/v1/video-interviews', interview('SAME-VA-1', 'oestjylland'))).status).toBe(201);
    const { childCpr, ...rest } = interview('SAME-VA-1', 'nordsjaelland', { conductedAt: '2025-03-12' });
    const data = { ...rest, childCprEncrypted: await encryptCprForTransport(childCpr, publicKey) };
    await producer.send({
      topic: qualifiedTopic(service.config.kafka, Topics.inboundPoliceVideoInterviews),
      acks: -1,
      messages: [toKafkaMessage({ id: randomUUID(), type: PoliceVideoInterviewMessageV1.type, source: '/politi/nordsjaelland/video-interviews', time: '2025-03-12T15:00:00Z', partitionKey: 'SAME-VA-1', data })],
    });
    await waitFor(() => eventsOf(service.dataSource, 'video-interview-nordsjaelland:SAME-VA-1'), (types) => types.length === 1, { what: 'the topic interview to be recorded' });
    expect(await eventsOf(service.dataSource, 'video-interview-oestjylland:SAME-VA-1')).toEqual(['VideoInterviewRecorded']);
    expect(await eventsOf(service.dataSource, 'video-interview-nordsjaelland:SAME-VA-1')).toEqual(['VideoInterviewRecorded']);

    // Each house sees its own; neither the other's.
    expect((await house('midt').get('/v1/video-interviews/SAME-VA-1')).body).toMatchObject({ policeDistrict: 'oestjylland', houseCode: 'midt', conductedAt: '2025-03-11', revisions: [expect.anything()] });
    expect((await house('hovedstaden').get('/v1/video-interviews/SAME-VA-1')).body).toMatchObject({ policeDistrict: 'nordsjaelland', houseCode: 'hovedstaden', conductedAt: '2025-03-12' });
    // The police are national: they name the district when two used the id.
    expect((await police().get('/v1/video-interviews/SAME-VA-1')).body).toMatchObject({ status: 409, code: 'VIDEO_INTERVIEW.AMBIGUOUS_ID' });
    expect((await police().get('/v1/video-interviews/SAME-VA-1?policeDistrict=nordsjaelland')).body).toMatchObject({ policeDistrict: 'nordsjaelland', houseCode: 'hovedstaden' });

    // A correction from one district corrects its own interview only; the release too.
    expect((await police().post('/v1/video-interviews', interview('SAME-VA-1', 'oestjylland', { reinterview: true }))).body).toMatchObject({ revision: 2, policeDistrict: 'oestjylland' });
    expect((await police().post('/v1/video-interviews/SAME-VA-1/release?policeDistrict=nordsjaelland', { releasedAt: '2025-03-13' })).status).toBe(200);
    expect(await eventsOf(service.dataSource, 'video-interview-oestjylland:SAME-VA-1')).toEqual(['VideoInterviewRecorded', 'VideoInterviewCorrected']);
    expect(await eventsOf(service.dataSource, 'video-interview-nordsjaelland:SAME-VA-1')).toEqual(['VideoInterviewRecorded', 'ChildReleasedByPolice']);
    expect((await house('midt').get('/v1/video-interviews/SAME-VA-1')).body.releasedAt).toBeUndefined();
    expect((await house('hovedstaden').get('/v1/video-interviews/SAME-VA-1')).body).toMatchObject({ releasedAt: '2025-03-13', revision: 1 });
  });

  it("answers another house's interview exactly as an id nobody used", async () => {
    expect((await police().post('/v1/video-interviews', interview('ONLY-OEST-VA', 'oestjylland'))).status).toBe(201);
    const taken = answerApartFromId(await house('hovedstaden').get('/v1/video-interviews/ONLY-OEST-VA'), 'ONLY-OEST-VA');
    expect(taken).toEqual(answerApartFromId(await house('hovedstaden').get('/v1/video-interviews/NEVER-USED-VA'), 'NEVER-USED-VA'));
    expect(taken.status).toBe(404);
    // A district naming another district's id: not found, as an unused one.
    const wrongDistrict = await police().post('/v1/video-interviews/ONLY-OEST-VA/release?policeDistrict=fyn', { releasedAt: '2025-03-13' });
    expect(answerApartFromId(wrongDistrict, 'ONLY-OEST-VA')).toEqual(answerApartFromId(await police().post('/v1/video-interviews/NEVER-USED-VA/release', { releasedAt: '2025-03-13' }), 'NEVER-USED-VA'));
  });
});

/** The rows as the service wrote them before ADR 0095: the inverse of the migration. */
async function toTheFormBefore(db: DataSource): Promise<void> {
  await db.transaction(async (m) => {
    const tenantPrefixed = '^video-interview-([a-z-]+):';
    await m.query(`UPDATE events SET stream_id = regexp_replace(stream_id, $1, 'video-interview-') WHERE stream_id ~ $1 AND NOT starts_with(stream_id, 'video-interview-request-')`, [tenantPrefixed]);
    await m.query(`UPDATE command_idempotency SET stream_id = regexp_replace(stream_id, $1, 'video-interview-') WHERE stream_id ~ $1 AND NOT starts_with(stream_id, 'video-interview-request-')`, [tenantPrefixed]);
    await m.query(`ALTER TABLE video_interview_revisions DROP CONSTRAINT video_interview_revisions_police_district_interview_id_fkey, DROP CONSTRAINT video_interview_revisions_pkey, DROP COLUMN police_district`);
    await m.query(`ALTER TABLE video_interviews DROP CONSTRAINT video_interviews_pkey, DROP COLUMN police_district, ADD PRIMARY KEY (interview_id)`);
    await m.query(`ALTER TABLE video_interview_revisions ADD PRIMARY KEY (interview_id, revision), ADD FOREIGN KEY (interview_id) REFERENCES video_interviews (interview_id)`);
    await m.query(`DELETE FROM migrations WHERE name = 'VideoInterviewTenantScopedIds1765100000100'`);
  });
}

describe('the video interview tenant-scoped ids migration (ADR 0095) on real PostgreSQL', () => {
  let service: ServiceUnderTest;
  const police = () => httpAs(service.url, 'police');

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_tenant_migration',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
  });
  afterAll(() => service?.drop());

  it('moves every event, answer and read row to the district-scoped names; the interviews read and fold the same, and take corrections after', async () => {
    expect((await police().post('/v1/video-interviews', interview('MIG-VA-1', 'oestjylland'))).status).toBe(201);
    expect((await police().post('/v1/video-interviews', interview('MIG-VA-1', 'oestjylland', { conductedAt: '2025-03-10' }))).body.revision).toBe(2);
    expect((await police().post('/v1/video-interviews/MIG-VA-1/release', { releasedAt: '2025-03-12' }, { 'idempotency-key': 'mig-release' })).status).toBe(200);
    expect((await police().post('/v1/video-interviews', interview('MIG-VA-2', 'oestjylland'))).status).toBe(201);
    expect((await police().post('/v1/video-interviews', interview('MIG-VA-2', 'oestjylland', { reinterview: true }))).body.revision).toBe(2);
    expect((await police().post('/v1/video-interview-requests', { requestId: 'MIG-REQ-1', childCpr: oestChild, policeDistrict: 'oestjylland', municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' })).status).toBe(201);

    const db = service.dataSource;
    const reads = async () => ({ one: (await police().get('/v1/video-interviews/MIG-VA-1')).body, two: (await police().get('/v1/video-interviews/MIG-VA-2')).body });
    const everyEvent = () => db.query(`SELECT global_position::text, event_id, stream_id, stream_version, event_type, data, metadata FROM events ORDER BY global_position`);
    const table = (name: string, order: string) => db.query(`SELECT * FROM ${name} ORDER BY ${order}`);
    const before = {
      answers: await reads(),
      events: await everyEvent(),
      interviews: await table('video_interviews', 'police_district, interview_id'),
      revisions: await table('video_interview_revisions', 'police_district, interview_id, revision'),
      keys: await table('command_idempotency', 'idempotency_key'),
    };
    expect(before.answers.one).toMatchObject({ revision: 2, releasedAt: '2025-03-12', revisions: [expect.anything(), expect.anything()] });

    await toTheFormBefore(db);
    const old = (await db.query(`SELECT DISTINCT stream_id FROM events ORDER BY stream_id`)).map((r: { stream_id: string }) => r.stream_id);
    expect(old).toEqual(expect.arrayContaining(['video-interview-MIG-VA-1', 'video-interview-MIG-VA-2', 'video-interview-request-MIG-REQ-1']));
    // Before ADR 0095 a correction could move an interview to another district: MIG-VA-2 was first sent as Nordsjælland's.
    // The migration names the stream by the latest district, the one the police system sends again.
    const firstOfTwo = `stream_id = 'video-interview-MIG-VA-2' AND stream_version = 1`;
    await db.query(`UPDATE events SET data = jsonb_set(data, '{policeDistrict}', '"nordsjaelland"') WHERE ${firstOfTwo}`);
    const movedFirst = before.events.find((e: { stream_id: string; stream_version: number }) => e.stream_id === 'video-interview-oestjylland:MIG-VA-2' && e.stream_version === 1);
    movedFirst.data = { ...movedFirst.data, policeDistrict: 'nordsjaelland' };

    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await new VideoInterviewTenantScopedIds1765100000100().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    expect(await everyEvent()).toEqual(before.events);
    expect(await table('video_interviews', 'police_district, interview_id')).toEqual(before.interviews);
    expect(await table('video_interview_revisions', 'police_district, interview_id, revision')).toEqual(before.revisions);
    expect(await table('command_idempotency', 'idempotency_key')).toEqual(before.keys);
    expect(await reads()).toEqual(before.answers);

    const next = await police().post('/v1/video-interviews', interview('MIG-VA-1', 'oestjylland', { conductedAt: '2025-03-10', reinterview: true }));
    expect(next.body).toMatchObject({ revision: 3 });
    expect(await eventsOf(db, 'video-interview-oestjylland:MIG-VA-1')).toEqual(['VideoInterviewRecorded', 'VideoInterviewCorrected', 'ChildReleasedByPolice', 'VideoInterviewCorrected']);
  });
});
