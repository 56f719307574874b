// One timed run of the Relay (libs/messaging) in its own process: publishes every event of the
// benchmark database to Kafka, from the first checkpoint, with the relay's default settings, and
// prints events/s and where each batch's time went (read, map + send, checkpoint) as JSON.
import { UnderretningReceivedV1 } from '@sagsspor/contracts';
import { EventStoreSchema1763900000000, PostgresEventStore } from '@sagsspor/event-store';
import { createKafka, MessagingSchema1763900000001, qualifiedTopic, Relay } from '@sagsspor/messaging';
import { DataSource } from 'typeorm';
import { childInput, percentile } from './support.mjs';

const input = childInput();

/** The referrals service's mapping, reduced to this one event. */
const toPublicEvents = (event) => [{ definition: UnderretningReceivedV1, data: event.data, subject: event.streamId }];

const dataSource = await new DataSource({
  type: 'postgres',
  url: input.url,
  migrations: [EventStoreSchema1763900000000, MessagingSchema1763900000001],
  extra: { max: 4 },
}).initialize();
const store = new PostgresEventStore(dataSource);

// Time spent per step of each batch, measured around the relay's own calls.
const timing = { read: 0, checkpoint: 0 };
const timedStore = {
  readAll: async (...args) => {
    const started = performance.now();
    try {
      return await store.readAll(...args);
    } finally {
      timing.read += performance.now() - started;
    }
  },
};
const query = dataSource.query.bind(dataSource);
dataSource.query = async (sql, parameters) => {
  const started = performance.now();
  try {
    return await query(sql, parameters);
  } finally {
    if (/relay_checkpoints/.test(sql)) timing.checkpoint += performance.now() - started;
  }
};

const kafka = createKafka({ brokers: input.brokers, clientId: 'sagsspor-bench-relay' });
let published = 0;
const batchMs = [];
let lastBatchAt;
let resolveDone;
const done = new Promise((resolve) => (resolveDone = resolve));
const relay = new Relay({
  name: input.relayName,
  dataSource,
  eventStore: timedStore,
  kafka,
  settings: { topicNamespace: input.namespace },
  toPublicEvents,
  onPublished: (count) => {
    const now = performance.now();
    batchMs.push(now - lastBatchAt);
    lastBatchAt = now;
    published += count;
    if (published >= input.events) resolveDone();
  },
});

const started = performance.now();
lastBatchAt = started;
relay.start();
await done;
const seconds = (performance.now() - started) / 1000;
await relay.stop();

const admin = kafka.admin();
await admin.connect();
const topic = qualifiedTopic({ topicNamespace: input.namespace }, UnderretningReceivedV1.topic);
const messages = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
await admin.disconnect();
await dataSource.destroy();

batchMs.sort((a, b) => a - b);
const total = seconds * 1000;
console.log(
  JSON.stringify({
    eventsPerSecond: published / seconds,
    messages,
    batches: batchMs.length,
    batchP50: percentile(batchMs, 50),
    batchP99: percentile(batchMs, 99),
    share: { read: timing.read / total, checkpoint: timing.checkpoint / total, mapAndSend: 1 - (timing.read + timing.checkpoint) / total },
  }),
);
