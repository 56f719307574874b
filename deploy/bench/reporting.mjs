// `npm run bench -- reporting [--years 10] [--scale 1] [--seed 1] [--connections 8] [--duration 10] [--main services/reporting/dist/main.js] [--profile DIR] [--reports no]`
//
// The reporting service on national volumes: `--years` of public integration events at national
// scale (`--scale 1`: ~140,000 underretninger and ~1,450 børnehus cases a year with their
// referrals, interviews, services, suspects, conferences and mandatory-referral gaps; ~1.5 million
// events for ten years) are produced straight onto a fresh topic namespace, as the relays would
// publish them. Then it starts the reporting service on a fresh database and measures:
//   1. rebuild: POST /v1/admin/projections/{facts,activity}/rebuilds at once, over every event (events/s),
//      while the live consumer catches up on the same events (both figures are lower bounds);
//   2. the live consumer's rate meanwhile (events/s);
//   3. report queries, once the rebuilt generation is live and the live consumer has caught up (or
//      stopped gaining for 10 s): each report endpoint under autocannon (`--connections`, `--duration` s):
//      requests/s, p50 and p99 latency. The lead-time trend (one request for the twelve months the
//      dashboard used to ask for one by one) is timed when the service has it.
//   4. with summary read models (ADR 0046): the database's work (EXPLAIN ANALYZE: rows, pages, ms)
//      of the fact-table reads the reports ran before against the summary reads, on the same data.
// `--reports no` stops after the rebuilds (their TARGET lines and the live consumer's).
// `--main` runs another build of the service (e.g. a copy of main's dist, for a before/after run).
// `--profile DIR` writes a `node --cpu-prof` profile of the service process into DIR
// (`node deploy/bench/profile-summary.mjs DIR/reporting.cpuprofile` says where its CPU went).
// Needs: `npm run build`, PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS (`npm run infra:up`).
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { DATABASE_URL, KAFKA_BROKERS, cleanUpOnExit, cpuSeconds, createDatabase, dropDatabases, fmt, machine, options, seededRandom, table } from './support.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const contracts = require('../../libs/contracts/dist/index.js');
const { municipalities, policeDistricts } = require('../../libs/reference-data/dist/index.js');
const { createKafka, declaredTopicSpecs, ensureTopics, kafkaSettingsFromEnv, qualifiedTopic, toKafkaMessage } = require('../../libs/messaging/dist/index.js');
const { mintDevelopmentToken } = require('../../libs/auth/dist/index.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pad = (n) => String(n).padStart(2, '0');
const isoDay = (year, dayOfYear) => new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const childRefOf = (n) => createHash('sha256').update(`bench-child-${n}`).digest('hex');

/** The events of one year, in publishing order, as [definition, data] pairs. */
export function* yearOfEvents(year, scale, random, lastDay) {
  const pick = (items) => items[Math.floor(random() * items.length)];
  const day = () => isoDay(year, Math.floor(random() * 365));
  const child = () => {
    const n = Math.floor(random() * 1e9);
    return { childRef: childRefOf(n), childSex: random() < 0.6 ? 'female' : 'male', childAgeYears: Math.floor(random() * 18) };
  };
  const underretninger = Math.round(140000 * scale);
  for (let i = 0; i < underretninger; i++) {
    const m = pick(municipalities);
    yield [contracts.UnderretningReceivedV1, { underretningId: `B-${year}-U-${i}`, municipalityCode: m.code, ...child(), receivedAt: day(), concerns: [pick(['violence', 'sexual', 'psychological', 'neglect', 'other'])], source: pick(['school', 'daycare', 'health', 'police', 'citizen']) }];
  }
  const cases = Math.round(1450 * scale);
  for (let i = 0; i < cases; i++) {
    const m = pick(municipalities);
    const c = child();
    const referredAt = day();
    const acceptedAt = addDays(referredAt, 1 + Math.floor(random() * 5));
    const closedAt = addDays(acceptedAt, 30 + Math.floor(random() * 150));
    const caseId = randomUUID();
    const abuseTypes = [pick(['violence', 'sexual', 'psychological'])];
    const facts = { referralId: `B-${year}-R-${i}`, ...c, municipalityCode: m.code, houseCode: m.defaultHouse, referredAt, municipalityAwareAt: addDays(referredAt, -3), abuseTypes, caseKind: 'abuse', underretningId: `B-${year}-U-${i}` };
    const intake = { caseId, referralId: facts.referralId, ...c, municipalityCode: m.code, houseCode: m.defaultHouse, caseKind: 'abuse', abuseTypes, referredAt, municipalityAwareAt: facts.municipalityAwareAt, openedAt: acceptedAt };
    yield [contracts.ReferralSubmittedV1, facts];
    yield [contracts.ReferralAcceptedV1, { ...facts, caseId, acceptedAt }];
    yield [contracts.CaseOpenedV1, intake];
    if (random() < 0.6) {
      const conductedAt = addDays(referredAt, -2);
      yield [contracts.VideoInterviewRecordedV1, { interviewId: `B-${year}-VA-${i}`, revision: 1, policeDistrict: pick(policeDistricts).code, ...c, municipalityCode: m.code, houseCode: m.defaultHouse, conductedAt, reportedToPoliceAt: addDays(conductedAt, -5), requestedAt: addDays(conductedAt, -4), reinterview: false, daysFromReport: 5, lateAgainstTarget: false }];
    }
    yield [contracts.CaseConferenceHeldV1, { conferenceId: `B-${year}-SR-${i}`, caseId, houseCode: m.defaultHouse, kind: 'coordinating', heldAt: addDays(acceptedAt, 2), participants: [{ sector: 'municipality', mode: 'attended' }, { sector: 'police', mode: 'phone' }, { sector: 'boernehus', mode: 'attended' }] }];
    for (let s = 0; s < 2; s++) {
      yield [contracts.CaseServiceDeliveredV1, { caseId, houseCode: m.defaultHouse, municipalityCode: m.code, serviceId: `S-${s}`, kind: 'crisis-conversation', provider: 'boernehus', recipient: 'carer', deliveredAt: addDays(acceptedAt, 3 + s) }];
    }
    yield [contracts.CaseSuspectRegisteredV1, { caseId, houseCode: m.defaultHouse, suspectId: 'SU-1', sex: 'male', relation: pick(['parent', 'step-parent', 'acquaintance']), ageGroup: '30-49' }];
    if (closedAt <= lastDay) {
      const leadTimeDays = Math.round((Date.parse(closedAt) - Date.parse(acceptedAt)) / 86400000);
      yield [contracts.CaseClosedV1, { ...intake, closedAt, outcome: random() < 0.9 ? 'completed' : 'interrupted', closingMemoSentAt: addDays(closedAt, -3), leadTimeDays, revision: 1 }];
    }
  }
  for (let i = 0; i < Math.round(500 * scale); i++) {
    const m = pick(municipalities);
    const conductedAt = day();
    yield [contracts.VideoInterviewRecordedV1, { interviewId: `B-${year}-VA-NR-${i}`, revision: 1, policeDistrict: pick(policeDistricts).code, ...child(), municipalityCode: m.code, houseCode: m.defaultHouse, conductedAt, reinterview: false, lateAgainstTarget: false }];
  }
  for (let i = 0; i < Math.round(300 * scale); i++) {
    const m = pick(municipalities);
    const criteriaMetAt = day();
    const gapId = `gap-B-${year}-G-${i}`;
    const c = child();
    yield [contracts.MandatoryReferralGapOpenedV1, { gapId, underretningId: `B-${year}-G-${i}`, municipalityCode: m.code, houseCode: m.defaultHouse, ...c, criteriaMetAt, referralDueBy: addDays(criteriaMetAt, 14), referralWindowDays: 14, policeInvolvement: 'consulted', openedAt: addDays(criteriaMetAt, 15) }];
    if (random() < 0.5) {
      yield [contracts.MandatoryReferralGapClosedV1, { gapId, underretningId: `B-${year}-G-${i}`, municipalityCode: m.code, childRef: c.childRef, referralId: `B-${year}-GR-${i}`, referredAt: addDays(criteriaMetAt, 30), daysOverdue: 16 }];
    }
  }
}

async function produceAll(kafka, settings, { years, scale, seed, lastYear }) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const contractTopics = [...new Set(contracts.integrationEventCatalog.map((d) => d.topic))];
  const topics = contractTopics.map((t) => qualifiedTopic(settings, t));
  await ensureTopics(kafka, declaredTopicSpecs(settings, contractTopics));
  const random = seededRandom(seed);
  const lastDay = `${lastYear}-12-31`;
  let count = 0;
  let batch = new Map();
  const flush = async () => {
    await producer.sendBatch({ topicMessages: [...batch].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
    batch = new Map();
  };
  const started = Date.now();
  for (let year = lastYear - years + 1; year <= lastYear; year++) {
    for (const [definition, data] of yearOfEvents(year, scale, random, lastDay)) {
      const errors = contracts.validateIntegrationEventData(definition.type, data);
      if (errors.length > 0) throw new Error(`generated ${definition.type} is invalid: ${errors.join('; ')}`);
      const topic = qualifiedTopic(settings, definition.topic);
      if (!batch.has(topic)) batch.set(topic, []);
      const key = data.caseId ?? data.childRef ?? data.gapId;
      batch.get(topic).push(toKafkaMessage({ id: randomUUID(), type: definition.type, source: definition.source, time: new Date().toISOString(), partitionKey: key, data }));
      if (++count % 5000 === 0) {
        await flush();
        process.stderr.write(`\r  produced ${fmt.int(count)} events`);
      }
    }
  }
  await flush();
  await producer.disconnect();
  process.stderr.write(`\r  produced ${fmt.int(count)} events in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return { count, topics: topics.map((t) => qualifiedTopic(settings, t)) };
}

/** Events the live consumer has applied: its inbox rows (its offsets are committed only per Kafka batch). */
async function inboxRows(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM inbox')).rows[0].n);
  } finally {
    await client.end();
  }
}

function folk1a(year, random) {
  const rows = ['OMRÅDE;ALDER;TID;INDHOLD'];
  for (const m of municipalities) {
    const perAge = 100 + Math.floor(random() * 3000);
    for (let age = 0; age <= 17; age++) rows.push(`${m.name};${age} år;${year}K1;${perAge}`);
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

const targetLine = (name, measured, atLeast, unit) => `TARGET ${name}: ${fmt.int(measured)} ${unit} (target ≥ ${fmt.int(atLeast)} ${unit}) ${measured >= atLeast ? 'met' : 'NOT MET'}`;

async function timeQueries(url, token, endpoints, { connections, duration, pid }) {
  const rows = [];
  for (const [name, pathAndQuery] of endpoints) {
    const check = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    if (!check.ok) throw new Error(`${pathAndQuery} answered ${check.status}: ${await check.text()}`);
    const cpuBefore = cpuSeconds(pid);
    const r = await autocannon({ url: `${url}${pathAndQuery}`, connections, duration, headers: { authorization: `Bearer ${token}` } });
    const cpuMsPerRequest = ((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, r.requests.total);
    rows.push({
      report: name,
      'requests/s': fmt.int(r.requests.average),
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      'service CPU ms/request': cpuMsPerRequest.toFixed(2),
      'non-2xx': r.non2xx,
      'target p99 < 50 ms': r.latency.p99 < 50 && r.non2xx === 0 ? 'met' : 'NOT met',
    });
  }
  return rows;
}

/** The database's work for one read: EXPLAIN (ANALYZE, BUFFERS) of each statement, summed; the median of `runs` repetitions. */
async function databaseWork(client, statements, runs = 15) {
  const samples = [];
  for (let r = 0; r < runs; r++) {
    let ms = 0;
    let pages = 0;
    let rows = 0;
    for (const [sql, params] of statements) {
      const [{ 'QUERY PLAN': [plan] }] = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows;
      ms += plan['Execution Time'];
      pages += plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'];
      rows += plan.Plan['Actual Rows'];
    }
    samples.push({ ms, pages, rows });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

/**
 * The reads the summaries replaced, side by side on the same data: the fact-table aggregation the
 * reports ran before (and the dashboard's twelve monthly lead-time reads) against the summary
 * reads. Pages (shared buffers touched) do not depend on the machine's load; milliseconds do.
 */
async function summaryReads(databaseUrl, y) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const schemas = (await client.query('SELECT live_schema FROM projection_generations ORDER BY projection')).rows.map((r) => `"${r.live_schema}"`);
    await client.query(`SET search_path = ${[...schemas, 'public'].join(', ')}`);
    if (!(await client.query(`SELECT to_regclass('closed_cases_by_day') IS NOT NULL AS ok`)).rows[0].ok) return undefined;
    const from = `${y}-01-01`;
    const until = `${y + 1}-01-01`;
    const months = Array.from({ length: 12 }, (_, i) => [`${y}-${pad(i + 1)}-01`, i === 11 ? until : `${y}-${pad(i + 2)}-01`]);
    const reads = [
      [
        'usage: closed cases by municipality and by house',
        [`SELECT municipality_code, count(*) FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1`, `SELECT house_code, count(*) FROM case_closures WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1`].map((q) => [q, [from, until]]),
        [`SELECT municipality_code, sum(cases) FROM closed_cases_by_year WHERE year = $1 GROUP BY 1`, `SELECT house_code, sum(cases) FROM closed_cases_by_year WHERE year = $1 GROUP BY 1`].map((q) => [q, [y]]),
      ],
      [
        'lead times: lead times of the closed cases, waits of the opened',
        [`SELECT house_code, (closed_at - opened_at) FROM case_closures WHERE closed_at >= $1 AND closed_at < $2`, `SELECT house_code, (opened_at - referred_at) FROM case_intakes WHERE opened_at >= $1 AND opened_at < $2`].map((q) => [q, [from, until]]),
        [`SELECT house_code, lead_time_days, cases FROM closed_cases_by_day WHERE closed_at >= $1 AND closed_at < $2`, `SELECT house_code, waiting_days, cases FROM opened_cases_by_day WHERE opened_at >= $1 AND opened_at < $2`].map((q) => [q, [from, until]]),
      ],
      [
        'lead-time trend of a year: 12 monthly reads (before) or one (after)',
        months.map(([f, u]) => [`SELECT house_code, (closed_at - opened_at) FROM case_closures WHERE closed_at >= $1 AND closed_at < $2`, [f, u]]),
        [[`SELECT to_char(closed_at, 'YYYY-MM'), lead_time_days, sum(cases) FROM closed_cases_by_day WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1, 2`, [from, until]]],
      ],
      ['activity: items per metric and dimension', [[`SELECT metric, dimension, count(*) FROM activity_facts GROUP BY 1, 2`, []]], [[`SELECT metric, dimension, items FROM activity_totals`, []]]],
    ];
    const rows = [];
    for (const [what, facts, summaries] of reads) {
      const before = await databaseWork(client, facts);
      const after = await databaseWork(client, summaries);
      rows.push({ read: what, 'facts: statements': facts.length, 'facts: rows': fmt.int(before.rows), 'facts: pages': fmt.int(before.pages), 'facts: ms': before.ms.toFixed(2), 'summaries: statements': summaries.length, 'summaries: rows': fmt.int(after.rows), 'summaries: pages': fmt.int(after.pages), 'summaries: ms': after.ms.toFixed(2) });
    }
    return rows;
  } finally {
    await client.end();
  }
}

export async function run(argv) {
  const o = options(argv, { years: 10, scale: 1, seed: 1, connections: 8, duration: 10, port: 3392, lastYear: 2025, main: 'services/reporting/dist/main.js', profile: '', reports: 'yes' });
  cleanUpOnExit(dropDatabases);
  const namespace = `bench-reporting-${randomBytes(3).toString('hex')}`;
  const settings = kafkaSettingsFromEnv('sagsspor-bench', { ...process.env, KAFKA_BROKERS: KAFKA_BROKERS.join(','), KAFKA_TOPIC_NAMESPACE: namespace });
  const kafka = createKafka(settings);
  console.log(`# reporting on national volumes: ${o.years} years to ${o.lastYear}, scale ${o.scale}, seed ${o.seed}\n# ${machine()}\n`);
  const { count, topics } = await produceAll(kafka, settings, o);

  const database = await createDatabase('reporting');
  const started = Date.now();
  const nodeArgs = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(o.profile)}`, '--cpu-prof-name=reporting.cpuprofile'] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(repoRoot, o.main)], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(o.port), DATABASE_URL, DATABASE_NAME: database.name, KAFKA_BROKERS: KAFKA_BROKERS.join(','), KAFKA_TOPIC_NAMESPACE: namespace, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${o.port}`;
  try {
    while (!(await fetch(`${url}/health`).then((r) => r.ok).catch(() => false))) {
      if (child.exitCode !== null) throw new Error(`reporting exited with ${child.exitCode}`);
      await sleep(250);
    }
    // The rebuild starts at once, while the live consumer is still catching up on the same events:
    // both compete for the two cores, so each figure is a lower bound. Once the rebuild has swapped
    // in, the reports see every event (the live consumer goes on applying the rest idempotently).
    const results = [];
    const targets = [];
    const admin = await mintDevelopmentToken({ role: 'admin', subject: 'bench-reporting', expiresInSeconds: 24 * 3600 });
    for (const projection of ['facts', 'activity']) {
      const rebuildStarted = Date.now();
      const startAnswer = await fetch(`${url}/v1/admin/projections/${projection}/rebuilds`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
      if (!startAnswer.ok) throw new Error(`rebuild answered ${startAnswer.status}: ${await startAnswer.text()}`);
      let rebuild = await startAnswer.json();
      while (rebuild.status === 'reading' || rebuild.status === 'swapping') {
        await sleep(1000);
        rebuild = await (await fetch(`${url}/v1/admin/projections/${projection}/rebuilds/${rebuild.rebuildId}`, { headers: { authorization: `Bearer ${admin}` } })).json();
        process.stderr.write(`\r  rebuild ${projection}: ${fmt.int(rebuild.eventsRead)} of ${fmt.int(rebuild.eventsTotal)} events`);
      }
      process.stderr.write('\n');
      if (rebuild.status !== 'done') throw new Error(`rebuild ${rebuild.status}: ${rebuild.error}`);
      const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
      results.push({ what: `rebuild of the ${projection} projection, a batch per transaction (target ≥ 30,000 events/s)`, events: fmt.int(rebuild.eventsTotal), seconds: rebuildSeconds.toFixed(1), 'events/s': fmt.int(rebuild.eventsTotal / rebuildSeconds) });
      targets.push(targetLine(`reporting-rebuild-${projection}`, rebuild.eventsTotal / rebuildSeconds, 30000, 'events/s'));
    }
    const liveSeconds = (Date.now() - started) / 1000;
    const liveApplied = await inboxRows(database.url);
    results.push({ what: 'live consumer meanwhile, a Kafka batch per transaction with its inbox rows (from service start)', events: fmt.int(liveApplied), seconds: liveSeconds.toFixed(1), 'events/s': fmt.int(liveApplied / liveSeconds) });
    targets.push(targetLine('reporting-live-consumer', liveApplied / liveSeconds, 5000, 'events/s'));
    console.log(table(['what', 'events', 'seconds', 'events/s'], results));
    if (o.reports === 'no') {
      console.log(`\n(--reports no: the reports were not timed)\n\n${targets.join('\n')}`);
      return;
    }

    const random = seededRandom(o.seed + 1);
    for (let year = o.lastYear - o.years + 1; year <= o.lastYear; year++) {
      const put = await fetch(`${url}/v1/reference/population/${year}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: folk1a(year, random) });
      if (!put.ok) throw new Error(`population ${year} answered ${put.status}: ${await put.text()}`);
    }
    // Reports are timed once the live consumer has caught up: every event has its inbox row, or
    // the count has not grown for 10 s (bounded, so a consumer that skips some cannot hang the run).
    for (let last = -1, still = 0; still < 10; ) {
      const applied = await inboxRows(database.url);
      process.stderr.write(`\r  live consumer: ${fmt.int(applied)} of ${fmt.int(count)} events`);
      if (applied >= count) break;
      still = applied === last ? still + 1 : 0;
      last = applied;
      await sleep(1000);
    }
    process.stderr.write('\n');
    const ops = await mintDevelopmentToken({ role: 'ops', subject: 'bench-reporting', expiresInSeconds: 24 * 3600 });
    const y = o.lastYear;
    const endpoints = [
      ['usage by municipality', `/v1/reports/usage?year=${y}&groupBy=municipality`],
      ['lead times, national', `/v1/reports/lead-times?year=${y}`],
      ['video interviews not referred by month', `/v1/reports/video-interviews-not-referred?from=${y}-01-01&to=${y}-12-31&groupBy=month`],
      ['mandatory-referral gaps by municipality', `/v1/reports/mandatory-referral-gaps?from=${y}-01-01&to=${y}-12-31&groupBy=municipality`],
      ['annual statistics', `/v1/reports/annual-statistics?year=${y}`],
      ['activity', `/v1/reports/activity`],
    ];
    const trend = `/v1/reports/lead-times/trend?year=${y}`;
    if ((await fetch(`${url}${trend}`, { headers: { authorization: `Bearer ${ops}` } })).status !== 404) endpoints.push(['lead-time trend, 12 months in one request', trend]);
    else console.log('(this build has no lead-time trend endpoint: the dashboard asks for each month with GET /v1/reports/lead-times)');
    const reports = await timeQueries(url, ops, endpoints, { ...o, pid: child.pid });
    console.log(`\n${table(['report', 'requests/s', 'p50 ms', 'p99 ms', 'service CPU ms/request', 'non-2xx', 'target p99 < 50 ms'], reports)}`);
    const reads = await summaryReads(database.url, y);
    if (reads) console.log(`\n${table(Object.keys(reads[0]), reads)}`);
    for (const r of reports) targets.push(`TARGET reporting-p99 ${r.report}: ${r['p99 ms']} ms (target < 50 ms) ${r['target p99 < 50 ms'] === 'met' ? 'met' : 'NOT MET'}`);
    console.log(`\n${targets.join('\n')}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await dropDatabases();
  }
}
