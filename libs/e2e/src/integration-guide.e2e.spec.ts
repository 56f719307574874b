import path from 'node:path';
import { bashExamplesOf, type ExampleRun, runExamples } from './guide-examples';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { getJson, type RunningPlatform, startPlatform } from './platform';

const repoRoot = path.resolve(__dirname, '../../..');
const guide = path.join(repoRoot, 'docs/integration-guide.md');
const defaultPorts: Record<string, 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting'> = {
  '3001': 'referrals',
  '3002': 'case-lifecycle',
  '3003': 'sector-coordination',
  '3004': 'reporting',
};

describe('docs/integration-guide.md: every curl example works against a live stack', () => {
  let platform: RunningPlatform;
  let runs: ExampleRun[];

  beforeAll(async () => {
    platform = await startPlatform('guide', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3601) + 30);
    // The guide is written for `npm start`'s ports; here each service listens on a port of this run.
    const toThisRun = (script: string) => script.replace(/localhost:(300[1-4])/g, (_, port: string) => platform.url(defaultPorts[port]).replace(/^https?:\/\//, ''));
    // The police kit produces to this run's namespaced inbound topic (npm start has no namespace).
    runs = runExamples(bashExamplesOf(guide), repoRoot, toThisRun, { ...process.env, INBOUND_TOPIC: `${platform.namespace}.sagsspor.inbound.police.video-interviews.v1` });
  }, 420000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('has examples for every step of a case, in order', () => {
    const scripts = runs.map((r) => r.example.script).join('\n');
    for (const call of ['/v1/underretninger', '/decisions', '/v1/referrals', '/accept', '/v1/video-interviews', '/v1/case-conferences', '/police-release', '/services', '/suspects', '/close', '/v1/reports/']) {
      expect(scripts).toContain(call);
    }
  });

  it('runs each example without error, and each shows what the guide says it shows', () => {
    for (const run of runs) {
      const where = `docs/integration-guide.md:${run.example.line}`;
      // A failing example shows its output in the diff.
      expect({ where, status: run.status, ...(run.status === 0 ? {} : { output: run.output }) }).toEqual({ where, status: 0 });
      if (run.example.expect) expect({ where, output: run.output.replace(/\s+/g, '') }).toEqual({ where, output: expect.stringContaining(run.example.expect.replace(/\s+/g, '')) });
    }
  });

  it('the case the guide walks through is closed, and the lead-time report counts it', async () => {
    expect(runs.map((r) => r.output).join('\n')).toMatch(/"status":"closed"/);
    const ops = await authHeaders('ops');
    const report = await waitFor(
      () => getJson(`${platform.url('reporting')}/v1/reports/lead-times?year=2026&house=midt`, ops),
      (r) => r.body?.all?.closed?.count === 1,
      { timeoutMs: 30000, intervalMs: 250, what: 'the closed case in the lead-time report' },
    );
    expect(report.body.all.closed).toMatchObject({ count: 1, averageDays: 27, within90: { count: 1, percent: 100 } });
  });

  it('the integrator kits of section 9 ran: the municipal client\'s referral is there once, the police kit\'s interview came over Kafka', async () => {
    const scripts = runs.map((r) => r.example.script).join('\n');
    expect(scripts).toContain('node docs/examples/municipal-client.mjs');
    expect(scripts).toContain('node docs/examples/police-video-interview-producer.mjs');
    const municipality = await authHeaders('municipality', { municipality: '751' });
    const referral = await getJson(`${platform.url('referrals')}/v1/referrals/AAR-KIT-R-1`, municipality);
    expect(referral).toMatchObject({ status: 200, body: { referralId: 'AAR-KIT-R-1', underretningId: 'AAR-KIT-U-1', status: 'submitted', houseCode: 'midt' } });
    const interview = await getJson(`${platform.url('sector-coordination')}/v1/video-interviews/OJP-KIT-VA-1?policeDistrict=oestjylland`, await authHeaders('police'));
    expect(interview).toMatchObject({ status: 200, body: { interviewId: 'OJP-KIT-VA-1', revision: 1, revisions: [{ receivedVia: 'kafka' }] } });
    expect(JSON.stringify(interview.body)).not.toContain('150317');
  });
});
