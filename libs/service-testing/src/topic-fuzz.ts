import { type IntegrationEventDefinition, integrationEventCatalog } from '@sagsspor/contracts';
import { createKafka, headerText, qualifiedTopic, readDeadLetters, toKafkaMessage } from '@sagsspor/messaging';
import { CONSUMER_REGISTRATIONS, type ConsumerRegistration, type ServiceDefinition } from '@sagsspor/platform';
import { waitFor } from '@sagsspor/testing';
import fc from 'fast-check';
import type { IHeaders, Kafka, Message } from 'kafkajs';
import { bodyArbitrary, type FuzzRun, fuzzRunFromEnvironment } from './fuzz';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

// Property-based fuzzing of the topics a service consumes (docs/reliability.md): random and
// malformed messages (each topic's event examples with fields changed, dropped or added, any JSON,
// text that is not JSON; CloudEvents headers missing, of another type or version, or junk) are
// each handled or dead-lettered, never both: a dead-lettered message left no inbox row, so none of
// the writes that share the inbox row's transaction. And the consumer goes on: its group commits
// past every message.

/** How a fuzzed message's CloudEvents headers are sent. */
const headerVariants = fc.constantFrom('valid', 'valid', 'valid', 'none', 'wrong-type', 'wrong-spec', 'wrong-content-type', 'junk-values', 'no-id');

/** What a topic's consumer made of the fuzzed messages: those it handled (inbox rows) and those it dead-lettered, by event id. */
export interface TopicFuzzOutcome {
  sent: number;
  handled: string[];
  deadLettered: string[];
  /** Ids both handled and dead-lettered: a partial write. Must be empty. */
  both: string[];
}

/** `run.numRuns` random messages for a topic, from the examples of the events published on it; ids start with `idPrefix`. */
export function fuzzMessages(definitions: readonly IntegrationEventDefinition[], run: FuzzRun, idPrefix: string): Message[] {
  const message = fc
    .constantFrom(...definitions)
    .chain((definition) => fc.record({ type: fc.constant(definition.type), body: bodyArbitrary(definition.example), headers: headerVariants, key: fc.option(fc.string({ unit: 'grapheme', maxLength: 120 }), { nil: null }) }));
  return fc.sample(message, { numRuns: run.numRuns, seed: run.seed }).map(({ type, body, headers, key }, i) => {
    const base = toKafkaMessage({ id: `${idPrefix}${i}`, type, source: '/sagsspor/fuzz', time: new Date().toISOString(), partitionKey: key ?? `fuzz-${i}`, data: {} });
    const h = { ...(base.headers as IHeaders) };
    if (headers === 'none') for (const name of Object.keys(h)) delete h[name];
    if (headers === 'no-id') delete h.ce_id;
    if (headers === 'wrong-type') h.ce_type = 'dk.sagsspor.something-else.v1';
    if (headers === 'wrong-spec') h.ce_specversion = '0.3';
    if (headers === 'wrong-content-type') h['content-type'] = 'text/xml';
    if (headers === 'junk-values') Object.assign(h, { ce_time: 'yesterday', ce_source: 'x'.repeat(5000), traceparent: '00-zz-zz-zz' });
    return { key: key === null ? null : base.key, value: 'json' in body ? (JSON.stringify(body.json) ?? 'null') : body.raw, headers: h };
  });
}

/** Messages in batches under the broker's default request size (1 MB): some fuzzed values are large. */
export function batchesOf(messages: Message[], maxBytes = 500_000): Message[][] {
  const batches: Message[][] = [[]];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(String(message.value ?? '')) + 1_000;
    if (bytes + size > maxBytes && batches[batches.length - 1].length > 0) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1].push(message);
    bytes += size;
  }
  return batches;
}

/** Waits until the consumer group has committed past every message on the topic (its end as it is now). */
async function consumedToEnd(kafka: Kafka, groupId: string, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await waitFor(
      async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [],
      // A partition no message went to has nothing to commit: its group offset stays -1.
      (committed) => ends.every((end) => end.high === end.low || Number(committed.find((c) => c.partition === end.partition)?.offset ?? -1) >= Number(end.high)),
      { timeoutMs, intervalMs: 1000, what: `consumer group ${groupId} to commit past every message on ${topic}` },
    );
  } finally {
    await admin.disconnect();
  }
}

/** Sends `run.numRuns` fuzzed messages to one topic the service consumes; returns what its consumer group made of them. */
export async function fuzzTopic(service: ServiceUnderTest, kafka: Kafka, groupId: string, contractTopic: string, run: FuzzRun): Promise<TopicFuzzOutcome> {
  const topic = qualifiedTopic(service.config.kafka, contractTopic);
  const definitions = integrationEventCatalog.filter((d) => d.topic === contractTopic);
  // Base 36: a seed in decimal can read as a CPR number (1003659283: 10 March 1965), and a message
  // whose id holds one is dead-lettered with the id removed (ADR 0094), so it would not be counted.
  const idPrefix = `fuzz-${(run.seed >>> 0).toString(36)}-${Date.now().toString(36)}-`;
  const messages = fuzzMessages(definitions, run, idPrefix);
  // Not idempotent: kafkajs's idempotent producer can fail a fresh topic's many-partition batches with
  // OUT_OF_ORDER_SEQUENCE_NUMBER; a copy of a message from a retried send is fine here (the inbox
  // drops it, or it is dead-lettered twice, which is still never both).
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  await producer.connect();
  for (const batch of batchesOf(messages)) await producer.send({ topic, acks: -1, messages: batch });
  await producer.disconnect();
  await consumedToEnd(kafka, groupId, topic, 60_000 + run.numRuns * 200);

  const inbox: { event_id: string }[] = await service.dataSource.query(`SELECT event_id FROM inbox WHERE consumer_group = $1 AND event_id LIKE $2`, [groupId, `${idPrefix}%`]);
  const handled = inbox.map((r) => r.event_id);
  const deadLettered = (await readDeadLetters(kafka, topic).catch(() => []))
    .map((letter) => headerText(letter.message.headers, 'ce_id'))
    .filter((id): id is string => id?.startsWith(idPrefix) ?? false);
  const dead = new Set(deadLettered);
  return { sent: messages.length, handled, deadLettered, both: handled.filter((id) => dead.has(id)) };
}

/**
 * One test per service: every topic its inbox consumers read (those decoding the contract's
 * CloudEvents; a consumer with its own decoder has its own fuzz test) gets random and malformed
 * messages; each is handled or dead-lettered, never both, and the consumer commits past them all.
 */
export function describeTopicFuzz(definition: ServiceDefinition, options: { numRuns?: number } = {}): void {
  const run = fuzzRunFromEnvironment(options.numRuns ?? 40);
  describe(`${definition.name}: fuzzing every consumed topic (fast-check)`, () => {
    let service: ServiceUnderTest;
    let kafka: Kafka;

    beforeAll(async () => {
      service = await startServiceUnderTest({ serviceName: definition.name, label: `${definition.name.replace(/-/g, '_')}_topic_fuzz`, moduleFor: definition.moduleFor });
      kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: `${definition.name}-topic-fuzz` });
    });
    afterAll(() => service?.drop());

    it(
      'handles or dead-letters every random or malformed message on each consumed topic, never both, and goes on',
      async () => {
        process.stdout.write(`[fuzz] ${definition.name} topics: seed ${run.seed}, ${run.numRuns} messages per topic (replay: FUZZ_SEED=${run.seed} FUZZ_RUNS=${run.numRuns})\n`);
        const registrations = (service.app.get(CONSUMER_REGISTRATIONS) as ConsumerRegistration[]).filter((r) => !r.decode);
        expect(registrations.length).toBeGreaterThan(0);
        const partial: Record<string, string[]> = {};
        for (const registration of registrations) {
          const groupId = qualifiedTopic(service.config.kafka, `sagsspor-${service.config.serviceName}-${registration.name}`);
          for (const topic of registration.topics) {
            const started = Date.now();
            const outcome = await fuzzTopic(service, kafka, groupId, topic, run);
            process.stdout.write(
              `[fuzz] ${definition.name}: topic ${topic}: ${outcome.sent} messages in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcome.handled.length} handled, ${outcome.deadLettered.length} dead-lettered, the rest skipped (a type it does not handle) or dead-lettered without an id\n`,
            );
            if (outcome.both.length > 0) partial[topic] = outcome.both;
            // The fuzzer reaches the dead-letter path on every topic.
            expect(outcome.deadLettered.length).toBeGreaterThan(0);
          }
        }
        expect(partial).toEqual({});
      },
      Math.max(600_000, run.numRuns * 2_000),
    );
  });
}
