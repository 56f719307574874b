import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { authHeaders, generateCpr, privateKafka, waitFor, workspaceRoot } from '@sagsspor/testing';
import { getJson, postJson, type RunningPlatform, startPlatform } from './platform';

// A first `npm start` (issue 20): the four services on a Kafka broker that has never had a topic
// or a consumer group (reset, as after a fresh clone), with fresh databases and topics. The broker
// warms up under them (the group coordinator loads __consumer_offsets, topics just created are not
// hosted yet) and kafkajs retries; none of that may reach the log as an error, and npm start, which
// shows only error-level lines, stays quiet. Then a first underretning goes through to reporting.
const kafka = privateKafka(Number(process.env.SAGSSPOR_E2E_QUIET_KAFKA_PORT ?? 19292));
const basePort = Number(process.env.SAGSSPOR_E2E_QUIET_BASE_PORT ?? 4200);

const levelOf = (line: string) => Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);

describe('a first start on a fresh broker is quiet: no error-level line', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    kafka.reset();
    kafka.start();
    platform = await startPlatform('quiet-start', basePort, { kafkaBrokers: kafka.brokers, readyTimeoutMs: 180_000 });
  }, 420_000);

  afterAll(async () => {
    mkdirSync(path.join(workspaceRoot, '.reports'), { recursive: true });
    writeFileSync(path.join(workspaceRoot, '.reports/quiet-start-platform.log'), (platform?.output ?? []).join('\n'));
    await platform?.stop();
    kafka.stop();
  }, 120_000);

  it('takes a first underretning through to reporting, and no service logged an error on the way', async () => {
    const underretning = { underretningId: 'QUIET-U-1', childCpr: generateCpr('2017-05-06', 'male', 3), municipalityCode: '751', receivedAt: '2026-03-04', concerns: ['violence'], source: 'school' };
    expect((await postJson(`${platform.url('referrals')}/v1/underretninger`, underretning, await authHeaders('municipality', { municipality: '751' }))).status).toBe(201);
    const ops = await authHeaders('ops');
    await waitFor(
      () => getJson(`${platform.url('reporting')}/v1/reports/activity`, ops),
      (r) => r.body?.underretningerReceived?.total === 1,
      { timeoutMs: 60_000, intervalMs: 500, what: 'reporting to count the first underretning' },
    );
    const errors = platform.output.filter((line) => levelOf(line) >= 50);
    expect(errors).toEqual([]);
    // The services did log: the check above read their JSON lines, not an empty output.
    expect(platform.output.filter((line) => levelOf(line) === 30).length).toBeGreaterThan(10);
  });
});
