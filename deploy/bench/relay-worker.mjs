// One timed run of the Relay (libs/messaging) in its own process: publishes every event of the
// benchmark database to Kafka, from the first checkpoint, with the relay's default settings, and
// prints events/s, the time per batch in each step, and the process's CPU use as JSON.
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

// Time spent in each step, summed over the batches (the relay overlaps them: reads and checkpoint
// writes run while Kafka takes a batch).
const timing = { read: 0, send: 0, checkpoint: 0 };
const timed = (step, fn) => async (...args) => {
  const started = performance.now();
  try {
    return await fn(...args);
  } finally {
    timing[step] += performance.now() - started;
  }
};
const timedStore = { readAll: timed('read', store.readAll.bind(store)) };
const query = dataSource.query.bind(dataSource);
const timedQuery = timed('checkpoint', query);
dataSource.query = (sql, parameters) => (/INSERT INTO relay_checkpoints/.test(sql) ? timedQuery(sql, parameters) : query(sql, parameters));

const kafka = createKafka({ brokers: input.brokers, clientId: 'sagsspor-bench-relay' });
const producerOf = kafka.producer.bind(kafka);
kafka.producer = (config) => {
  const producer = producerOf(config);
  producer.sendBatch = timed('send', producer.sendBatch.bind(producer));
  return producer;
};
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
  batchSize: input.batchSize,
  onPublished: (count) => {
    const now = performance.now();
    batchMs.push(now - lastBatchAt);
    lastBatchAt = now;
    published += count;
    if (published >= input.events) resolveDone();
  },
});

const cpuBefore = process.cpuUsage();
const started = performance.now();
lastBatchAt = started;
relay.start();
await done;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await relay.stop();

const admin = kafka.admin();
await admin.connect();
const topic = qualifiedTopic({ topicNamespace: input.namespace }, UnderretningReceivedV1.topic);
const messages = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
await admin.disconnect();
await dataSource.destroy();

batchMs.sort((a, b) => a - b);
const perBatch = (ms) => ms / batchMs.length;
console.log(
  JSON.stringify({
    eventsPerSecond: published / seconds,
    messages,
    batches: batchMs.length,
    batchP50: percentile(batchMs, 50),
    batchP99: percentile(batchMs, 99),
    msPerBatch: { read: perBatch(timing.read), send: perBatch(timing.send), checkpoint: perBatch(timing.checkpoint) },
    cpuMsPerThousandEvents: ((cpu.user + cpu.system) / 1000 / published) * 1000,
    cpuUtilisation: (cpu.user + cpu.system) / 1e6 / seconds,
  }),
);
