// Helpers shared by the benchmarks: throwaway databases, child-process runs, statistics, tables.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

const require = createRequire(import.meta.url);

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `fn` with a client on the server's maintenance database. */
async function asAdmin(fn) {
  const client = new pg.Client({ connectionString: withDatabase(DATABASE_URL, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database `sagsspor_bench_<label>_<random>`; every one made here is dropped by dropDatabases(). */
const created = [];
export async function createDatabase(label) {
  const name = `sagsspor_bench_${label}_${randomBytes(3).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return { name, url: withDatabase(DATABASE_URL, name) };
}

export async function dropDatabases() {
  while (created.length > 0) {
    const name = created.pop();
    await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
  }
}

export async function serverSetting(name) {
  return asAdmin(async (c) => (await c.query('SELECT current_setting($1) AS v', [name])).rows[0].v);
}

/** Drops what was created even when the run is interrupted. */
export function cleanUpOnExit(cleanUp) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      cleanUp().finally(() => process.exit(130));
    });
  }
}

/** Runs a module in a fresh Node process and returns the JSON it prints on its last stdout line. */
export function runInChild(modulePath, input, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, modulePath, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${modulePath} exited with ${code}`));
      const last = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${modulePath} printed no result: ${out.slice(-500)}`));
      }
    });
  });
}

/** For the child side of runInChild. */
export function childInput() {
  return JSON.parse(process.argv[2]);
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Fisher-Yates with a seeded generator, so a run's order can be told and repeated. */
export function shuffled(items, random) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export function seededRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `--name value` and `--name=value` options with defaults. */
export function options(argv, defaults) {
  const result = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument '${argv[i]}'`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option --${m[1]} (known: ${Object.keys(defaults).join(', ')})`);
    const raw = m[2] ?? argv[++i];
    result[key] = typeof defaults[key] === 'number' ? Number(raw) : raw;
  }
  return result;
}

export function table(columns, rows) {
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function machine() {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${load}, Node ${process.version}`;
}

export const fmt = {
  int: (n) => Math.round(n).toLocaleString('en-US'),
  ms: (n) => n.toFixed(2),
  ratio: (n) => `${n.toFixed(2)}×`,
};

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const KAFKA_TOOLS_VERSION = '4.4.0'; // the broker's (deploy/kafka/pom.xml)

/**
 * The classpath of Kafka's own tools (kafka-tools from Maven Central: ProducerPerformance,
 * EndToEndLatency), fetched once with Maven into .cache/kafka-tools/<version> as deploy/kafka/kafka.sh
 * does for the broker. Needs Maven and Java 17+.
 */
export function fetchKafkaTools() {
  const libs = path.join(process.env.SAGSSPOR_CACHE ?? path.resolve(benchDir, '../../.cache'), 'kafka-tools', KAFKA_TOOLS_VERSION, 'libs');
  const marker = path.join(libs, '.fetch-complete');
  if (!existsSync(marker)) {
    console.log(`fetching kafka-tools ${KAFKA_TOOLS_VERSION} and its dependencies with Maven into ${libs} ...`);
    const mvn = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', '-f', path.join(benchDir, 'pom.xml'), `-Dkafka.version=${KAFKA_TOOLS_VERSION}`, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`], {
      encoding: 'utf8',
    });
    // Maven on Debian prints stray colour resets even with -B -q: show its output only when it fails.
    if (mvn.status !== 0) throw new Error(`mvn could not fetch kafka-tools ${KAFKA_TOOLS_VERSION}: ${mvn.error?.message ?? ''}${mvn.stdout}${mvn.stderr}`);
    writeFileSync(marker, `kafka-tools ${KAFKA_TOOLS_VERSION}\n`);
  }
  return path.join(libs, '*');
}

/** A process's resident memory in MiB (Linux: /proc/<pid>/status); NaN once it has gone. */
export function rssMiB(pid) {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kib ? Number(kib[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A process's CPU time so far in seconds, user and system (Linux: /proc/<pid>/stat, in clock ticks
 * of 1/100 s); NaN once it has gone. Measures work per request where the machine's load makes
 * rates and latencies vary from run to run.
 */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The four services as processes (deploy/services.cjs, as `npm start` runs them) on ports from
 * `basePort`, with databases (`sagsspor_bench_<label>_<run>_<service>`) and a topic namespace
 * (`bench-<label>-<run>`) of their own, rate limits off. `stop()` stops them, deletes the
 * namespace's topics and drops the databases; the databases are dropped on Ctrl-C too.
 */
export async function startBenchPlatform(label, basePort) {
  const { SERVICES, startServices } = require('../services.cjs');
  const { createKafka, kafkaSettingsFromEnv } = require('../../libs/messaging/dist/index.js');
  const runId = randomBytes(3).toString('hex');
  const namespace = `bench-${label}-${runId}`;
  const databaseOf = (service) => `sagsspor_bench_${label}_${runId}_${service.replace(/-/g, '_')}`;
  const kafkaSettings = kafkaSettingsFromEnv(`sagsspor-bench-${label}`, { ...process.env, KAFKA_BROKERS: KAFKA_BROKERS.join(','), KAFKA_TOPIC_NAMESPACE: namespace });
  const dropRunDatabases = () =>
    asAdmin(async (c) => {
      for (const name of [...SERVICES.map((s) => s.name), 'child-registry']) await c.query(`DROP DATABASE IF EXISTS "${databaseOf(name)}" WITH (FORCE)`).catch(() => undefined);
    });
  cleanUpOnExit(dropRunDatabases);
  const platform = await startServices({
    ports: Object.fromEntries(SERVICES.map(({ name }, i) => [name, basePort + i])),
    env: (service) => ({ DATABASE_URL, DATABASE_NAME: databaseOf(service), CHILD_REGISTRY_DATABASE_NAME: databaseOf('child-registry'), KAFKA_BROKERS: KAFKA_BROKERS.join(','), KAFKA_TOPIC_NAMESPACE: namespace, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' }),
    timeoutMs: 240000,
  });
  return {
    runId,
    namespace,
    kafkaSettings,
    /** By service name: `{ url, pid }`. */
    services: platform.services,
    databaseUrl: (service) => withDatabase(DATABASE_URL, databaseOf(service)),
    stop: async () => {
      await platform.stop();
      const admin = createKafka(kafkaSettings).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(namespace)) }).catch(() => undefined);
      await admin.disconnect();
      await dropRunDatabases();
    },
  };
}
