// A profiling aid for the relay benchmark: the CPU kafkajs spends encoding produce requests of
// relay-shaped records (CloudEvents binary mode: 8 headers), against the same records with fewer
// headers. No broker, no network: only kafkajs's own request encoder.
//
//   npm run bench -- kafkajs-encode [--batches 200] [--rounds 5]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { UnderretningReceivedV1 } from '@sagsspor/contracts';
import { toKafkaMessage } from '@sagsspor/messaging';
import { sampleMetadata } from './append-contenders.mjs';
import { fmt, machine, median, options, table } from './support.mjs';

// kafkajs has no public encoder API; its Produce v3 request is what the relay's sendBatch sends.
const produceRequest = createRequire(import.meta.url)('kafkajs/src/protocol/requests/produce/v3/request.js');
const RECORDS_PER_BATCH = 500;
const PARTITIONS = 3;

function relayMessage(i) {
  return toKafkaMessage({
    id: randomUUID(),
    type: UnderretningReceivedV1.type,
    source: UnderretningReceivedV1.source,
    subject: `underretning-${i}`,
    time: new Date().toISOString(),
    partitionKey: `underretning-${i}`,
    data: UnderretningReceivedV1.example,
    traceparent: sampleMetadata.traceparent,
  });
}

async function cpuMsPerThousand(headerCount, batches) {
  const requests = Array.from({ length: batches }, () =>
    produceRequest({
      acks: -1,
      timeout: 30000,
      topicData: [
        {
          topic: 'sagsspor.referrals.events.v1',
          partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({
            partition,
            firstSequence: 0,
            messages: Array.from({ length: RECORDS_PER_BATCH / PARTITIONS }, (_, i) => {
              const message = relayMessage(i);
              return { ...message, headers: Object.fromEntries(Object.entries(message.headers).slice(0, headerCount)) };
            }),
          })),
        },
      ],
    }),
  );
  const started = process.cpuUsage();
  for (const request of requests) await request.encode();
  const cpu = process.cpuUsage(started);
  return ((cpu.user + cpu.system) / 1000 / (batches * Math.floor(RECORDS_PER_BATCH / PARTITIONS) * PARTITIONS)) * 1000;
}

export async function run(argv) {
  const o = options(argv, { batches: 200, rounds: 5 });
  console.log(`kafkajs produce-request encoding, ${o.batches} requests of ${RECORDS_PER_BATCH} records over ${PARTITIONS} partitions, median of ${o.rounds} rounds after one warm-up`);
  console.log(`machine: ${machine()}\n`);
  const shapes = [8, 4, 1, 0];
  for (const h of shapes) await cpuMsPerThousand(h, o.batches);
  const results = Object.fromEntries(shapes.map((h) => [h, []]));
  for (let round = 0; round < o.rounds; round++) for (const h of shapes) results[h].push(await cpuMsPerThousand(h, o.batches));
  console.log(
    table(
      ['headers per record', 'ms CPU per 1000 records'],
      shapes.map((h) => ({ 'headers per record': h === 8 ? '8 (what the relay sends)' : String(h), 'ms CPU per 1000 records': fmt.ms(median(results[h])) })),
    ),
  );
}
