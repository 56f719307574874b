// `npm run bench -- e2e-lag [--rate 500] [--duration 60] [--warmup 5] [--poll 20] [--floor-records 2000] [--port 3491]`
//
// End-to-end lag: commands through the public HTTP API at a fixed rate, and for each, the time from
// its event's commit in the service's event store to its effect being visible in a report.
//   - The four services as processes (their build output, deploy/services.cjs) on fresh databases
//     and a fresh topic namespace.
//   - An open-loop generator sends POST /v1/underretninger at `--rate` per second for `--duration` s
//     (after `--warmup` s at the same rate, not counted); each a new underretning. The rate is kept
//     by the clock, not by the answers: a request that would exceed 512 in flight is not sent and
//     counted, so a service that cannot keep up shows as a lower achieved rate.
//   - Commit time: the event's `recorded_at` in the referrals event store (the append's transaction).
//   - Visible: the activity report counts `activity_facts` rows of the live generation in a fresh
//     snapshot; every `--poll` ms the bench reads the rows committed since its previous snapshot
//     (by transaction id), so each underretning's visible time is known to within one poll.
//   - The floor, in the same run on the same broker: Kafka's own EndToEndLatency tool (kafka-tools from
//     Maven Central), one record at a time produced with acks=all and consumed, the relay's record size.
// Target: at 500 events/s for 60 s, p99 lag < 500 ms.
// Needs: `npm run build`, PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS (`npm run infra:up`), Java 17 and Maven.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { KAFKA_BROKERS, fetchKafkaTools, fmt, machine, options, percentile, rssMiB, startBenchPlatform, table } from './support.mjs';

const require = createRequire(import.meta.url);
const { generateCpr } = require('../../libs/testing/dist/cpr.js');
const { mintDevelopmentToken } = require('../../libs/auth/dist/index.js');
const { UnderretningReceivedV1 } = require('../../libs/contracts/dist/index.js');
const { toKafkaMessage } = require('../../libs/messaging/dist/index.js');

const MAX_IN_FLIGHT = 512;
const MUNICIPALITY = '751';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sends one POST per 1/rate s by the clock until `seconds` have passed; resolves when every answer is in. */
async function openLoop(url, token, { rate, seconds, label, cprs }) {
  const sent = [];
  const answers = {};
  let inFlight = 0;
  let skipped = 0;
  let n = 0;
  const started = performance.now();
  const pending = new Set();
  const send = () => {
    n += 1;
    const underretningId = `LAG-${label}-${n}`;
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped += 1;
      return;
    }
    inFlight += 1;
    const body = JSON.stringify({ underretningId, childCpr: cprs[n % cprs.length], municipalityCode: MUNICIPALITY, receivedAt: '2026-10-01', concerns: ['violence'], source: 'school' });
    const request = fetch(`${url}/v1/underretninger`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })
      .then(async (response) => {
        await response.arrayBuffer();
        answers[response.status] = (answers[response.status] ?? 0) + 1;
        if (response.status === 201) sent.push(underretningId);
      })
      .catch((error) => {
        answers[error.cause?.code ?? 'error'] = (answers[error.cause?.code ?? 'error'] ?? 0) + 1;
      })
      .finally(() => {
        inFlight -= 1;
        pending.delete(request);
      });
    pending.add(request);
  };
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (n < due) send();
    await sleep(5);
  }
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return { accepted: sent, answers, skipped, attempted: n, elapsed };
}

/** Watches the activity read model and records when each underretning became visible (ms since epoch). */
function watchVisibility(reportingDatabaseUrl, pollMs) {
  const client = new pg.Client({ connectionString: reportingDatabaseUrl });
  const visibleAt = new Map();
  let stopped = false;
  let polls = 0;
  const done = (async () => {
    await client.connect();
    let since = 0n; // the previous poll's snapshot xmin (32 bits, as xmin is; a bench run does not cross a wraparound)
    while (!stopped) {
      const polledAt = Date.now();
      // One snapshot for both reads: every row this poll does not see has a transaction id ≥ its xmin.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query(`SELECT live_schema, pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296 AS snapshot_xmin FROM projection_generations WHERE projection = 'activity'`);
      const result = await client.query(
        `SELECT item_id FROM "${rows[0].live_schema}".activity_facts
          WHERE metric = 'underretninger-received' AND dimension = 'total' AND xmin::text::bigint >= $1`,
        [String(since)],
      );
      await client.query('COMMIT');
      for (const row of result.rows) if (!visibleAt.has(row.item_id)) visibleAt.set(row.item_id, polledAt);
      since = BigInt(rows[0].snapshot_xmin);
      polls += 1;
      await sleep(Math.max(0, pollMs - (Date.now() - polledAt)));
    }
    await client.end();
  })();
  return { visibleAt, stop: async () => ((stopped = true), done), polls: () => polls };
}

/** When reporting's consumer began the transaction that applied each event (its inbox row's time). */
async function consumerStartTimes(reportingDatabaseUrl) {
  const client = new pg.Client({ connectionString: reportingDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT event_id, (extract(epoch FROM handled_at) * 1000)::float8 AS at FROM inbox`);
    return new Map(rows.map((r) => [r.event_id, Number(r.at)]));
  } finally {
    await client.end();
  }
}

async function commitTimes(referralsDatabaseUrl) {
  const client = new pg.Client({ connectionString: referralsDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT event_id::text, data->>'underretningId' AS id, data->>'municipalityCode' AS municipality, (extract(epoch FROM recorded_at) * 1000)::float8 AS at FROM events WHERE event_type = 'UnderretningReceived'`);
    return new Map(rows.map((r) => [`${r.municipality}:${r.id}`, { at: Number(r.at), eventId: r.event_id }]));
  } finally {
    await client.end();
  }
}

/** Kafka's own produce → consume latency (EndToEndLatency), one record at a time, on a fresh topic. */
async function kafkaFloor(classpath, topic, records, recordSize) {
  const args = ['-Xmx256m', '-cp', classpath, 'org.apache.kafka.tools.EndToEndLatency', '--bootstrap-server', KAFKA_BROKERS.join(','), '--topic', topic, '--num-records', String(records), '--producer-acks', 'all', '--record-size', String(recordSize)];
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      // "Avg latency: 1.2345 ms" and "Percentiles: 50th = 1, 99th = 3, 99.9th = 7"
      const avg = /Avg latency: ([\d.]+) ms/.exec(out);
      const p = /Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(out);
      if (code !== 0 || !avg || !p) return reject(new Error(`EndToEndLatency exited with ${code}: ${out.slice(-1500)}`));
      resolve({ mean: Number(avg[1]), p50: Number(p[1]), p99: Number(p[2]), p999: Number(p[3]) });
    });
  });
}

function relayRecordSize() {
  const message = toKafkaMessage({ id: randomUUID(), type: UnderretningReceivedV1.type, source: UnderretningReceivedV1.source, subject: 'underretning-751:LAG-1', time: new Date().toISOString(), partitionKey: 'c'.repeat(64), data: UnderretningReceivedV1.example });
  return Buffer.byteLength(message.value);
}

export async function run(argv) {
  const o = options(argv, { rate: 500, duration: 60, warmup: 5, poll: 20, floorRecords: 2000, port: 3491 });
  console.log(`# End-to-end lag: POST /v1/underretninger at ${o.rate}/s for ${o.duration} s (after ${o.warmup} s), commit in referrals → visible in reporting's activity report\n# ${machine()}\n`);
  const classpath = fetchKafkaTools();
  const recordSize = relayRecordSize();
  const platform = await startBenchPlatform('lag', o.port);
  const { runId, namespace } = platform;
  const services = Object.keys(platform.services);
  try {
    const token = await mintDevelopmentToken({ role: 'municipality', municipality: MUNICIPALITY, subject: 'bench-lag', expiresInSeconds: 24 * 3600 });
    const cprs = Array.from({ length: 5000 }, (_, i) => generateCpr(`20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'male' : 'female', i));
    const referralsUrl = platform.services.referrals.url;

    const watcher = watchVisibility(platform.databaseUrl('reporting'), o.poll);
    if (o.warmup > 0) await openLoop(referralsUrl, token, { rate: o.rate, seconds: o.warmup, label: `warmup-${runId}`, cprs });
    const rss = { start: services.map((s) => rssMiB(platform.services[s].pid)) };
    const load = await openLoop(referralsUrl, token, { rate: o.rate, seconds: o.duration, label: `run-${runId}`, cprs });
    rss.end = services.map((s) => rssMiB(platform.services[s].pid));

    // Wait until every accepted underretning is visible (or 60 s without progress).
    const wanted = load.accepted.map((id) => `${MUNICIPALITY}:${id}`);
    let lastProgress = Date.now();
    let lastSeen = -1;
    for (;;) {
      const seen = wanted.filter((k) => watcher.visibleAt.has(k)).length;
      if (seen === wanted.length) break;
      if (seen !== lastSeen) [lastSeen, lastProgress] = [seen, Date.now()];
      if (Date.now() - lastProgress > 60000) break;
      await sleep(200);
    }
    await watcher.stop();
    const committed = await commitTimes(platform.databaseUrl('referrals'));
    const consumerStarted = await consumerStartTimes(platform.databaseUrl('reporting'));
    const lags = [];
    const toConsumer = [];
    let invisible = 0;
    for (const key of wanted) {
      const at = watcher.visibleAt.get(key);
      const commit = committed.get(key);
      if (at === undefined || commit === undefined) {
        invisible += 1;
        continue;
      }
      lags.push(Math.max(0, at - commit.at));
      const started = consumerStarted.get(commit.eventId);
      if (started !== undefined) toConsumer.push(Math.max(0, started - commit.at));
    }
    lags.sort((a, b) => a - b);
    toConsumer.sort((a, b) => a - b);
    const row = (what, xs, rate, invisibleCount) => ({ what, events: fmt.int(xs.length), 'rate /s': rate, 'p50 ms': fmt.int(percentile(xs, 50)), 'p90 ms': fmt.int(percentile(xs, 90)), 'p99 ms': fmt.int(percentile(xs, 99)), 'max ms': fmt.int(xs[xs.length - 1] ?? NaN), 'not visible': invisibleCount });

    const floor = await kafkaFloor(classpath, `${namespace}.kafka-floor`, o.floorRecords, recordSize);
    const achieved = load.accepted.length / load.elapsed;
    console.log(
      table(
        ['what', 'events', 'rate /s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'not visible'],
        [
          row(`commit → visible in the activity report (poll ${o.poll} ms)`, lags, fmt.int(achieved), invisible),
          row('  of which: commit → the consumer transaction begins (relay, Kafka, fetch)', toConsumer, '', ''),
          { what: `Kafka floor: EndToEndLatency, acks=all, ${recordSize} B, one at a time`, events: fmt.int(o.floorRecords), 'rate /s': '', 'p50 ms': floor.p50, 'p90 ms': '', 'p99 ms': floor.p99, 'max ms': '', 'not visible': '' },
        ],
      ),
    );
    console.log(`\nanswers: ${JSON.stringify(load.answers)}; not sent (over ${MAX_IN_FLIGHT} in flight): ${load.skipped}; attempted ${fmt.int(load.attempted)} in ${load.elapsed.toFixed(1)} s; ${watcher.polls()} polls`);
    console.log(`RSS MiB before → after the run: ${services.map((s, i) => `${s} ${rss.start[i].toFixed(0)} → ${rss.end[i].toFixed(0)}`).join(', ')}`);
    const p99 = percentile(lags, 99);
    const heldRate = achieved >= o.rate * 0.98 && load.skipped === 0;
    const met = p99 < 500 && invisible === 0 && heldRate && o.rate >= 500 && o.duration >= 60;
    const rateNote = heldRate ? `at ${fmt.int(achieved)} events/s` : `at ${fmt.int(achieved)} events/s, the highest this run held (asked ${o.rate}/s)`;
    console.log(`\nTARGET e2e-lag-p99: ${fmt.int(p99)} ms ${rateNote} for ${o.duration} s, ${invisible} not visible; Kafka floor p99 ${floor.p99} ms (target < 500 ms at 500 events/s for 60 s) ${met ? 'met' : 'NOT MET'}`);
  } finally {
    await platform.stop();
  }
}
