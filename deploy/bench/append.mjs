// Event append at library level: PostgresEventStore (libs/event-store) against Emmett's PostgreSQL
// event store and against a raw autocommit INSERT of the same row, on the same PostgreSQL server,
// with the same pool size and the same number of concurrent writers, each appending one event
// with an expected-version check to one of `streams` streams.
//
//   npm run bench -- append [--rounds 5] [--round-ops 10000] [--warmup-ops 1000] [--streams 10000]
//                           [--concurrency 16] [--pool-size 16] [--seed N] [--only a,b] [--profile DIR]
//
// Every contender has its own database (sagsspor_bench_append_*), created and dropped here. Each
// round runs every contender once, in a shuffled order, in a fresh process (the pool is opened and
// warmed before timing); the table shows the median of the rounds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contenders } from './append-contenders.mjs';
import {
  cleanUpOnExit,
  createDatabase,
  dropDatabases,
  fmt,
  machine,
  median,
  options,
  runInChild,
  seededRandom,
  serverSetting,
  shuffled,
  table,
} from './support.mjs';

const OURS = 'ours appendToStream';
const EMMETT = 'Emmett appendToStream';
const RAW = 'raw INSERT (autocommit)';
const HANDLE = 'ours handle (read+decide+append)';
const TARGETS = [
  { name: `${OURS} ÷ ${EMMETT}`, target: 'append-vs-emmett', of: OURS, to: EMMETT, atLeast: 1.5 },
  { name: `${OURS} ÷ ${RAW}`, target: 'append-vs-raw-insert', of: OURS, to: RAW, atLeast: 0.7 },
  { name: `${HANDLE} ÷ ${RAW}`, target: 'handle-vs-raw-insert', of: HANDLE, to: RAW, atLeast: 0.5 },
];

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'append-worker.mjs');

export async function run(argv) {
  const o = options(argv, { rounds: 5, roundOps: 10000, warmupOps: 1000, streams: 10000, concurrency: 16, poolSize: 16, seed: Date.now() % 100000, only: '', profile: '' });
  const names = o.only ? o.only.split(',').map((n) => Object.keys(contenders).find((k) => k.toLowerCase().startsWith(n.trim().toLowerCase()))) : Object.keys(contenders);
  if (names.includes(undefined)) throw new Error(`--only: known contenders are ${Object.keys(contenders).join('; ')}`);

  console.log(`append benchmark: ${o.concurrency} concurrent writers, pool ${o.poolSize}, ${o.streams} streams, one event per append with an expected version`);
  console.log(`${o.rounds} rounds × ${o.roundOps} timed appends per contender (after ${o.warmupOps} untimed), order shuffled per round (seed ${o.seed})`);
  console.log(`machine: ${machine()}`);
  console.log(`PostgreSQL: synchronous_commit=${await serverSetting('synchronous_commit')}, fsync=${await serverSetting('fsync')}, ${await serverSetting('server_version')}\n`);

  cleanUpOnExit(dropDatabases);
  try {
    const databases = {};
    for (const name of names) {
      databases[name] = await createDatabase(`append_${name.split(' ')[0].toLowerCase()}`);
      await runInChild(worker, { mode: 'setUp', contender: name, url: databases[name].url });
    }
    const common = { streams: o.streams, concurrency: o.concurrency, poolSize: o.poolSize };
    process.stdout.write('warm-up: one append to every stream per contender ...');
    for (const name of names) await runInChild(worker, { ...common, mode: 'warmUp', contender: name, url: databases[name].url, firstOp: 0, ops: o.streams });
    console.log(' done');

    const random = seededRandom(o.seed);
    const results = Object.fromEntries(names.map((n) => [n, []]));
    let firstOp = o.streams;
    for (let round = 1; round <= o.rounds; round++) {
      const order = shuffled(names, random);
      for (const name of order) {
        const nodeArgs = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.profile}`, `--cpu-prof-name=${name.replace(/\W+/g, '-')}-round${round}.cpuprofile`] : [];
        const input = { ...common, mode: 'measure', contender: name, url: databases[name].url, firstOp, warmupOps: o.warmupOps, measuredOps: o.roundOps };
        results[name].push(await runInChild(worker, input, nodeArgs));
      }
      firstOp += o.warmupOps + o.roundOps;
      console.log(`round ${round}: ${order.map((n) => `${n} ${fmt.int(results[n].at(-1).opsPerSecond)}/s`).join(', ')}`);
    }

    console.log(`\nmedian of ${o.rounds} rounds:\n`);
    console.log(
      table(
        ['contender', 'appends/s', 'p50 ms', 'p99 ms', 'round trips/append', 'client CPU ms/append'],
        names.map((n) => ({
          contender: n,
          'appends/s': fmt.int(median(results[n].map((r) => r.opsPerSecond))),
          'p50 ms': fmt.ms(median(results[n].map((r) => r.p50))),
          'p99 ms': fmt.ms(median(results[n].map((r) => r.p99))),
          'round trips/append': median(results[n].map((r) => r.roundTrips)).toFixed(2),
          'client CPU ms/append': fmt.ms(median(results[n].map((r) => r.clientCpuMsPerOp))),
        })),
      ),
    );
    const targets = TARGETS.filter((t) => results[t.of] && results[t.to]).map((t) => {
      // Ratio within each round (same minute, same background), then the median of those.
      const ratio = median(results[t.of].map((r, i) => r.opsPerSecond / results[t.to][i].opsPerSecond));
      return { ratio: t.name, 'median of per-round ratios': fmt.ratio(ratio), target: `≥ ${t.atLeast}×`, met: ratio >= t.atLeast ? 'yes' : 'NO', line: `TARGET ${t.target}: ${fmt.ratio(ratio)} (target ≥ ${t.atLeast}×) ${ratio >= t.atLeast ? 'met' : 'NOT MET'}` };
    });
    if (targets.length > 0) {
      console.log(`\n${table(['ratio', 'median of per-round ratios', 'target', 'met'], targets)}\n`);
      for (const t of targets) console.log(t.line);
    }
  } finally {
    await dropDatabases();
  }
}
