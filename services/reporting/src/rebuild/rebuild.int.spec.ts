import type { IntegrationEvent } from '@sagsspor/contracts';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import fc from 'fast-check';
import { applyChanges, createGeneration, dropGeneration, dumpGeneration, liveGenerations } from '../projections/projection-store';
import { projectionNamed } from '../projections/projections';
import { eventsOf, inVersions, type Versions, worldArbitrary } from '../test-support/event-arbitraries';
import { caseEvents, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

const cases = (n: number, year = 2024) =>
  Array.from({ length: n }, (_, i) => caseEvents({ municipalityCode: ['751', '851', '101'][i % 3], houseCode: (['midt', 'nord', 'hovedstaden'] as const)[i % 3], referredAt: `${year}-02-01`, openedAt: `${year}-02-0${1 + (i % 9)}`, closedAt: i % 2 ? `${year}-0${3 + (i % 6)}-15` : undefined })).flat();

describe('rebuilding a projection while it serves', () => {
  let service: ServiceUnderTest;
  const published: IntegrationEvent[] = [];
  const admin = () => httpAs(service.url, 'admin');
  const casesOpened = async () => (await httpAs(service.url, 'ops').get('/v1/reports/activity')).body.casesOpened.total as number;
  const send = async (events: IntegrationEvent[]) => {
    published.push(...events);
    await publish(service, events);
  };

  beforeAll(async () => {
    service = await startReporting('reporting_rebuild');
    // Its gaps as v1, v2 and both (ADR 0013): the rebuild reads every version from the topics.
    const versions: Versions[] = ['v1', 'v2', 'both'];
    const worlds = fc.sample(worldArbitrary, { numRuns: 1, seed: 20251125 }).flatMap((w) => inVersions(eventsOf({ ...w, gaps: [...w.gaps, ...[5, 50, 150].map((day, i) => ({ child: i, day, closedAfter: i === 1 ? null : 3 }))] }), (g) => versions[g % 3]));
    await send([...worlds, ...cases(1000)]);
    const opened = published.filter((e) => e.type.endsWith('case-opened.v1')).length;
    await waitFor(casesOpened, (n) => n === opened, { timeoutMs: 120000, what: 'the first events to be projected' });
  }, 180000);
  afterAll(() => service?.drop());

  it('refuses an unknown projection', async () => {
    expect((await admin().post('/v1/admin/projections/nonsense/rebuilds')).body).toMatchObject({ status: 404, code: 'PROJECTION.NOT_FOUND' });
    expect((await httpAs(service.url, 'ops').post('/v1/admin/projections/facts/rebuilds')).status).toBe(403);
  });

  it('builds the next generation from the topics while reports keep answering and events keep arriving, then swaps; the result equals a projection of every event', async () => {
    const started = await admin().post('/v1/admin/projections/facts/rebuilds');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ projection: 'facts', generation: 2, targetSchema: 'rm_facts_g2', status: 'reading' });
    expect((await admin().post('/v1/admin/projections/facts/rebuilds')).body).toMatchObject({ status: 409, code: 'PROJECTION.REBUILD_RUNNING' });

    const seen = new Set<string>();
    let progress = started.body;
    let round = 0;
    while (progress.status === 'reading' || progress.status === 'swapping') {
      await send(cases(5, 2025));
      const report = await httpAs(service.url, 'ops').get(`/v1/reports/lead-times?year=2024&asOf=2024-12-31`);
      expect(report.status).toBe(200);
      expect(report.body.all.closed.count).toBeGreaterThanOrEqual(500);
      progress = (await admin().get(`/v1/admin/projections/facts/rebuilds/${started.body.rebuildId}`)).body;
      seen.add(progress.status);
      expect(progress.eventsRead).toBeLessThanOrEqual(progress.eventsTotal + 5 * 2 * ++round + 10);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(progress).toMatchObject({ status: 'done', error: null, eventsTotal: expect.any(Number) });
    expect(progress.eventsTotal).toBeGreaterThanOrEqual(1500);
    expect(seen.has('reading')).toBe(true);

    await send(cases(10, 2025));
    const opened = published.filter((e) => e.type.endsWith('case-opened.v1')).length;
    await waitFor(casesOpened, (n) => n === opened, { timeoutMs: 60000, what: 'the live consumer to catch up after the swap' });
    const facts = projectionNamed('facts')!;
    await waitFor(async () => Number((await service.dataSource.query(`SELECT count(*) AS n FROM rm_facts_g2.case_intakes`))[0].n), (n) => n === opened, { timeoutMs: 30000, what: 'the new generation to hold every case' });
    expect((await liveGenerations(service.dataSource)).facts).toEqual({ generation: 2, schema: 'rm_facts_g2' });

    await createGeneration(service.dataSource, facts, 'rm_facts_expected');
    for (const e of published) await applyChanges(service.dataSource, 'rm_facts_expected', facts.changes(e));
    expect(await dumpGeneration(service.dataSource, facts, 'rm_facts_g2')).toEqual(await dumpGeneration(service.dataSource, facts, 'rm_facts_expected'));
    await dropGeneration(service.dataSource, 'rm_facts_expected');
    // Every gap once, whichever versions carried it.
    const gapsPublished = published.filter((e) => /mandatory-referral-gap-opened\.v\d$/.test(e.type));
    expect(new Set(gapsPublished.map((e) => e.type)).size).toBe(2);
    const gapIds = [...new Set(gapsPublished.map((e) => (e.data as { gapId: string }).gapId))].sort();
    expect(((await service.dataSource.query(`SELECT gap_id FROM rm_facts_g2.mandatory_referral_gaps WHERE opened_at IS NOT NULL ORDER BY gap_id`)) as { gap_id: string }[]).map((r) => r.gap_id)).toEqual(gapIds);
    // After the swap the rebuild's consumer stops and its inbox rows go.
    await waitFor(() => service.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer_group LIKE '%sagsspor-reporting-rebuild-%'`), (r) => r[0].n === 0, { timeoutMs: 15000, what: "the rebuild's inbox rows to be removed" });
  }, 240000);

  it('rebuilds the activity projection too, dropping the generation before the live one', async () => {
    const started = await admin().post('/v1/admin/projections/activity/rebuilds');
    const done = await waitFor(() => admin().get(`/v1/admin/projections/activity/rebuilds/${started.body.rebuildId}`), (r) => r.body.status === 'done' || r.body.status === 'failed', { timeoutMs: 180000, what: 'the activity rebuild' });
    expect(done.body.status).toBe('done');
    expect((await admin().get('/v1/admin/projections')).body).toEqual([
      { projection: 'facts', generation: 2, schema: 'rm_facts_g2', tables: expect.any(Array) },
      { projection: 'activity', generation: 2, schema: 'rm_activity_g2', tables: ['activity_facts', 'activity_totals'] },
      { projection: 'settlements', generation: 1, schema: 'rm_settlements_g1', tables: ['case_settlements'] },
      { projection: 'reasons', generation: 1, schema: 'rm_reasons_g1', tables: ['underretning_receipts', 'underretning_decision_dates', 'underretning_not_referred_reasons', 'case_end_reasons'] },
    ]);
    expect(await casesOpened()).toBe(published.filter((e) => e.type.endsWith('case-opened.v1')).length);
    expect(await service.dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_activity%' ORDER BY 1`)).toEqual([{ nspname: 'rm_activity_g1' }, { nspname: 'rm_activity_g2' }]);
  }, 240000);
});
