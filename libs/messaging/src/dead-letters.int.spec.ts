import { deadLetterTopicOf, ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { readAllMessages, uniqueNamespace } from '@sagsspor/testing';
import type { Kafka } from 'kafkajs';
import { toKafkaMessage } from './cloudevents';
import { readDeadLetters, replayDeadLetters } from './dead-letters';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';

describe('dead-letter replay on real Kafka', () => {
  let kafka: Kafka;
  let topic: string;

  beforeAll(async () => {
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'dlq-test' });
    topic = qualifiedTopic({ topicNamespace: uniqueNamespace('dlq') }, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [topic, deadLetterTopicOf(topic)].map((name) => ({ name, partitions: 1 })));
    const producer = kafka.producer();
    await producer.connect();
    const letter = (id: string, code: string) => {
      const original = toKafkaMessage({ id, type: ExaminationPerformedV1.type, source: ExaminationPerformedV1.source, time: '2025-01-02T10:00:00Z', partitionKey: `examination-${id}`, data: ExaminationPerformedV1.example });
      return { ...original, headers: { ...original.headers, dlq_error_code: code, dlq_error_message: `failed: ${code}`, dlq_original_topic: topic, dlq_consumer_group: 'g', dlq_original_offset: '7' } };
    };
    await producer.send({ topic: deadLetterTopicOf(topic), messages: [letter('a', 'CASE.UNKNOWN'), letter('b', 'MESSAGING.SCHEMA_VIOLATION')] });
    await producer.disconnect();
  });

  it('lists the dead letters with their reasons', async () => {
    const letters = await readDeadLetters(kafka, topic);
    expect(letters.map((l) => [l.key, l.errorCode, l.errorMessage, l.eventType])).toEqual([
      ['examination-a', 'CASE.UNKNOWN', 'failed: CASE.UNKNOWN', ExaminationPerformedV1.type],
      ['examination-b', 'MESSAGING.SCHEMA_VIOLATION', 'failed: MESSAGING.SCHEMA_VIOLATION', ExaminationPerformedV1.type],
    ]);
  });

  it('replays the chosen ones onto the original topic, unchanged and without the dlq headers', async () => {
    const replayed = await replayDeadLetters(kafka, topic, (l) => l.errorCode === 'CASE.UNKNOWN');
    expect(replayed.map((l) => l.key)).toEqual(['examination-a']);
    const [message] = await readAllMessages(kafka, topic, 1);
    expect(message.key!.toString()).toBe('examination-a');
    expect(Object.keys(message.headers!).filter((h) => h.startsWith('dlq_'))).toEqual([]);
    expect(message.headers!.ce_id!.toString()).toBe('a');
    expect(JSON.parse(message.value!.toString())).toEqual(ExaminationPerformedV1.example);
  });
});
