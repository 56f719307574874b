import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { encryptCprForTransport } from '@sagsspor/child-identity';
import {
  ChildReleasedByPoliceV1,
  deadLetterTopicOf,
  PoliceVideoInterviewMessageV1,
  Topics,
  validateIntegrationEventData,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  VideoInterviewRequestedV1,
} from '@sagsspor/contracts';
import { containsCpr, cprForms, REDACTED_CPR } from '@sagsspor/domain';
import { createKafka, fromKafkaMessage, qualifiedTopic, readDeadLetters, replayDeadLetters, toKafkaMessage } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, scanForCprs, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import type { JWK } from 'jose';
import type { Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import { SectorCoordinationModule } from '../app.module';

const childCpr = generateCpr('2016-04-02', 'female', 21);
const otherChildCpr = generateCpr('2012-09-30', 'male', 22);
const badCpr = '310218-4021'; // 31 February: no real birth date
const adultCpr = generateCpr('2005-01-01', 'male', 23);
const allCprs = [childCpr, otherChildCpr, badCpr, adultCpr];
// Sent in clear where no CPR may be, as a careless police system would: on the inbound topic, but nowhere the service writes.
const misplacedCpr = generateCpr('2013-08-09', 'male', 24);

const interview = (interviewId: string, changes: Record<string, unknown> = {}) => ({
  interviewId,
  policeDistrict: 'oestjylland',
  childCpr,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  requestedAt: '2025-03-06',
  reinterview: false,
  ...changes,
});

describe('police video interviews over REST and the inbound topic, on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;
  let kafka: Kafka;
  let producer: Producer;
  let inboundTopic: string;
  let publicKey: JWK;
  const police = () => httpAs(service.url, 'police');

  /** What a police system puts on the topic: the CPR encrypted to the key it fetched, key = interviewId. */
  async function policeMessage(fields: Record<string, unknown>, key = String(fields.interviewId)): Promise<Message> {
    const { childCpr: cpr, ...rest } = fields;
    const data = cpr === undefined ? rest : { ...rest, childCprEncrypted: await encryptCprForTransport(String(cpr), publicKey) };
    return { ...toKafkaMessage({ id: randomUUID(), type: PoliceVideoInterviewMessageV1.type, source: '/politi/oestjylland/video-interviews', time: '2025-03-11T15:00:00Z', partitionKey: key, data }), partition: 0 };
  }
  const send = (...messages: Message[]) => producer.send({ topic: inboundTopic, acks: -1, messages });
  const eventsOf = async (interviewId: string) =>
    ((await service.dataSource.query(`SELECT event_type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`video-interview-oestjylland:${interviewId}`])) as { event_type: string }[]).map((e) => e.event_type);
  const handledFromKafka = async () => ((await service.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_type = $1`, [PoliceVideoInterviewMessageV1.type])) as { n: number }[])[0].n;
  const interviewAsSeen = (interviewId: string) => police().get(`/v1/video-interviews/${interviewId}`);

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_video_interviews',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-video-interviews-int' });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    inboundTopic = qualifiedTopic(service.config.kafka, Topics.inboundPoliceVideoInterviews);
    // As an integrator does: the public key from the service, no token needed.
    const jwks = await httpAs(service.url).get('/v1/video-interviews/encryption-key');
    expect(jwks.status).toBe(200);
    publicKey = jwks.body.keys[0];
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.drop();
  });

  it('serves the encryption key as a JWKS with the public half only', async () => {
    expect(publicKey).toEqual({ kty: 'RSA', kid: 'sagsspor-sc-inbound-cpr-development-1', alg: 'RSA-OAEP-256', use: 'enc', n: expect.any(String), e: 'AQAB' });
  });

  it('describes every route in its OpenAPI document, the interview body included', async () => {
    const openapi = (await httpAs(service.url).get('/docs/openapi.json')).body;
    expect(Object.keys(openapi.paths).sort()).toEqual([
      '/v1/admin/audit-log',
      '/v1/admin/child-erasures',
      '/v1/case-conferences',
      '/v1/examinations',
      '/v1/video-interview-requests',
      '/v1/video-interviews',
      '/v1/video-interviews/encryption-key',
      '/v1/video-interviews/{interviewId}',
      '/v1/video-interviews/{interviewId}/release',
      '/v1/video-interviews/{interviewId}/site',
      ...Object.keys(openapi.paths).filter((p: string) => !p.startsWith('/v1/')),
    ].sort());
    const post = openapi.paths['/v1/video-interviews'].post;
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RecordVideoInterviewRequest' });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '422']));
    expect(openapi.components.schemas.RecordVideoInterviewRequest.required.sort()).toEqual(['childCpr', 'conductedAt', 'houseCode', 'interviewId', 'municipalityCode', 'policeDistrict']);
  });

  it('records an interview over REST and flags it against the 7-day target', async () => {
    const posted = await police().post('/v1/video-interviews', interview('INT-VA-1', { conductedAt: '2025-03-14' }));
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({
      interviewId: 'INT-VA-1',
      revision: 1,
      policeDistrict: 'oestjylland',
      childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
      childSex: 'female',
      childAgeYears: 8,
      municipalityCode: '751',
      houseCode: 'midt',
      conductedAt: '2025-03-14',
      reportedToPoliceAt: '2025-03-05',
      requestedAt: '2025-03-06',
      reinterview: false,
      daysFromReport: 9,
      lateAgainstTarget: true,
    });
    expect(await police().post('/v1/video-interviews', interview('INT-VA-1', { conductedAt: '2025-03-14' }))).toMatchObject({ status: 201, body: posted.body });
    expect(await eventsOf('INT-VA-1')).toEqual(['VideoInterviewRecorded']);
  });

  it('takes the same interview sent over REST and then over the topic as one interview', async () => {
    const before = await handledFromKafka();
    expect((await police().post('/v1/video-interviews', interview('INT-VA-2'))).status).toBe(201);
    await send(await policeMessage(interview('INT-VA-2')));
    await waitFor(handledFromKafka, (n) => n > before, { what: 'the inbound message to be handled' });
    expect(await eventsOf('INT-VA-2')).toEqual(['VideoInterviewRecorded']);
    const seen = await interviewAsSeen('INT-VA-2');
    expect(seen.body).toMatchObject({ revision: 1, conductedAt: '2025-03-11', revisions: [{ revision: 1, receivedVia: 'rest', changedFields: [] }] });
    expect(seen.body.revisions).toHaveLength(1);
  });

  it('lets a correction over the topic change the read side, keeping every revision', async () => {
    expect((await police().post('/v1/video-interviews', interview('INT-VA-3'))).status).toBe(201);
    await send(await policeMessage(interview('INT-VA-3', { conductedAt: '2025-03-13', childCpr: otherChildCpr })));
    const corrected = await waitFor(() => interviewAsSeen('INT-VA-3'), (r) => r.body.revision === 2, { what: 'the correction on the read side' });
    expect(corrected.body).toMatchObject({ revision: 2, conductedAt: '2025-03-13', childSex: 'male', childAgeYears: 12, daysFromReport: 8, lateAgainstTarget: true });
    expect(corrected.body.revisions).toEqual([
      expect.objectContaining({ revision: 1, receivedVia: 'rest', changedFields: [], interview: expect.objectContaining({ conductedAt: '2025-03-11', childSex: 'female' }) }),
      expect.objectContaining({
        revision: 2,
        receivedVia: 'kafka',
        changedFields: ['childRef', 'childSex', 'childAgeYears', 'conductedAt', 'daysFromReport', 'lateAgainstTarget'],
        interview: expect.objectContaining({ conductedAt: '2025-03-13' }),
      }),
    ]);
    expect(await eventsOf('INT-VA-3')).toEqual(['VideoInterviewRecorded', 'VideoInterviewCorrected']);
  });

  it('records an interview sent by the documented police example (jose + kafkajs only)', async () => {
    const example = path.join(__dirname, '../../../../docs/examples/police-video-interview-producer.mjs');
    const { stdout } = await promisify(execFile)('node', [example, JSON.stringify(interview('INT-VA-EXAMPLE', { reinterview: true }))], {
      env: { ...process.env, SAGSSPOR_SC_URL: service.url, INBOUND_TOPIC: inboundTopic },
    });
    expect(stdout).toMatch(/sent interview INT-VA-EXAMPLE/);
    const seen = await waitFor(() => interviewAsSeen('INT-VA-EXAMPLE'), (r) => r.status === 200, { what: 'the example interview' });
    expect(seen.body).toMatchObject({ revision: 1, reinterview: true, childSex: 'female', revisions: [{ receivedVia: 'kafka' }] });
  });

  it('dead-letters each malformed inbound message with its reason, and processes the good one after them', async () => {
    const dlqTopic = deadLetterTopicOf(inboundTopic);
    const goodHeaders = (await policeMessage(interview('INT-VA-BAD-JSON'))).headers;
    const { interviewId: _missing, ...withoutId } = interview('INT-VA-NO-ID');
    await send(
      { key: 'INT-VA-BAD-JSON', value: '{"interviewId": "INT-VA-BAD-JSON", ', headers: goodHeaders, partition: 0 },
      await policeMessage(interview('INT-VA-BAD-CPR', { childCpr: badCpr })),
      await policeMessage(interview('INT-VA-ATLANTIS', { policeDistrict: 'atlantis' })),
      await policeMessage(withoutId, 'INT-VA-NO-ID'),
      await policeMessage(interview('INT-VA-ADULT', { childCpr: adultCpr })),
      await policeMessage(interview('INT-VA-GOOD')),
    );
    await waitFor(() => interviewAsSeen('INT-VA-GOOD'), (r) => r.status === 200, { what: 'the good message after the bad ones' });

    const dead = await readAllMessages(kafka, dlqTopic, 5);
    const byKey = new Map(dead.map((m) => [m.key!.toString(), m]));
    const header = (m: KafkaMessage | undefined, name: string) => m?.headers?.[name]?.toString();
    expect([...byKey.keys()].sort()).toEqual(['INT-VA-ADULT', 'INT-VA-ATLANTIS', 'INT-VA-BAD-CPR', 'INT-VA-BAD-JSON', 'INT-VA-NO-ID']);
    expect(header(byKey.get('INT-VA-BAD-JSON'), 'dlq_error_code')).toBe('MESSAGING.MALFORMED_MESSAGE');
    expect(header(byKey.get('INT-VA-BAD-JSON'), 'dlq_error_message')).toMatch(/^value is not valid JSON/);
    expect(header(byKey.get('INT-VA-BAD-CPR'), 'dlq_error_code')).toBe('INBOUND.INVALID_CPR');
    expect(JSON.parse(header(byKey.get('INT-VA-BAD-CPR'), 'dlq_error_fields')!)).toEqual([
      { field: 'childCprEncrypted', message: 'childCprEncrypted (decrypted) must be a CPR number with a real birth date (DDMMYY)' },
    ]);
    expect(header(byKey.get('INT-VA-ATLANTIS'), 'dlq_error_code')).toBe('INBOUND.UNKNOWN_POLICE_DISTRICT');
    expect(header(byKey.get('INT-VA-ATLANTIS'), 'dlq_error_message')).toMatch(/policeDistrict must be a known police district code/);
    expect(header(byKey.get('INT-VA-NO-ID'), 'dlq_error_code')).toBe('INBOUND.MISSING_FIELD');
    expect(JSON.parse(header(byKey.get('INT-VA-NO-ID'), 'dlq_error_fields')!)).toEqual([{ field: 'interviewId', message: 'interviewId is required' }]);
    expect(header(byKey.get('INT-VA-ADULT'), 'dlq_error_code')).toBe('VIDEO_INTERVIEW.NOT_A_CHILD');
    expect(header(byKey.get('INT-VA-ADULT'), 'dlq_error_message')).toMatch(/0-17 years old on conductedAt 2025-03-11/);
    for (const m of dead) {
      expect(header(m, 'dlq_original_topic')).toBe(inboundTopic);
      expect(header(m, 'dlq_attempts')).toMatch(/^[01]$/); // bad data is never retried
    }
    for (const id of ['INT-VA-BAD-CPR', 'INT-VA-ATLANTIS', 'INT-VA-ADULT']) expect(await eventsOf(id)).toEqual([]);
  });

  it('dead-letters a message with a CPR in its key, a header or a field other than childCprEncrypted, redacted: the CPR is in no dead letter, and such a letter is never replayed', async () => {
    const dlqTopic = deadLetterTopicOf(inboundTopic);
    const earlier = new Set((await readDeadLetters(kafka, inboundTopic)).map((l) => `${l.partition}/${l.offset}`));
    const before = earlier.size;
    const forms = cprForms(misplacedCpr);
    const latin1 = forms.filter((form) => /^[\x20-\x7e]*$/.test(form));
    const sent: Message[] = [];
    for (const [i, form] of forms.entries()) {
      const id = `INT-VA-CPR-${i}`;
      sent.push(await policeMessage(interview(`${id}-${form}`)));
      sent.push(await policeMessage(interview(`${id}-FIELD`, { houseCode: form })));
      sent.push({ ...(await policeMessage(interview(`${id}-CLEAR`))), value: JSON.stringify({ ...interview(`${id}-CLEAR`), childCpr: form }) });
      const withHeader = await policeMessage(interview(`${id}-HEADER`));
      sent.push({ ...withHeader, headers: { ...withHeader.headers, ce_id: `ce-${form}`, ...(latin1.includes(form) ? { 'x-police-case': form } : {}) } });
    }
    await send(...sent);
    const letters = await waitFor(() => readDeadLetters(kafka, inboundTopic), (l) => l.length >= before + sent.length, { what: 'every CPR-bearing message to be dead-lettered', timeoutMs: 60_000 });
    const ours = letters.filter((l) => !earlier.has(`${l.partition}/${l.offset}`));
    expect(ours).toHaveLength(sent.length);
    expect(ours.filter((l) => !['INBOUND.CPR_OUTSIDE_CPR_FIELD', 'INBOUND.CLEAR_CPR'].includes(l.errorCode ?? '')).map((l) => `${l.key} ${l.errorCode}`)).toEqual([]);
    expect(ours.filter((l) => l.redacted !== 'cpr').map((l) => l.key)).toEqual([]);
    const text = ours.map((l) => [l.message.key?.toString(), l.message.value?.toString(), ...Object.entries(l.message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`)].join(' '));
    expect(text.filter(containsCpr)).toEqual([]);
    expect(text.join('\n')).toContain(REDACTED_CPR);
    for (const id of sent.map((m) => String(m.key))) expect(await eventsOf(id)).toEqual([]);
    // A redacted letter is not the message as sent: it is never put back on the topic.
    expect((await replayDeadLetters(kafka, inboundTopic, (l) => l.redacted === 'cpr')).length).toBe(0);
    expect((await readAllMessages(kafka, dlqTopic, before + sent.length, 5000)).length).toBe(before + sent.length);
  });

  it('answers bad input over REST with 400 problem+json naming each field, and writes no event', async () => {
    const bad = await police().post('/v1/video-interviews', { ...interview('INT-VA-REST-BAD', { childCpr: badCpr, policeDistrict: 'atlantis', conductedAt: '2025-02-30' }), houseCode: undefined, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'REQUEST.INVALID', status: 400 });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['childCpr', 'conductedAt', 'extra', 'houseCode', 'policeDistrict']);
    expect(bad.text).not.toContain('310218');
    expect(await eventsOf('INT-VA-REST-BAD')).toEqual([]);
  });

  it('answers a rule broken over REST with 422 naming the field, and writes no event', async () => {
    const adult = await police().post('/v1/video-interviews', interview('INT-VA-REST-ADULT', { childCpr: adultCpr }));
    expect(adult).toMatchObject({ status: 422, body: { code: 'VIDEO_INTERVIEW.NOT_A_CHILD', detail: expect.stringMatching(/conductedAt/) } });
    const future = await police().post('/v1/video-interviews', interview('INT-VA-REST-FUTURE', { conductedAt: '2025-06-03' }));
    expect(future).toMatchObject({ status: 422, body: { code: 'VIDEO_INTERVIEW.CONDUCTED_IN_FUTURE' } });
    expect(await eventsOf('INT-VA-REST-ADULT')).toEqual([]);
    expect(await eventsOf('INT-VA-REST-FUTURE')).toEqual([]);
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM video_interviews WHERE interview_id LIKE 'INT-VA-REST-%'`)).toEqual([{ n: 0 }]);
  });

  it('lets only police and admin record, and børnehus staff read only their own house', async () => {
    expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).post('/v1/video-interviews', interview('INT-VA-AUTH'))).status).toBe(403);
    expect((await httpAs(service.url).post('/v1/video-interviews', interview('INT-VA-AUTH'))).status).toBe(401);
    expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).get('/v1/video-interviews/INT-VA-1')).status).toBe(200);
    expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/video-interviews/INT-VA-1')).body.code).toBe('VIDEO_INTERVIEW.NOT_FOUND');
    expect((await police().get('/v1/video-interviews/NO-SUCH')).status).toBe(404);
  });

  it('records a request and a release for the case-lifecycle gate', async () => {
    const requested = await police().post('/v1/video-interview-requests', {
      requestId: 'INT-REQ-1', childCpr, policeDistrict: 'oestjylland', municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06',
    });
    expect(requested).toMatchObject({ status: 201, body: { requestId: 'INT-REQ-1', childRef: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const released = await police().post('/v1/video-interviews/INT-VA-2/release', { releasedAt: '2025-03-12' });
    expect(released).toMatchObject({ status: 200, body: { interviewId: 'INT-VA-2', childRef: requested.body.childRef, releasedAt: '2025-03-12' } });
    expect((await interviewAsSeen('INT-VA-2')).body.releasedAt).toBe('2025-03-12');
    expect(await police().post('/v1/video-interviews/INT-VA-2/release', { releasedAt: '2025-03-13' })).toMatchObject({ status: 409, body: { code: 'VIDEO_INTERVIEW.ALREADY_RELEASED' } });
    expect(await police().post('/v1/video-interviews/NO-SUCH/release', { releasedAt: '2025-03-13' })).toMatchObject({ status: 404, body: { code: 'VIDEO_INTERVIEW.NOT_FOUND' } });
    const badRequest = await police().post('/v1/video-interview-requests', { requestId: 'INT-REQ-2', childCpr: '12345', policeDistrict: 'x', municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' });
    expect(badRequest.status).toBe(400);
    expect(badRequest.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['childCpr', 'policeDistrict']);
  });

  it('publishes the public events, valid against their contracts, keyed by the interview', async () => {
    const topic = qualifiedTopic(service.config.kafka, Topics.sectorCoordinationEvents);
    const published = (await readAllMessages(kafka, topic, 8)).map((m) => ({ key: m.key!.toString(), event: fromKafkaMessage(m) }));
    for (const { event } of published) expect(validateIntegrationEventData(event.type, event.data)).toEqual([]);
    const ofType = (type: string) => published.filter((p) => p.event.type === type);
    expect(ofType(VideoInterviewRecordedV1.type).map((p) => p.key).sort()).toEqual([
      'video-interview-oestjylland:INT-VA-1',
      'video-interview-oestjylland:INT-VA-2',
      'video-interview-oestjylland:INT-VA-3',
      'video-interview-oestjylland:INT-VA-EXAMPLE',
      'video-interview-oestjylland:INT-VA-GOOD',
    ]);
    expect(ofType(VideoInterviewCorrectedV1.type)).toEqual([
      { key: 'video-interview-oestjylland:INT-VA-3', event: expect.objectContaining({ data: expect.objectContaining({ revision: 2, changedFields: expect.arrayContaining(['conductedAt']) }) }) },
    ]);
    expect(ofType(VideoInterviewRequestedV1.type)).toHaveLength(1);
    expect(ofType(ChildReleasedByPoliceV1.type).map((p) => p.event.data)).toEqual([expect.objectContaining({ interviewId: 'INT-VA-2', releasedAt: '2025-03-12' })]);
  });

  it('lets no CPR into any published or dead-lettered message, log line, or table (the sealed child registry included)', async () => {
    const topics = [Topics.sectorCoordinationEvents, Topics.inboundPoliceVideoInterviews].map((t) => qualifiedTopic(service.config.kafka, t));
    const messages = (await Promise.all([...topics, ...topics.map(deadLetterTopicOf)].map((t) => readAllMessages(kafka, t, 1, 5000)))).flat();
    expect(messages.length).toBeGreaterThan(10);
    const texts = messages.map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString() : v))}`);
    const tables: { table_name: string }[] = await service.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['events', 'inbox', 'video_interviews', 'video_interview_revisions', 'known_cases', 'command_idempotency']));
    for (const { table_name } of tables) {
      const rows: { row: string }[] = await service.dataSource.query(`SELECT t::text AS row FROM "${table_name}" t`);
      texts.push(...rows.map((r) => `${table_name}: ${r.row}`));
    }
    expect(service.logs.length).toBeGreaterThan(0);
    texts.push(...service.logs);
    for (const cpr of allCprs) {
      for (const form of cprForms(cpr)) {
        expect(texts.filter((t) => t.includes(form))).toEqual([]);
      }
    }
    // And no CPR of any child, in any form, as the detector reads them: every table, every topic
    // the service writes (the inbound topic holds what this test sent as a police system), every log line.
    const { findings, scanned } = await scanForCprs(service, { skipTopics: [qualifiedTopic(service.config.kafka, Topics.inboundPoliceVideoInterviews)] });
    expect(scanned.messages[deadLetterTopicOf(qualifiedTopic(service.config.kafka, Topics.inboundPoliceVideoInterviews))]).toBeGreaterThan(100);
    expect(findings).toEqual([]);
    // The child registry holds the children it was given, sealed.
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM child_registry`)).toEqual([{ n: 2 }]);
  });
});
