// `npm run bench -- soak [--duration 600] [--warmup 120] [--loaders 3] [--concurrency 8] [--police-rate 5] [--port 3591]`
//
// Memory soak of all four services under mixed load, through their public APIs and Kafka:
//   - the four services as processes (their build output, deploy/services.cjs) on fresh databases
//     and a fresh topic namespace;
//   - `--loaders` demo data drivers (libs/demo-data) side by side, each loading one small year after
//     another with a new seed (so new ids): underretninger, decisions, referrals, acceptances, cases,
//     services, suspects, conferences, examinations, video interviews and their release, closures, as
//     the municipalities, police and houses would send them, with `--concurrency` calls in flight each;
//     several at once, started apart, so the phases of a year overlap and the load stays even; the
//     services hear of each other's events over Kafka;
//   - police video interviews on the inbound Kafka topic (the CPR as a JWE under the service's key),
//     `--police-rate` a second;
//   - the dashboard's reports read every second.
// Each service's resident memory (RSS) is sampled every second. After `--warmup` s, the target: each
// service's mean RSS over the last minute within 10 % of its mean over the first minute.
// Needs: `npm run build`, PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS (`npm run infra:up`).
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fmt, machine, options, rssMiB, startBenchPlatform, table } from './support.mjs';

const require = createRequire(import.meta.url);
const demo = require('../../libs/demo-data/dist/index.js');
const { generateCpr } = require('../../libs/testing/dist/cpr.js');
const { mintDevelopmentToken } = require('../../libs/auth/dist/index.js');
const { encryptCprForTransport } = require('../../libs/child-identity/dist/index.js');
const { Topics } = require('../../libs/contracts/dist/index.js');
const { createKafka, qualifiedTopic } = require('../../libs/messaging/dist/index.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Small demo years, one after another with a new seed each, until `until` (ms since epoch). */
async function demoLoad(urls, until, concurrency, totals, startAfterMs) {
  await sleep(startAfterMs);
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4)) - 1;
  for (let seed = 1000 + Math.floor(Math.random() * 1e9); Date.now() < until; seed++) {
    const plan = demo.planFor({ seed, scale: 'small', fromYear: year, toYear: year, today });
    const result = await demo.loadPlan(plan, { urls, concurrency, maxFailures: 1000 });
    totals.calls += result.calls;
    totals.retries += result.retries;
    totals.failures += result.failures.length;
    totals.years += 1;
  }
}

/** Police interviews on the inbound topic at `rate` a second, until `until`. */
async function policeLoad(kafka, settings, sectorCoordinationUrl, rate, until, totals) {
  const { keys } = await (await fetch(`${sectorCoordinationUrl}/v1/video-interviews/encryption-key`)).json();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const topic = qualifiedTopic(settings, Topics.inboundPoliceVideoInterviews);
  const run = randomBytes(3).toString('hex');
  try {
    for (let n = 1; Date.now() < until; n++) {
      const interviewId = `SOAK-${run}-${n}`;
      const cpr = generateCpr(`201${n % 10}-0${1 + (n % 9)}-1${n % 10}`, n % 2 ? 'male' : 'female', n);
      await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: interviewId,
            value: JSON.stringify({ interviewId, policeDistrict: 'oestjylland', childCprEncrypted: await encryptCprForTransport(cpr, keys[0]), municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-04-02' }),
            headers: { ce_specversion: '1.0', ce_id: randomUUID(), ce_type: 'dk.politi.video-interview.v1', ce_source: '/politi/oestjylland/video-interviews', ce_time: new Date().toISOString(), 'content-type': 'application/json' },
          },
        ],
      });
      totals.police += 1;
      await sleep(1000 / rate);
    }
  } finally {
    await producer.disconnect();
  }
}

/** The dashboard's reports, once a second, until `until`. */
async function readLoad(reportingUrl, until, totals) {
  const token = await mintDevelopmentToken({ role: 'ops', subject: 'bench-soak-ops', expiresInSeconds: 24 * 3600 });
  const year = new Date().getUTCFullYear() - 1;
  const paths = [`/v1/reports/usage?year=${year}`, `/v1/reports/lead-times?year=${year}`, `/v1/reports/video-interviews-not-referred?year=${year}&groupBy=month`, `/v1/reports/annual-statistics?year=${year}`, '/v1/reports/activity'];
  while (Date.now() < until) {
    for (const p of paths) {
      const response = await fetch(`${reportingUrl}${p}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      await response?.arrayBuffer();
      const answer = `${p.split('?')[0]} ${response?.status ?? 'error'}`;
      totals.reads[answer] = (totals.reads[answer] ?? 0) + 1;
    }
    await sleep(1000);
  }
}

export async function run(argv) {
  const o = options(argv, { duration: 600, warmup: 120, loaders: 3, concurrency: 8, policeRate: 5, port: 3591 });
  console.log(`# Memory soak: the four services under mixed load for ${o.duration} s after ${o.warmup} s warm-up (${o.loaders} demo loaders with ${o.concurrency} API calls in flight each, ${o.policeRate} police messages/s, reports every second)\n# ${machine()}\n`);
  const platform = await startBenchPlatform('soak', o.port);
  const services = Object.keys(platform.services);
  const settings = platform.kafkaSettings;
  const kafka = createKafka(settings);
  const urls = { referrals: platform.services.referrals.url, caseLifecycle: platform.services['case-lifecycle'].url, sectorCoordination: platform.services['sector-coordination'].url, reporting: platform.services.reporting.url };
  const totals = { calls: 0, retries: 0, failures: 0, years: 0, police: 0, reads: {} };
  const samples = Object.fromEntries(services.map((s) => [s, []]));
  try {
    const started = Date.now();
    const until = started + (o.warmup + o.duration) * 1000;
    const sampler = setInterval(() => {
      const t = (Date.now() - started) / 1000;
      for (const s of services) samples[s].push({ t, rss: rssMiB(platform.services[s].pid) });
    }, 1000);
    const progress = setInterval(() => process.stderr.write(`\r  ${((Date.now() - started) / 1000).toFixed(0)} s: ${fmt.int(totals.calls)} API calls, ${fmt.int(totals.police)} police messages, RSS ${services.map((s) => `${s} ${samples[s].at(-1)?.rss.toFixed(0) ?? '?'}`).join(' ')} MiB   `), 5000);
    await Promise.all([...Array.from({ length: o.loaders }, (_, i) => demoLoad(urls, until, o.concurrency, totals, i * 20000)), policeLoad(kafka, settings, urls.sectorCoordination, o.policeRate, until, totals), readLoad(urls.reporting, until, totals)]);
    clearInterval(sampler);
    clearInterval(progress);
    process.stderr.write('\n');
    const elapsed = (Date.now() - started) / 1000;

    const rows = [];
    const verdicts = [];
    for (const s of services) {
      const after = samples[s].filter((x) => x.t >= o.warmup);
      const first = after.filter((x) => x.t < o.warmup + 60).map((x) => x.rss);
      const last = after.filter((x) => x.t >= after.at(-1).t - 60).map((x) => x.rss);
      const change = mean(last) / mean(first) - 1;
      rows.push({ service: s, 'RSS MiB at start': samples[s][0]?.rss.toFixed(0), 'first minute after warm-up': mean(first).toFixed(0), 'last minute': mean(last).toFixed(0), change: `${(change * 100).toFixed(1)} %`, max: Math.max(...samples[s].map((x) => x.rss)).toFixed(0) });
      verdicts.push({ s, first: mean(first), last: mean(last), change, met: Math.abs(change) <= 0.1 && o.duration >= 600 && totals.calls > 0 });
    }
    console.log(table(['service', 'RSS MiB at start', 'first minute after warm-up', 'last minute', 'change', 'max'], rows));
    console.log(`\nload in ${elapsed.toFixed(0)} s: ${fmt.int(totals.calls)} API calls (${totals.years} small demo years; ${fmt.int(totals.retries)} retried, ${totals.failures} failed work items), ${fmt.int(totals.police)} police messages over Kafka, report reads ${JSON.stringify(totals.reads)}`);
    console.log('');
    for (const v of verdicts) console.log(`TARGET soak-rss-${v.s}: ${v.last.toFixed(0)} MiB in the last minute vs ${v.first.toFixed(0)} MiB in the first after warm-up (${(v.change * 100).toFixed(1)} %) over ${o.duration} s (target within 10 % over 600 s) ${v.met ? 'met' : 'NOT MET'}`);
  } finally {
    await platform.stop();
  }
}
