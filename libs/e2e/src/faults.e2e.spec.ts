import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { privateKafka, privatePostgres, workspaceRoot } from '@sagsspor/testing';
import type { Kafka } from 'kafkajs';
import { allDeadLetters, consumedTopics, deadLetterLines, groupsOf, kafkaOf, redeliverOutOfOrder, sendPoison, waitForConsumersToCatchUp } from './kafka-faults';
import { type Answer, type DriverTotals, startLoadDriver } from './load-driver';
import { type RunningPlatform, type ServiceName, startPlatform } from './platform';
import { clean, reconcileWhenSettled } from './reconcile';

// Reliability under faults (docs/reliability.md): the four services as processes on a PostgreSQL
// cluster and a Kafka broker of this suite's own (so stopping them disturbs nobody), under steady
// load through the public APIs, one fault at a time. After each fault: every command a client got
// a 2xx for is in its service's event store once, the reporting read models hold exactly what the
// event stores hold, the dead-letter topics hold exactly the poison sent, and no client ever got a
// 500, a hang, or a 503 without Retry-After.

// Kafka's stop waits for a graceful shutdown; an outage test needs the broker gone, not tidy.
process.env.KAFKA_STOP_TIMEOUT ??= '5';
const basePort = Number(process.env.SAGSSPOR_E2E_FAULTS_BASE_PORT ?? 4100);
const kafka = privateKafka(Number(process.env.SAGSSPOR_E2E_FAULTS_KAFKA_PORT ?? 19192));
const postgres = privatePostgres(Number(process.env.SAGSSPOR_E2E_FAULTS_PG_PORT ?? 55433));
const KAFKA_OUTAGE_MS = Number(process.env.SAGSSPOR_E2E_FAULTS_KAFKA_OUTAGE_MS ?? 30_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reliability under faults, under steady load through the public APIs', () => {
  let platform: RunningPlatform;
  let client: Kafka;
  const all: DriverTotals = {
    accepted: { underretning: new Set(), referral: new Set(), accept: new Set(), close: new Set(), 'video-interview': new Set() },
    caseIdOfReferral: new Map(),
    answers: [],
  };

  /** Runs the load, injects the fault after a few seconds, lets the load run on, then finishes every started case. */
  async function underLoad(label: string, fault: () => Promise<void>) {
    const driver = startLoadDriver(platform, { prefix: label, ratePerSecond: 15 });
    await sleep(4000);
    const from = Date.now();
    await fault();
    const to = Date.now();
    await sleep(4000);
    try {
      await driver.drain(150_000);
    } finally {
      await driver.stop();
    }
    for (const kind of Object.keys(all.accepted) as (keyof DriverTotals['accepted'])[]) for (const id of driver.totals.accepted[kind]) all.accepted[kind].add(id);
    for (const [r, c] of driver.totals.caseIdOfReferral) all.caseIdOfReferral.set(r, c);
    all.answers.push(...driver.totals.answers);
    const answers = driver.totals.answers;
    const summary = Object.fromEntries(['accepted', 'retryable', 'not-yet', 'unreachable', 'violation'].map((c) => [c, answers.filter((a) => a.class === c).length]));
    const dropped = answers.filter((a) => a.class === 'unreachable' && a.cause !== 'ECONNREFUSED').map((a) => `${a.service} ${a.cause}`);
    process.stdout.write(`[faults] ${label}: ${answers.length} answers ${JSON.stringify(summary)}, connections dropped without an answer: ${JSON.stringify(dropped)}, fault ${Math.round((to - from) / 1000)} s\n`);
    return { answers, from, to };
  }

  /** Refused connections: the process was not there. */
  const refused = (answers: Answer[]) => answers.filter((a) => a.class === 'unreachable' && a.cause === 'ECONNREFUSED');
  const violations = (answers: Answer[]) => answers.filter((a) => a.class === 'violation').map((a) => `${a.kind} ${a.id}: ${a.status} ${a.code ?? ''}`);

  beforeAll(async () => {
    postgres.start();
    kafka.start();
    platform = await startPlatform('faults', basePort, {
      databaseUrl: postgres.url,
      kafkaBrokers: kafka.brokers,
      // Small pools: four services on one private cluster. A killed service's partitions go to its
      // restarted self after 10 s instead of Kafka's 30 s.
      env: { DATABASE_POOL_SIZE: '8', KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '10000' },
      readyTimeoutMs: 180_000,
    });
    client = kafkaOf(platform);
  }, 420_000);

  afterAll(async () => {
    // The services' own lines, for a failure's post-mortem.
    mkdirSync(path.join(workspaceRoot, '.reports'), { recursive: true });
    writeFileSync(path.join(workspaceRoot, '.reports/faults-platform.log'), (platform?.output ?? []).join('\n'));
    await platform?.stop();
    postgres.destroy();
    kafka.stop();
  }, 120_000);

  it('(c) PostgreSQL stopped for 8 s, then started: 503 with Retry-After meanwhile, nothing lost, nothing twice', async () => {
    const { answers } = await underLoad('pg', async () => {
      postgres.stop('fast');
      await sleep(8000);
      postgres.start();
    });
    expect(violations(answers)).toEqual([]);
    expect(refused(answers)).toEqual([]);
    expect(answers.some((a) => a.status === 503 && a.retryAfter)).toBe(true); // the outage was seen, and answered well
    expect(await reconcileWhenSettled(platform, all)).toEqual(clean);
  }, 300_000);

  it.each<[ServiceName]>([['referrals'], ['case-lifecycle'], ['reporting']])('(b) %s killed with SIGKILL mid-work, then restarted: nothing lost, nothing twice', async (service) => {
    const { answers } = await underLoad(`kill-${service}`, async () => {
      await platform.kill(service, 'SIGKILL');
      await sleep(2000);
      await platform.restart(service);
    });
    expect(violations(answers)).toEqual([]);
    // While the process is away its port refuses connections: clear to the client, and retried.
    expect([...new Set(refused(answers).map((a) => a.service))].filter((s) => s !== service)).toEqual([]);
    expect(await reconcileWhenSettled(platform, all)).toEqual(clean);
  }, 300_000);

  it(`(a) Kafka stopped for ${KAFKA_OUTAGE_MS / 1000} s, then restarted: commands keep being accepted, every event arrives once`, async () => {
    const { answers } = await underLoad('kafka', async () => {
      kafka.stop();
      await sleep(KAFKA_OUTAGE_MS);
      kafka.start();
    });
    expect(violations(answers)).toEqual([]);
    expect(refused(answers)).toEqual([]);
    expect(await reconcileWhenSettled(platform, all, 150_000)).toEqual(clean);
    await waitForConsumersToCatchUp(platform, client);
    expect(deadLetterLines(platform, await allDeadLetters(platform, client))).toEqual([]);
  }, 420_000);

  it('(d) every published event delivered again, shuffled: no second effect anywhere, nothing dead-lettered', async () => {
    let copies: Record<string, number> = {};
    const { answers } = await underLoad('dup', async () => {
      copies = await redeliverOutOfOrder(platform, client);
    });
    expect(Object.values(copies).every((n) => n > 0)).toBe(true);
    expect(violations(answers)).toEqual([]);
    await waitForConsumersToCatchUp(platform, client);
    expect(await reconcileWhenSettled(platform, all)).toEqual(clean);
    expect(deadLetterLines(platform, await allDeadLetters(platform, client))).toEqual([]);
  }, 300_000);

  it('(e) poison messages on every consumed topic: each consumer dead-letters exactly those, and goes on', async () => {
    let poison: Awaited<ReturnType<typeof sendPoison>> = [];
    const { answers } = await underLoad('poison', async () => {
      poison = await sendPoison(platform, client, 'poison');
    });
    expect(new Set(poison.map((p) => p.topic))).toEqual(new Set(consumedTopics));
    expect(violations(answers)).toEqual([]);
    await waitForConsumersToCatchUp(platform, client);
    const expected = poison.flatMap((p) => groupsOf(platform, p.topic).map((g) => `${p.topic} ${p.key} ${g.replace(`${platform.namespace}.`, '')}`)).sort();
    expect(deadLetterLines(platform, await allDeadLetters(platform, client))).toEqual(expected);
    expect(await reconcileWhenSettled(platform, all)).toEqual(clean);
  }, 300_000);

  it('over the whole run: no 500, no hang, every 503 with Retry-After, and real work was done', () => {
    expect(all.answers.filter((a) => a.status === 'timeout' || (typeof a.status === 'number' && a.status >= 500 && !(a.status === 503 && a.retryAfter)))).toEqual([]);
    expect(all.accepted.close.size).toBeGreaterThan(50);
    expect(all.accepted['video-interview'].size).toBeGreaterThan(20);
  });
});
