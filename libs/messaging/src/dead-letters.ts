import { deadLetterTopicOf } from '@sagsspor/contracts';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { headerText } from './cloudevents';
import { DLQ_REDACTED } from './consumer';

/** A message on a dead-letter topic, with the reason it was put there. */
export interface DeadLetter {
  partition: number;
  offset: string;
  key?: string;
  errorCode?: string;
  errorMessage?: string;
  consumerGroup?: string;
  failedAt?: string;
  /** `cpr` when CPR numbers were removed from the letter (`dlq_redacted`): the sender must send it again; it is never replayed. */
  redacted?: string;
  originalTopic?: string;
  originalOffset?: string;
  eventType?: string;
  message: KafkaMessage;
}

/** Reads every message on the dead-letter topic of `topic` (from the beginning up to now). */
export async function readDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const dlq = deadLetterTopicOf(topic);
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; high: string; low: string }[];
  try {
    ends = await admin.fetchTopicOffsets(dlq);
  } catch (error) {
    const e = error as { type?: string; cause?: { type?: string } };
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION' || e.cause?.type === 'UNKNOWN_TOPIC_OR_PARTITION' || /does not host this topic-partition/.test(String(error))) {
      throw new Error(`there is no topic ${dlq} (check the topic name and KAFKA_TOPIC_NAMESPACE)`, { cause: error });
    }
    throw error;
  } finally {
    await admin.disconnect();
  }
  const messages = await readToEnd(kafka, dlq, ends, 'sagsspor-dlq-reader');
  return messages.map(({ partition, message }) => {
    const h = (name: string) => headerText(message.headers, name);
    return {
      partition,
      offset: message.offset,
      key: message.key?.toString(),
      errorCode: h('dlq_error_code'),
      errorMessage: h('dlq_error_message'),
      consumerGroup: h('dlq_consumer_group'),
      failedAt: h('dlq_failed_at'),
      redacted: h(DLQ_REDACTED),
      originalTopic: h('dlq_original_topic'),
      originalOffset: h('dlq_original_offset'),
      eventType: h('ce_type'),
      message,
    };
  });
}

/** Every message on a topic (already qualified) from its beginning up to its end as it is now, ordered by partition and offset. */
export async function readTopicToEnd(kafka: Kafka, topic: string, groupPrefix = 'sagsspor-topic-reader'): Promise<{ partition: number; message: KafkaMessage }[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await readToEnd(kafka, topic, await admin.fetchTopicOffsets(topic), groupPrefix);
  } finally {
    await admin.disconnect();
  }
}

async function readToEnd(kafka: Kafka, topic: string, ends: { partition: number; high: string; low: string }[], groupPrefix: string): Promise<{ partition: number; message: KafkaMessage }[]> {
  const remaining = new Map(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]));
  if (remaining.size === 0) return [];
  const messages: { partition: number; message: KafkaMessage }[] = [];
  const consumer = kafka.consumer({ groupId: `${groupPrefix}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`could not read ${topic} to its end within 60 s`)), 60_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            messages.push({ partition, message });
            if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n)) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
}

/** The original headers of a dead letter: everything but the dlq_* headers the consumer added. */
export function originalHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !name.startsWith('dlq_')));
}

/**
 * Puts dead letters back on their original topic, unchanged (key, value, original headers), after the
 * cause was fixed (a bug deployed away, reference data added). Consumers deduplicate on ce_id, so a
 * letter that was in fact handled meanwhile has no second effect. A letter whose CPR numbers were
 * removed (`redacted`) is not the message as sent and is never replayed. Returns what was replayed.
 */
export async function replayDeadLetters(kafka: Kafka, topic: string, choose: (letter: DeadLetter) => boolean = () => true): Promise<DeadLetter[]> {
  const chosen = (await readDeadLetters(kafka, topic)).filter((letter) => !letter.redacted && choose(letter));
  if (chosen.length === 0) return [];
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: chosen.map((l) => ({ key: l.message.key, value: l.message.value, headers: originalHeaders(l.message.headers) })),
    });
  } finally {
    await producer.disconnect();
  }
  return chosen;
}
