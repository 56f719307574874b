import { deadLetterTopicOf, ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { migratedTestDataSource, readAllMessages, uniqueNamespace, waitFor } from '@sagsspor/testing';
import type { Kafka, Producer } from 'kafkajs';
import { toKafkaMessage } from './cloudevents';
import { InboxConsumer, InvalidMessageError } from './consumer';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';
import { MessagingSchema1763900000001 } from './schema.migration';

const caseId = '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77';
const examination = (examinationId: string, performedAt = '2025-01-02') => ({ examinationId, caseId, kind: 'forensic', performedAt });
const cloudEvent = (id: string, data: unknown) =>
  toKafkaMessage({ id, type: ExaminationPerformedV1.type, source: ExaminationPerformedV1.source, time: '2025-01-02T10:00:00Z', partitionKey: 'same-partition', data });

describe('InboxConsumer on real Kafka and PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: InboxConsumer;
  let topic: string;
  let dlqTopic: string;

  const effects = async () => ((await db.dataSource.query('SELECT examination_id FROM effects ORDER BY seq')) as { examination_id: string }[]).map((r) => r.examination_id);

  beforeAll(async () => {
    db = await migratedTestDataSource('consumer', [MessagingSchema1763900000001]);
    await db.dataSource.query('CREATE TABLE effects (seq serial PRIMARY KEY, examination_id text NOT NULL)');
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'consumer-test' });
    const settings = { topicNamespace: uniqueNamespace('consumer') };
    topic = qualifiedTopic(settings, Topics.sectorCoordinationEvents);
    dlqTopic = deadLetterTopicOf(topic);
    await ensureTopics(kafka, [topic, dlqTopic].map((name) => ({ name, partitions: 1 })));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    consumer = new InboxConsumer({
      groupId: 'consumer-test',
      topics: [Topics.sectorCoordinationEvents],
      kafka,
      settings,
      dataSource: db.dataSource,
      handlers: {
        [ExaminationPerformedV1.type]: async (event, { manager }) => {
          const data = event.data as { examinationId: string; performedAt: string };
          await manager.query('INSERT INTO effects (examination_id) VALUES ($1)', [data.examinationId]);
          if (data.examinationId.startsWith('poison')) throw new Error('the handler cannot cope with this one');
          if (data.examinationId.startsWith('invalid')) {
            throw new InvalidMessageError('TEST.INVALID_FIELD', 'performedAt is not acceptable', [{ field: 'performedAt', message: 'performedAt is not acceptable' }]);
          }
        },
      },
    });
    await consumer.start();
  });
  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await db.close();
  });

  it('gives the same event delivered twice one effect', async () => {
    await producer.send({ topic, messages: [cloudEvent('11111111-0000-4000-8000-000000000001', examination('twice')), cloudEvent('11111111-0000-4000-8000-000000000001', examination('twice'))] });
    await producer.send({ topic, messages: [cloudEvent('11111111-0000-4000-8000-000000000002', examination('after-twice'))] });
    await waitFor(effects, (e) => e.includes('after-twice'), { what: 'the message after the duplicate' });
    expect((await effects()).filter((e) => e === 'twice')).toHaveLength(1);
  });

  it('sends a poison message to the DLQ with its error after bounded retries, writes none of its effect, and keeps the partition flowing', async () => {
    await producer.send({ topic, messages: [cloudEvent('22222222-0000-4000-8000-000000000001', examination('poison-1')), cloudEvent('22222222-0000-4000-8000-000000000002', examination('next-after-poison'))] });
    await waitFor(effects, (e) => e.includes('next-after-poison'), { what: 'the message after the poison one' });
    expect(await effects()).not.toContain('poison-1'); // each failed attempt rolled back
    const dead = (await readAllMessages(kafka, dlqTopic, 1)).find((m) => m.headers!.ce_id!.toString() === '22222222-0000-4000-8000-000000000001');
    expect(dead).toBeDefined();
    expect(dead!.headers!.dlq_error_message!.toString()).toBe('the handler cannot cope with this one');
    expect(dead!.headers!.dlq_error_code!.toString()).toBe('MESSAGING.HANDLER_FAILED');
    expect(dead!.headers!.dlq_attempts!.toString()).toBe('3');
    expect(dead!.headers!.dlq_original_topic!.toString()).toBe(topic);
    expect(JSON.parse(dead!.value!.toString())).toEqual(examination('poison-1'));
  });

  it('sends malformed messages straight to the DLQ with a reason, and carries on', async () => {
    await producer.send({
      topic,
      messages: [
        { key: 'same-partition', value: 'not json at all', headers: { ...cloudEvent('33333333-0000-4000-8000-000000000001', {}).headers } },
        { key: 'same-partition', value: JSON.stringify(examination('no-headers')) },
        cloudEvent('33333333-0000-4000-8000-000000000003', { ...examination('bad-schema'), childCpr: '010118-4002', kind: 'psychic' }),
        cloudEvent('33333333-0000-4000-8000-000000000004', examination('good-after-malformed')),
      ],
    });
    await waitFor(effects, (e) => e.includes('good-after-malformed'), { what: 'the good message after three malformed ones' });
    expect(await effects()).not.toContain('bad-schema');
    const dead = await readAllMessages(kafka, dlqTopic, 4);
    const codes = dead.map((m) => m.headers!.dlq_error_code!.toString());
    expect(codes.filter((c) => c === 'MESSAGING.MALFORMED_MESSAGE')).toHaveLength(2);
    const schema = dead.find((m) => m.headers!.dlq_error_code!.toString() === 'MESSAGING.SCHEMA_VIOLATION')!;
    expect(schema.headers!.dlq_error_message!.toString()).toMatch(/additional properties|\/kind/);
    const notJson = dead.find((m) => m.value!.toString() === 'not json at all')!;
    expect(notJson.headers!.dlq_error_message!.toString()).toMatch(/not valid JSON/);
  });

  it('dead-letters an invalid message at once with its code and the bad fields as JSON, and carries on', async () => {
    await producer.send({ topic, messages: [cloudEvent('44444444-0000-4000-8000-000000000001', examination('invalid-1')), cloudEvent('44444444-0000-4000-8000-000000000002', examination('good-after-invalid'))] });
    await waitFor(effects, (e) => e.includes('good-after-invalid'), { what: 'the message after the invalid one' });
    expect(await effects()).not.toContain('invalid-1');
    const dead = (await readAllMessages(kafka, dlqTopic, 5)).find((m) => m.headers?.ce_id?.toString() === '44444444-0000-4000-8000-000000000001')!;
    expect(dead.headers!.dlq_error_code!.toString()).toBe('TEST.INVALID_FIELD');
    expect(dead.headers!.dlq_attempts!.toString()).toBe('1');
    expect(JSON.parse(dead.headers!.dlq_error_fields!.toString())).toEqual([{ field: 'performedAt', message: 'performedAt is not acceptable' }]);
  });
});
