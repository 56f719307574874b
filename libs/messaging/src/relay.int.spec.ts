import { ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { EventStoreSchema1763900000000, PostgresEventStore, type RecordedEvent, START_OF_LOG } from '@sagsspor/event-store';
import { migratedTestDataSource, readAllMessages, uniqueNamespace, waitFor } from '@sagsspor/testing';
import { Kafka as CloudEventsKafka } from 'cloudevents';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';
import { Relay, type RelayOptions } from './relay';
import { MessagingSchema1763900000001 } from './schema.migration';

const toPublicEvents = (event: RecordedEvent) => [
  { definition: ExaminationPerformedV1, data: { ...(event.data as object), examinationId: event.streamId }, subject: event.streamId },
];
const performed = (n: number) => ({ type: 'ExaminationPerformed', data: { caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', kind: 'forensic', performedAt: `2025-01-${String((n % 28) + 1).padStart(2, '0')}` } });

describe('Relay to real Kafka', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let store: PostgresEventStore;
  let kafka: Kafka;

  beforeEach(async () => {
    db = await migratedTestDataSource('relay', [EventStoreSchema1763900000000, MessagingSchema1763900000001]);
    store = new PostgresEventStore(db.dataSource);
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'relay-test' });
  });
  afterEach(() => db.close());

  function relayFor(namespace: string, more: Partial<RelayOptions> = {}) {
    return new Relay({ name: 'test', dataSource: db.dataSource, eventStore: store, kafka, settings: { topicNamespace: namespace }, toPublicEvents, pollIntervalMs: 50, maxBackoffMs: 500, ...more });
  }

  it('publishes CloudEvents in binary mode that the official SDK decodes, keyed by stream id', async () => {
    const namespace = uniqueNamespace('relay-ce');
    await store.appendToStream('examination-EX-1', 'no-stream', [performed(1)], { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const relay = relayFor(namespace);
    expect(await waitFor(() => relay.publishNextBatch(), (published) => published > 0, { what: 'the relay to see the event' })).toBe(1);
    await relay.stop();
    const [message] = await readAllMessages(kafka, qualifiedTopic({ topicNamespace: namespace }, Topics.sectorCoordinationEvents), 1);
    const [recorded] = await store.readStream('examination-EX-1');
    const decoded = CloudEventsKafka.toEvent({ key: message.key!.toString(), value: message.value, headers: Object.fromEntries(Object.entries(message.headers!).map(([k, v]) => [k, v!.toString()])), timestamp: message.timestamp } as never) as { id: string; type: string; source: string; subject: string; specversion: string; data: unknown; validate: () => boolean };
    expect(decoded.validate()).toBe(true);
    expect(decoded).toMatchObject({ id: recorded.eventId, type: ExaminationPerformedV1.type, source: ExaminationPerformedV1.source, subject: 'examination-EX-1', specversion: '1.0' });
    expect(decoded.data).toEqual({ caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', kind: 'forensic', performedAt: '2025-01-02', examinationId: 'examination-EX-1' });
    expect(message.key!.toString()).toBe('examination-EX-1');
    expect(message.headers!.traceparent!.toString()).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('publishes in commit order even when transactions commit in the opposite order of their positions, losing none', async () => {
    const namespace = uniqueNamespace('relay-order');
    const topic = qualifiedTopic({ topicNamespace: namespace }, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const relay = relayFor(namespace);
    const slow = db.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await store.appendToStream('slow', 'no-stream', [performed(1)], {}, slow.manager); // lower position, commits last
    await store.appendToStream('fast', 'no-stream', [performed(2)]);
    expect(await relay.publishNextBatch()).toBe(0); // a plain position checkpoint would publish 'fast' and skip 'slow' for ever
    await slow.commitTransaction();
    await slow.release();
    // A transaction running elsewhere on the server may hold the read back a moment longer (and
    // split it in two batches); what counts is that both go out, in commit order.
    let published = 0;
    await waitFor(async () => (published += await relay.publishNextBatch()), (total) => total >= 2, { what: 'the relay to see both events' });
    expect(published).toBe(2);
    expect(await relay.publishNextBatch()).toBe(0);
    await relay.stop();
    const messages = await readAllMessages(kafka, topic, 2);
    expect(messages.map((m) => m.key!.toString())).toEqual(['slow', 'fast']);
  });

  it('publishes from one replica at a time: a second relay waits, and takes over when the first stops', async () => {
    const namespace = uniqueNamespace('relay-leader');
    const topic = qualifiedTopic({ topicNamespace: namespace }, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const standbyFast = (name: string) =>
      new Relay({ name, dataSource: db.dataSource, eventStore: store, kafka, settings: { topicNamespace: namespace }, toPublicEvents, pollIntervalMs: 50, standbyIntervalMs: 100 });
    const [first, second] = [standbyFast('shared'), standbyFast('shared')];
    first.start();
    second.start();
    for (let i = 0; i < 10; i++) await store.appendToStream(`examination-L-${i}`, 'no-stream', [performed(i)]);
    const published = await readAllMessages(kafka, topic, 10, 20000);
    expect(published.map((m) => m.key!.toString()).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `examination-L-${i}`).sort());
    await first.stop();
    await second.stop();
    const takeover = standbyFast('shared');
    for (let i = 10; i < 15; i++) await store.appendToStream(`examination-L-${i}`, 'no-stream', [performed(i)]);
    takeover.start();
    const all = await readAllMessages(kafka, topic, 15, 20000);
    await takeover.stop();
    expect(all).toHaveLength(15);
  });

  it('publishes on its leadership connection: a pool taken up by a slow statement does not hold it back (ADR 0084)', async () => {
    const namespace = uniqueNamespace('relay-pool');
    const topic = qualifiedTopic({ topicNamespace: namespace }, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const twoConnections = await migratedTestDataSource('relay_pool', [EventStoreSchema1763900000000, MessagingSchema1763900000001], 2);
    const elsewhere = await new DataSource({ type: 'postgres', url: twoConnections.url }).initialize();
    const relay = new Relay({ name: 'pool', dataSource: twoConnections.dataSource, eventStore: new PostgresEventStore(twoConnections.dataSource), kafka, settings: { topicNamespace: namespace }, toPublicEvents, pollIntervalMs: 50 });
    relay.start();
    try {
      await waitFor(() => relay.oldestUnpublishedAgeSeconds(), (age) => age === 0, { what: 'the relay to take the leadership' });
      // The relay holds one of the pool's two connections; a statement of 20 s takes the other. (No
      // transaction id, so it does not hold back the relay's read bound.)
      const sleeping = twoConnections.dataSource.query('SELECT pg_sleep(20)');
      const started = Date.now();
      await new PostgresEventStore(elsewhere).appendToStream('examination-P-1', 'no-stream', [performed(1)]);
      const [message] = await readAllMessages(kafka, topic, 1, 15000);
      expect(message.key!.toString()).toBe('examination-P-1');
      expect(Date.now() - started).toBeLessThan(15000);
      await sleeping;
    } finally {
      await relay.stop();
      await elsewhere.destroy();
      await twoConnections.close();
    }
  });

  it('works through a backlog of many batches in commit order, each event once, and checkpoints after each batch', async () => {
    const namespace = uniqueNamespace('relay-backlog');
    const topic = qualifiedTopic({ topicNamespace: namespace }, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const streams = Array.from({ length: 11 }, (_, i) => `examination-${i}`);
    for (const [i, streamId] of streams.entries()) await store.appendToStream(streamId, 'no-stream', [performed(i)]);
    const checkpoints: string[] = [];
    const relay = relayFor(namespace, { batchSize: 3, onPublished: (count, position) => checkpoints.push(`${count}@${position.globalPosition}`) });
    relay.start();
    try {
      await waitFor(() => relay.oldestUnpublishedAgeSeconds(), (age) => age === 0, { what: 'the relay to publish the backlog' });
    } finally {
      await relay.stop();
    }
    const recorded = await store.readAll(START_OF_LOG, 100);
    const messages = await readAllMessages(kafka, topic, streams.length);
    expect(messages.map((m) => m.key!.toString())).toEqual(recorded.map((e) => e.streamId));
    expect(checkpoints).toEqual([3, 6, 9, 11].map((n, i) => `${n - i * 3}@${recorded[n - 1].globalPosition}`));
  });
});
