import { ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { EventStoreSchema1763900000000, PostgresEventStore, type RecordedEvent } from '@sagsspor/event-store';
import { migratedTestDataSource, privateKafka, readAllMessages, uniqueNamespace, waitFor } from '@sagsspor/testing';
import { InboxConsumer } from './consumer';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';
import { Relay } from './relay';
import { MessagingSchema1763900000001 } from './schema.migration';

// Stops and restarts a broker of its own (not the shared one the other tests use).
const broker = privateKafka(Number(process.env.SAGSSPOR_TEST_PRIVATE_KAFKA_PORT ?? 19092));

const toPublicEvents = (event: RecordedEvent) => [
  { definition: ExaminationPerformedV1, data: { examinationId: event.streamId, caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', kind: 'forensic', performedAt: '2025-01-02' } },
];
const performed = { type: 'ExaminationPerformed', data: {} };

describe('Kafka outage', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;

  beforeAll(async () => {
    broker.start();
    db = await migratedTestDataSource('kafka_outage', [EventStoreSchema1763900000000, MessagingSchema1763900000001]);
    await db.dataSource.query('CREATE TABLE projected (examination_id text NOT NULL)');
  });
  afterAll(async () => {
    await db.close();
    broker.stop();
  });

  it('keeps events in PostgreSQL while Kafka is down; after it restarts all arrive, none lost, none projected twice', async () => {
    const kafka = createKafka({ brokers: [broker.brokers], clientId: 'outage-test' });
    const settings = { topicNamespace: uniqueNamespace('outage') };
    const topic = qualifiedTopic(settings, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [{ name: topic, partitions: 3 }]);
    const store = new PostgresEventStore(db.dataSource);
    const relay = new Relay({ name: 'outage', dataSource: db.dataSource, eventStore: store, kafka, settings, toPublicEvents, pollIntervalMs: 50, maxBackoffMs: 1000 });
    const consumer = new InboxConsumer({
      groupId: 'outage-projection',
      topics: [Topics.sectorCoordinationEvents],
      kafka,
      settings,
      dataSource: db.dataSource,
      handlers: {
        [ExaminationPerformedV1.type]: async (event, { manager }) => {
          await manager.query('INSERT INTO projected (examination_id) VALUES ($1)', [(event.data as { examinationId: string }).examinationId]);
        },
      },
    });
    relay.start();
    try {
      for (let i = 0; i < 5; i++) await store.appendToStream(`before-${i}`, 'no-stream', [performed]);
      await waitFor(() => relay.oldestUnpublishedAgeSeconds(), (age) => age === 0, { what: 'the first events to be published' });

      broker.stop();
      for (let i = 0; i < 20; i++) await store.appendToStream(`during-${i}`, 'no-stream', [performed]);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await relay.oldestUnpublishedAgeSeconds()).toBeGreaterThan(0); // they wait in PostgreSQL

      broker.start();
      await waitFor(() => relay.oldestUnpublishedAgeSeconds(), (age) => age === 0, { timeoutMs: 90000, what: 'the relay to catch up after Kafka came back' });
      const keys = (await readAllMessages(kafka, topic, 25, 60000)).map((m) => m.key!.toString());
      expect(new Set(keys).size).toBe(25); // none lost (a re-sent batch may repeat some on the topic)

      await consumer.start();
      const rows = await waitFor(
        () => db.dataSource.query('SELECT examination_id FROM projected') as Promise<{ examination_id: string }[]>,
        (r) => r.length >= 25,
        { timeoutMs: 60000, what: 'the projection to see all 25' },
      );
      await new Promise((r) => setTimeout(r, 1000));
      const final: { examination_id: string }[] = await db.dataSource.query('SELECT examination_id FROM projected');
      expect(final).toHaveLength(25);
      expect(new Set(final.map((r) => r.examination_id)).size).toBe(25);
      expect(rows.length).toBe(25);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  }, 300000);
});
