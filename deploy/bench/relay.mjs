// Relay → Kafka throughput: the Relay of libs/messaging publishing N stored events (the contract's
// UnderretningReceivedV1 example, CloudEvents binary mode) against Kafka's own producer performance
// tool (org.apache.kafka.tools.ProducerPerformance, kafka-tools from Maven Central) sending N records
// of the same size, on the same broker, with the same acks (all) and idempotence, no compression.
//
//   npm run bench -- relay [--events 200000] [--rounds 3] [--streams 10000] [--partitions 3] [--seed N] [--profile DIR]
//                          [--batch-size N (default: the Relay's own default)]
//
// Needs Maven and Java 17+ (as the local Kafka launcher does); the tool's classpath is fetched once
// into .cache/kafka-tools/<version>. Topics are created under a unique prefix (sagsspor-bench-…)
// before timing and deleted at the end, with the database (sagsspor_bench_relay_*).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnderretningReceivedV1 } from '@sagsspor/contracts';
import { EventStoreSchema1763900000000 } from '@sagsspor/event-store';
import { createKafka, ensureTopics, MessagingSchema1763900000001, qualifiedTopic, toKafkaMessage } from '@sagsspor/messaging';
import { DataSource } from 'typeorm';
import { sampleMetadata } from './append-contenders.mjs';
import {
  cleanUpOnExit,
  createDatabase,
  dropDatabases,
  fetchKafkaTools,
  fmt,
  KAFKA_BROKERS,
  machine,
  median,
  options,
  runInChild,
  seededRandom,
  shuffled,
  table,
} from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RELAY = 'Relay (libs/messaging)';
const TOOL = 'Kafka ProducerPerformance';
const TARGET = 0.5;
const STEPS = 'ms per batch in read / sendBatch / checkpoint (overlapping); CPU';

/** What the relay puts on the wire per event, key + value + headers, from the relay's own encoder. */
function relayRecordBytes() {
  const message = toKafkaMessage({
    id: randomUUID(),
    type: UnderretningReceivedV1.type,
    source: UnderretningReceivedV1.source,
    subject: 'underretning-1234',
    time: new Date().toISOString(),
    partitionKey: 'underretning-1234',
    data: UnderretningReceivedV1.example,
    traceparent: sampleMetadata.traceparent,
  });
  const headers = Object.entries(message.headers).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  return { key: Buffer.byteLength(message.key), value: Buffer.byteLength(message.value), headers, total: Buffer.byteLength(message.key) + Buffer.byteLength(message.value) + headers };
}

async function fillEvents(url, events, streams) {
  const dataSource = await new DataSource({ type: 'postgres', url, migrations: [EventStoreSchema1763900000000, MessagingSchema1763900000001], migrationsRun: true, extra: { max: 1 } }).initialize();
  const chunk = 10000;
  for (let first = 0; first < events; first += chunk) {
    await dataSource.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata)
       SELECT 'underretning-' || (g % $3), g / $3 + 1, gen_random_uuid(), 'UnderretningReceived', $4::jsonb, $5::jsonb
         FROM generate_series($1::int, $2::int) AS g`,
      [first, Math.min(first + chunk, events) - 1, streams, JSON.stringify(UnderretningReceivedV1.example), JSON.stringify(sampleMetadata)],
    );
  }
  await dataSource.query('VACUUM ANALYZE events');
  await dataSource.destroy();
}

function producerPerformance(kafkaToolsClasspath, topic, events, recordSize, streams) {
  const args = [
    '-Xmx512m',
    '-cp',
    kafkaToolsClasspath,
    'org.apache.kafka.tools.ProducerPerformance',
    '--bootstrap-server',
    KAFKA_BROKERS.join(','),
    '--topic',
    topic,
    '--num-records',
    String(events),
    '--record-size',
    String(recordSize),
    '--throughput',
    '-1',
    // Keyed like the relay's records (by stream), so they spread over the partitions the same way.
    '--key-distribution',
    'range',
    '--record-key-range',
    String(streams),
    '--command-property',
    'acks=all',
    'enable.idempotence=true',
    'compression.type=none',
  ];
  return new Promise((resolve, reject) => {
    // bash's `time` gives the JVM's CPU time (start-up and JIT included) for comparison with the relay's.
    const child = spawn('bash', ['-c', 'TIMEFORMAT="cpu-seconds %U %S"; time java "$@"', 'bash', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      // "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, ..."
      const summary = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th/.exec(out);
      const cpu = /cpu-seconds ([\d.]+) ([\d.]+)/.exec(err);
      if (code !== 0 || !summary || !cpu) return reject(new Error(`ProducerPerformance exited with ${code}: ${out.slice(-1000)}${err.slice(-1000)}`));
      resolve({
        eventsPerSecond: Number(summary[2]),
        recordP50: Number(summary[6]),
        recordP99: Number(summary[8]),
        cpuMsPerThousandEvents: ((Number(cpu[1]) + Number(cpu[2])) * 1000 * 1000) / events,
      });
    });
  });
}

async function messagesIn(kafka, topic) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

export async function run(argv) {
  const o = options(argv, { events: 200000, rounds: 3, streams: 10000, partitions: 3, seed: Date.now() % 100000, profile: '', batchSize: 0 });
  const kafkaToolsClasspath = fetchKafkaTools();
  const size = relayRecordBytes();
  const prefix = `sagsspor-bench-${randomBytes(3).toString('hex')}`;
  console.log(`relay benchmark: ${fmt.int(o.events)} events, ${o.partitions} partitions, keys from ${o.streams} streams, acks=all, idempotent, no compression; ${o.rounds} rounds, order shuffled (seed ${o.seed})`);
  console.log(`record: ${size.total} bytes per event as the relay sends it (key ${size.key} + value ${size.value} + headers ${size.headers}); ProducerPerformance --record-size ${size.total}`);
  console.log(`broker ${KAFKA_BROKERS.join(',')}, topics under ${prefix}`);
  console.log(`machine: ${machine()}\n`);

  const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: 'sagsspor-bench' });
  const topics = [];
  const cleanUp = async () => {
    if (topics.length > 0) {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics, timeout: 30000 }).catch((e) => console.error(`could not delete topics ${topics.join(', ')}: ${e.message}`));
      await admin.disconnect();
    }
    await dropDatabases();
  };
  cleanUpOnExit(cleanUp);
  try {
    const database = await createDatabase('relay');
    process.stdout.write(`filling ${fmt.int(o.events)} events ...`);
    await fillEvents(database.url, o.events, o.streams);
    console.log(' done');

    const random = seededRandom(o.seed);
    const results = { [RELAY]: [], [TOOL]: [] };
    for (let round = 1; round <= o.rounds; round++) {
      const namespace = `${prefix}-r${round}`;
      const relayTopic = qualifiedTopic({ topicNamespace: namespace }, UnderretningReceivedV1.topic);
      const toolTopic = `${namespace}.producer-performance`;
      topics.push(relayTopic, toolTopic);
      await ensureTopics(kafka, [relayTopic, toolTopic].map((name) => ({ name, partitions: o.partitions })));
      const order = shuffled([RELAY, TOOL], random);
      for (const contender of order) {
        if (contender === RELAY) {
          // A new relay name starts from the beginning of the log, with its own checkpoint row.
          const nodeArgs = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.profile}`, `--cpu-prof-name=relay-round${round}.cpuprofile`] : [];
          const input = { url: database.url, brokers: KAFKA_BROKERS, namespace, relayName: `bench-round-${round}`, events: o.events, batchSize: o.batchSize || undefined };
          const result = await runInChild(path.join(here, 'relay-worker.mjs'), input, nodeArgs);
          if (result.messages !== o.events) throw new Error(`the relay's topic holds ${result.messages} messages, expected ${o.events}`);
          results[RELAY].push(result);
        } else {
          const result = await producerPerformance(kafkaToolsClasspath, toolTopic, o.events, size.total, o.streams);
          const messages = await messagesIn(kafka, toolTopic);
          if (messages !== o.events) throw new Error(`ProducerPerformance's topic holds ${messages} messages, expected ${o.events}`);
          results[TOOL].push(result);
        }
      }
      console.log(`round ${round}: ${order.map((c) => `${c} ${fmt.int(results[c].at(-1).eventsPerSecond)}/s`).join(', ')}`);
    }

    const relay = results[RELAY];
    const tool = results[TOOL];
    console.log(`\nmedian of ${o.rounds} rounds:\n`);
    console.log(
      table(
        ['contender', 'events/s', 'MB/s (record bytes)', 'latency p50 / p99 ms', STEPS],
        [
          {
            contender: RELAY,
            'events/s': fmt.int(median(relay.map((r) => r.eventsPerSecond))),
            'MB/s (record bytes)': ((median(relay.map((r) => r.eventsPerSecond)) * size.total) / 2 ** 20).toFixed(2),
            'latency p50 / p99 ms': `${fmt.ms(median(relay.map((r) => r.batchP50)))} / ${fmt.ms(median(relay.map((r) => r.batchP99)))} per batch`,
            [STEPS]: `${['read', 'send', 'checkpoint'].map((k) => fmt.ms(median(relay.map((r) => r.msPerBatch[k])))).join(' / ')}; ${fmt.ms(median(relay.map((r) => r.cpuMsPerThousandEvents)))} ms CPU per 1000 events, ${(100 * median(relay.map((r) => r.cpuUtilisation))).toFixed(0)}% of a core`,
          },
          {
            contender: TOOL,
            'events/s': fmt.int(median(tool.map((r) => r.eventsPerSecond))),
            'MB/s (record bytes)': ((median(tool.map((r) => r.eventsPerSecond)) * size.total) / 2 ** 20).toFixed(2),
            'latency p50 / p99 ms': `${median(tool.map((r) => r.recordP50))} / ${median(tool.map((r) => r.recordP99))} per record (send → ack)`,
            [STEPS]: `${fmt.ms(median(tool.map((r) => r.cpuMsPerThousandEvents)))} ms CPU per 1000 events (JVM start-up and JIT included)`,
          },
        ],
      ),
    );
    const ratio = median(relay.map((r, i) => r.eventsPerSecond / tool[i].eventsPerSecond));
    console.log(`\n${table(['ratio', 'median of per-round ratios', 'target', 'met'], [{ ratio: `${RELAY} ÷ ${TOOL}`, 'median of per-round ratios': fmt.ratio(ratio), target: `≥ ${TARGET}×`, met: ratio >= TARGET ? 'yes' : 'NO' }])}`);
  } finally {
    await cleanUp();
  }
}
