import { encryptCprForTransport } from '@sagsspor/child-identity';
import { PoliceVideoInterviewMessageV1, Topics } from '@sagsspor/contracts';
import { createKafka, qualifiedTopic, readDeadLetters, toKafkaMessage } from '@sagsspor/messaging';
import { batchesOf, bodyArbitrary, describeFuzz, describeTopicFuzz, type FuzzBody, fuzzRunFromEnvironment, httpAs, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import fc from 'fast-check';
import type { JWK } from 'jose';
import type { IHeaders, Message } from 'kafkajs';
import { SectorCoordinationModule } from './app.module';
import { sectorCoordinationService } from './service';

// Random and malformed requests to every POST of sector-coordination (docs/reliability.md): never
// a 5xx, and the event store changes only on a 2xx.
describeFuzz(sectorCoordinationService, {
  numRuns: 60,
  bodiesCheckedElsewhere: { 'POST /v1/video-interviews': 'validateVideoInterviewInput, the one check shared with the inbound topic (bounded ids and closed sets, unit-tested)' },
  pathValues: async (service) => {
    const posted = await httpAs(service.url, 'police').post('/v1/video-interviews', {
      interviewId: 'FUZZ-VA-1',
      policeDistrict: 'oestjylland',
      childCpr: generateCpr('2015-02-03', 'male', 77),
      municipalityCode: '751',
      houseCode: 'midt',
      conductedAt: '2025-03-11',
    });
    expect(posted.status).toBe(201);
    return { interviewId: 'FUZZ-VA-1' };
  },
});

// The case-lifecycle events it keeps its known cases from, fuzzed like every consumed topic.
describeTopicFuzz(sectorCoordinationService);

// The inbound police topic, fuzzed the same way (with its own decoder: the CPR arrives encrypted): each message is either recorded (its interview's
// stream exists) or dead-lettered with its reason, never both, never neither, and the consumer goes on.
describe('sector-coordination: fuzzing the inbound police topic (fast-check)', () => {
  const run = fuzzRunFromEnvironment(80);
  let service: ServiceUnderTest;
  let publicKey: JWK;

  beforeAll(async () => {
    service = await startServiceUnderTest({ serviceName: 'sector-coordination', label: 'sc_fuzz_inbound', moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o) });
    publicKey = (await httpAs(service.url).get('/v1/video-interviews/encryption-key')).body.keys[0];
  });
  afterAll(() => service?.drop());

  it('every random or malformed message is recorded or dead-lettered, exactly one of the two', async () => {
    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-fuzz-inbound' });
    const topic = qualifiedTopic(service.config.kafka, Topics.inboundPoliceVideoInterviews);
    const valid = { ...PoliceVideoInterviewMessageV1.example, childCprEncrypted: await encryptCprForTransport(generateCpr('2016-01-02', 'female', 5), publicKey) };
    const headerVariants = fc.constantFrom<'valid' | 'none' | 'wrong-type' | 'wrong-spec' | 'wrong-content-type'>('valid', 'valid', 'valid', 'none', 'wrong-type', 'wrong-spec', 'wrong-content-type');
    process.stdout.write(`[fuzz] sector-coordination: inbound police topic: seed ${run.seed}, ${run.numRuns} messages (replay: FUZZ_SEED=${run.seed} FUZZ_RUNS=${run.numRuns})\n`);
    // Half of the bodies are the valid message itself: with any seed, some reach the command.
    const samples = fc.sample(fc.record({ body: fc.oneof(fc.constant<FuzzBody>({ json: valid }), bodyArbitrary(valid)), headers: headerVariants, keyIsId: fc.boolean() }), { numRuns: run.numRuns, seed: run.seed });
    const messages: Message[] = samples.map(({ body, headers, keyIsId }, i) => {
      const key = `FUZZ-IN-${i}`;
      // Mostly the interviewId is the key (else the message is refused for that alone).
      const json = 'json' in body && body.json && typeof body.json === 'object' && !Array.isArray(body.json) && keyIsId ? { ...(body.json as object), interviewId: key } : 'json' in body ? body.json : undefined;
      const value = 'json' in body ? (JSON.stringify(json) ?? 'null') : body.raw;
      const base = toKafkaMessage({ id: `fuzz-${i}`, type: PoliceVideoInterviewMessageV1.type, source: '/politi/fuzz', time: '2025-03-11T15:00:00Z', partitionKey: key, data: {} });
      const h = { ...(base.headers as IHeaders) };
      if (headers === 'none') for (const name of Object.keys(h)) delete h[name];
      if (headers === 'wrong-type') h.ce_type = 'dk.politi.something-else.v1';
      if (headers === 'wrong-spec') h.ce_specversion = '0.3';
      if (headers === 'wrong-content-type') h['content-type'] = 'text/xml';
      return { key, value, headers: h };
    });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const batch of batchesOf(messages)) await producer.send({ topic, acks: -1, messages: batch });
    await producer.disconnect();

    const recorded = async () =>
      new Set(((await service.dataSource.query(`SELECT DISTINCT substring(stream_id from ':(.*)$') AS id FROM events WHERE stream_id ~ '^video-interview-[a-z-]+:FUZZ-IN-'`)) as { id: string }[]).map((r) => r.id));
    const settled = await waitFor(
      async () => ({ recorded: await recorded(), dead: new Set((await readDeadLetters(kafka, topic).catch(() => [])).map((l) => l.key!)) }),
      ({ recorded, dead }) => recorded.size + dead.size >= messages.length,
      { timeoutMs: 60000 + run.numRuns * 200, intervalMs: 1000, what: 'every fuzzed message to be recorded or dead-lettered' },
    );
    const keys = messages.map((m) => String(m.key));
    expect(keys.filter((k) => settled.recorded.has(k) && settled.dead.has(k))).toEqual([]);
    expect(keys.filter((k) => !settled.recorded.has(k) && !settled.dead.has(k))).toEqual([]);
    expect(settled.recorded.size).toBeGreaterThan(0); // some were valid: the fuzzer reaches the command
    expect(settled.dead.size).toBeGreaterThan(0);
  }, Math.max(180_000, run.numRuns * 2_000));
});
