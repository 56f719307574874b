import { deadLetterTopicOf, subscriptions, Topics } from '@sagsspor/contracts';
import { createKafka, type DeadLetter, qualifiedTopic, readDeadLetters, readTopicToEnd } from '@sagsspor/messaging';
import type { Kafka, KafkaMessage, Message } from 'kafkajs';
import type { RunningPlatform } from './platform';

// Kafka-side faults for the reliability suite: copies of published events sent again out of
// order, and poison messages on every consumed topic; and the checks that go with them (consumer
// lag, dead letters).

export const consumedTopics = [...new Set(subscriptions.map((s) => s.topic))];

/** The consumer groups (as the services name them) that read each topic. */
export function groupsOf(platform: RunningPlatform, topic: string): string[] {
  return [...new Set(subscriptions.filter((s) => s.topic === topic).map((s) => qualifiedTopic({ topicNamespace: platform.namespace }, `sagsspor-${s.service}-${s.consumer}`)))];
}

export const kafkaOf = (platform: RunningPlatform): Kafka => createKafka({ brokers: [platform.kafkaBrokers], clientId: `faults-${platform.namespace}` });

/** Waits until every consumer group of every consumed topic has committed up to the topic's end. */
export async function waitForConsumersToCatchUp(platform: RunningPlatform, kafka: Kafka, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const behind: string[] = [];
      for (const logical of consumedTopics) {
        const topic = qualifiedTopic({ topicNamespace: platform.namespace }, logical);
        const high = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
        for (const groupId of groupsOf(platform, logical)) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const p of committed.partitions) {
            const end = high.get(p.partition) ?? 0n;
            const at = BigInt(p.offset === '-1' ? 0 : p.offset);
            if (at < end) behind.push(`${groupId} ${topic}[${p.partition}] ${at}/${end}`);
          }
        }
      }
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`consumers still behind after ${timeoutMs} ms: ${behind.join(', ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Every message on a topic up to its current end. */
export async function readTopic(kafka: Kafka, topic: string): Promise<KafkaMessage[]> {
  return (await readTopicToEnd(kafka, topic, 'faults-reader')).map(({ message }) => message);
}

/** A deterministic shuffle (so a failure can be reproduced). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Sends copies of the events already published on the services' event topics back onto them,
 * shuffled (so later events arrive before earlier ones, and each one twice overall). Returns how
 * many copies were sent per topic.
 */
export async function redeliverOutOfOrder(platform: RunningPlatform, kafka: Kafka, seed = 7): Promise<Record<string, number>> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sent: Record<string, number> = {};
  try {
    for (const logical of [Topics.referralsEvents, Topics.caseLifecycleEvents, Topics.sectorCoordinationEvents]) {
      const topic = qualifiedTopic({ topicNamespace: platform.namespace }, logical);
      const copies = shuffled(await readTopic(kafka, topic), seed);
      const messages: Message[] = copies.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
      for (let i = 0; i < messages.length; i += 200) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 200) });
      sent[logical] = messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

export interface Poison {
  topic: string;
  key: string;
  what: string;
}

/**
 * Poison on every consumed topic: a value that is not JSON, a message without CloudEvents headers,
 * and a known event type whose data breaks its schema (on the police topic: a key that is not the
 * interviewId). Each key is unique, so the dead letters can be matched one by one.
 */
export async function sendPoison(platform: RunningPlatform, kafka: Kafka, label: string): Promise<Poison[]> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const poison: Poison[] = [];
  try {
    for (const logical of consumedTopics) {
      const topic = qualifiedTopic({ topicNamespace: platform.namespace }, logical);
      const type = subscriptions.find((s) => s.topic === logical)!.eventTypes[0];
      const ce = (id: string) => ({ ce_specversion: '1.0', ce_id: id, ce_type: type, ce_source: '/faults', ce_time: new Date().toISOString(), 'content-type': 'application/json' });
      const messages: (Message & { key: string; what: string })[] = [
        { key: `${label}-not-json`, what: 'value is not JSON', value: '{"interviewId": "trunc', headers: ce(`${label}-not-json`) },
        { key: `${label}-no-headers`, what: 'no CloudEvents headers', value: JSON.stringify({ referralId: 'X', caseId: 'Y' }), headers: {} },
        logical === Topics.inboundPoliceVideoInterviews
          ? { key: `${label}-wrong-key`, what: 'key is not the interviewId', value: JSON.stringify({ interviewId: 'SOMETHING-ELSE', conductedAt: 'yesterday' }), headers: ce(`${label}-wrong-key`) }
          : { key: `${label}-bad-data`, what: `${type} with data that breaks its schema`, value: JSON.stringify({ caseId: 42, '\u0000': '🙂'.repeat(100) }), headers: ce(`${label}-bad-data`) },
      ];
      await producer.send({ topic, acks: -1, messages: messages.map(({ what: _what, ...m }) => m) });
      poison.push(...messages.map((m) => ({ topic: logical, key: m.key, what: m.what })));
    }
  } finally {
    await producer.disconnect();
  }
  return poison;
}

/** Every dead letter of every consumed topic ([] where no dead-letter topic exists yet). */
export async function allDeadLetters(platform: RunningPlatform, kafka: Kafka): Promise<(DeadLetter & { topic: string })[]> {
  const letters: (DeadLetter & { topic: string })[] = [];
  for (const logical of consumedTopics) {
    const topic = qualifiedTopic({ topicNamespace: platform.namespace }, logical);
    try {
      letters.push(...(await readDeadLetters(kafka, topic)).map((l) => ({ ...l, topic: logical })));
    } catch (error) {
      if (!/there is no topic/.test(String(error))) throw error;
    }
  }
  return letters;
}

/** One line per dead letter: topic, key, consumer group (the namespace cut off). */
export const deadLetterLines = (platform: RunningPlatform, letters: (DeadLetter & { topic: string })[]) =>
  letters.map((l) => `${l.topic} ${l.key} ${l.consumerGroup?.replace(`${platform.namespace}.`, '')}`).sort();

export { deadLetterTopicOf };
