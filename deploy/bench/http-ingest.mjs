// `npm run bench -- http-ingest [--connections 64] [--duration 30] [--warmup 5] [--children 5000] [--profile DIR]`
//
// HTTP ingest of underretninger: the referrals service as a process (its build output) on a fresh
// database and topic namespace, driven by autocannon with `--connections` concurrent connections,
// every request a new underretning (its own id, a child from a pool of generated CPRs). Prints
// throughput, latency percentiles, non-2xx answers, and the service's resident memory (RSS) sampled
// every second, so a long `--duration 600` run doubles as the memory soak.
//
// The reference, measured first in the same run with the same load: a bare NestJS endpoint that
// validates the same body with the same DTO and does one INSERT per request (bare-ingest-server.mjs).
// Targets: the service ≥ 0.5 × the reference's requests/s, and p99 ≤ 100 ms.
// Needs: `npm run build`, PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS (`npm run infra:up`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { DATABASE_URL, KAFKA_BROKERS, cleanUpOnExit, createDatabase, dropDatabases, fmt, machine, options, rssMiB, table } from './support.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { generateCpr } = require('../../libs/testing/dist/cpr.js');
const { mintDevelopmentToken } = require('../../libs/auth/dist/index.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startReferrals(database, port, profileDir) {
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'services/referrals/dist/main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL,
      DATABASE_NAME: database,
      CHILD_REGISTRY_DATABASE_NAME: database,
      KAFKA_BROKERS: KAFKA_BROKERS.join(','),
      KAFKA_TOPIC_NAMESPACE: `bench-ingest-${randomBytes(3).toString('hex')}`,
      // Policies off, as capacity is measured: the rate limit per subject and the registry's lookup pacing.
      RATE_LIMIT_PER_MINUTE: '0',
      CHILD_REGISTRY_LOOKUPS_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`referrals exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok).catch(() => false)) return { child, url };
    await sleep(250);
  }
  throw new Error('referrals did not become ready');
}

async function startBareReference(database, port) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'deploy/bench/bare-ingest-server.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATABASE_URL: database.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the bare reference exited with ${child.exitCode}`);
    if (await fetch(`${url}/health`).then((r) => r.ok).catch(() => false)) return { child, url };
    await sleep(250);
  }
  throw new Error('the bare reference did not become ready');
}

const stop = async (child) => {
  child.kill('SIGTERM');
  if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
};

const resultRow = (label, result) => ({
  endpoint: label,
  'requests/s (mean)': fmt.int(result.requests.average),
  'p50 ms': result.latency.p50,
  'p90 ms': result.latency.p90,
  'p99 ms': result.latency.p99,
  'max ms': result.latency.max,
  '2xx': fmt.int(result['2xx']),
  'non-2xx': fmt.int(result.non2xx),
  'errors/timeouts': `${result.errors}/${result.timeouts}`,
});

/** `batch` > 0: each request is a batch of that many underretninger (POST /v1/underretninger/batch). */
function cannon(url, token, { connections, duration, children, runLabel, batch = 0 }) {
  const cprs = Array.from({ length: children }, (_, i) => generateCpr(`20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'male' : 'female', i));
  let n = 0;
  const underretning = () => {
    n += 1;
    return { underretningId: `BENCH-${runLabel}-${n}`, childCpr: cprs[n % cprs.length], receivedAt: '2026-10-01', concerns: ['violence'], source: 'school' };
  };
  return autocannon({
    url: `${url}/v1/underretninger${batch > 0 ? '/batch' : ''}`,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => {
          request.body = JSON.stringify(batch > 0 ? { municipalityCode: '751', items: Array.from({ length: batch }, underretning) } : { ...underretning(), municipalityCode: '751' });
          return request;
        },
      },
    ],
  });
}

export async function run(argv) {
  const o = options(argv, { connections: 64, duration: 30, warmup: 5, children: 5000, port: 3391, profile: '', batch: 0 });
  if (o.batch > 0) return runBatches(o);
  cleanUpOnExit(dropDatabases);
  console.log(`# HTTP ingest: POST /v1/underretninger, ${o.connections} connections, ${o.duration} s (after ${o.warmup} s warm-up)\n# ${machine()}\n`);
  const token = await mintDevelopmentToken({ role: 'municipality', municipality: '751', subject: 'bench-ingest', expiresInSeconds: 24 * 3600 });

  const bareDatabase = await createDatabase('ingest_bare');
  const bare = await startBareReference(bareDatabase, o.port + 1);
  let reference;
  try {
    if (o.warmup > 0) await cannon(bare.url, token, { ...o, duration: o.warmup, runLabel: 'bare-warmup' });
    reference = await cannon(bare.url, token, { ...o, runLabel: 'bare' });
  } finally {
    await stop(bare.child);
  }

  const database = await createDatabase('ingest');
  const { child, url } = await startReferrals(database.name, o.port, o.profile);
  try {
    if (o.warmup > 0) await cannon(url, token, { ...o, runLabel: 'warmup' });
    const rss = [];
    const sampler = setInterval(() => rss.push(rssMiB(child.pid)), 1000);
    const result = await cannon(url, token, { ...o, runLabel: 'run' });
    clearInterval(sampler);
    const minute = Math.min(60, Math.floor(rss.length / 3));
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      table(
        ['endpoint', 'requests/s (mean)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors/timeouts'],
        [resultRow('bare reference (validate + 1 INSERT)', reference), resultRow('referrals POST /v1/underretninger', result)],
      ),
    );
    console.log(
      `\n${table(
        ['RSS MiB at start', `mean of first ${minute} s`, `mean of last ${minute} s`, 'max', 'samples'],
        [{ 'RSS MiB at start': rss[0]?.toFixed(0), [`mean of first ${minute} s`]: mean(rss.slice(0, minute)).toFixed(0), [`mean of last ${minute} s`]: mean(rss.slice(-minute)).toFixed(0), max: Math.max(...rss).toFixed(0), samples: rss.length }],
      )}`,
    );
    const ratio = result.requests.average / reference.requests.average;
    const verdict = (ok) => (ok ? 'met' : 'NOT MET');
    console.log('');
    console.log(`TARGET http-ingest-throughput: ${fmt.int(result.requests.average)} requests/s = ${ratio.toFixed(2)} × bare reference ${fmt.int(reference.requests.average)} requests/s (target ≥ 0.5 ×) ${verdict(ratio >= 0.5 && result.non2xx === 0)}`);
    console.log(`TARGET http-ingest-p99: ${result.latency.p99} ms (target ≤ 100 ms) ${verdict(result.latency.p99 <= 100 && result.non2xx === 0)}`);
  } finally {
    await stop(child);
    await dropDatabases();
  }
}

/**
 * `--batch N`: underretninger through POST /v1/underretninger/batch, N per request, against the
 * single POST in the same run (same service, same connections). What a municipality loading its
 * history, or the national demo data (issue 20: about 280,000 underretninger within minutes), gets.
 */
async function runBatches(o) {
  cleanUpOnExit(dropDatabases);
  console.log(`# HTTP ingest in batches: POST /v1/underretninger/batch, ${o.batch} items a request, ${o.connections} connections, ${o.duration} s each; the single POST with the same connections first\n# ${machine()}\n`);
  const token = await mintDevelopmentToken({ role: 'municipality', municipality: '751', subject: 'bench-ingest', expiresInSeconds: 24 * 3600 });
  const database = await createDatabase('ingest_batch');
  const { child, url } = await startReferrals(database.name, o.port, o.profile);
  try {
    // `o.batch` is for the batch run only: the warm-up and the reference are single POSTs.
    if (o.warmup > 0) await cannon(url, token, { ...o, duration: o.warmup, runLabel: 'warmup', batch: 0 });
    const single = await cannon(url, token, { ...o, runLabel: 'single', batch: 0 });
    const batches = await cannon(url, token, { ...o, runLabel: 'batch', batch: o.batch });
    const itemsPerSecond = (batches['2xx'] * o.batch) / o.duration;
    console.log(
      table(
        ['endpoint', 'requests/s (mean)', 'underretninger/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors/timeouts'],
        [
          { endpoint: 'POST /v1/underretninger', 'requests/s (mean)': fmt.int(single.requests.average), 'underretninger/s': fmt.int(single.requests.average), 'p50 ms': single.latency.p50, 'p99 ms': single.latency.p99, '2xx': fmt.int(single['2xx']), 'non-2xx': fmt.int(single.non2xx), 'errors/timeouts': `${single.errors}/${single.timeouts}` },
          { endpoint: `POST /v1/underretninger/batch (${o.batch})`, 'requests/s (mean)': fmt.int(batches.requests.average), 'underretninger/s': fmt.int(itemsPerSecond), 'p50 ms': batches.latency.p50, 'p99 ms': batches.latency.p99, '2xx': fmt.int(batches['2xx']), 'non-2xx': fmt.int(batches.non2xx), 'errors/timeouts': `${batches.errors}/${batches.timeouts}` },
        ],
      ),
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows: [stored] } = await client.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'UnderretningReceived' AND stream_id LIKE 'underretning-751:BENCH-batch-%'`).finally(() => client.end());
    const ratio = itemsPerSecond / single.requests.average;
    console.log(`\nStored from the batches: ${fmt.int(stored.n)} underretninger (${fmt.int(batches['2xx'] * o.batch)} answered 201 in a 200 batch; a batch cut off by the end of the run may still have stored some).`);
    console.log(`TARGET http-ingest-batch: ${fmt.int(itemsPerSecond)} underretninger/s in batches of ${o.batch} = ${ratio.toFixed(2)} × the single POST (target ≥ 1,000/s) ${itemsPerSecond >= 1000 && batches.non2xx === 0 ? 'met' : 'NOT MET'}`);
  } finally {
    await stop(child);
    await dropDatabases();
  }
}
