import { type IntegrationEvent, MandatoryReferralGapOpenedV1 } from '@sagsspor/contracts';
import { migratedTestDataSource } from '@sagsspor/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { deliveryArbitrary, eventsOf, inVersions, type Versions, type World, worldArbitrary } from '../test-support/event-arbitraries';
import { dumpGeneration, liveGenerations } from './projection-store';
import { projections } from './projections';
import { ProjectionsKafkaController } from './projections.kafka.controller';
import { ProjectionGenerations1764200000000 } from './projections.migration';

// The read models are a function of the set of events: the same events in any order, some
// delivered more than once, give the same tables. Through the real handler on PostgreSQL
// (the inbox, which would drop the duplicates, is left out on purpose).

const controller = new ProjectionsKafkaController();
const handlers = controller.handlers();
const batchHandler = controller.batchHandler();

describe('projections on PostgreSQL: order and duplicates do not matter', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await migratedTestDataSource('reporting_projection_order', [ProjectionGenerations1764200000000], 3);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.close());

  /** One event per transaction through the live handler; or, with `batchSizes`, as the live consumer's batches and a rebuild apply them: in bulk. */
  async function project(events: IntegrationEvent[], batchSizes?: number[]): Promise<unknown> {
    const live = await liveGenerations(dataSource);
    for (const p of projections) {
      for (const t of p.tables) await dataSource.query(`TRUNCATE "${live[p.name].schema}"."${t.name}"`);
    }
    if (batchSizes) {
      for (let i = 0, b = 0; i < events.length; i += batchSizes[b++ % batchSizes.length]) {
        const batch = events.slice(i, i + batchSizes[b % batchSizes.length]);
        await dataSource.transaction((manager) => batchHandler(batch, { manager, topic: 't', partition: 0 }));
      }
    }
    for (const event of batchSizes ? [] : events) {
      await dataSource.transaction((manager) => handlers[event.type]?.(event, { manager, topic: 't', partition: 0, offset: '0' }) ?? Promise.resolve());
    }
    const dumps: Record<string, unknown> = {};
    for (const p of projections) dumps[p.name] = await dumpGeneration(dataSource, p, live[p.name].schema);
    return dumps;
  }

  it('gives identical tables for every shuffled, partly duplicated delivery', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary.chain((world) => {
          const events = eventsOf(world);
          return fc.tuple(fc.constant(events), deliveryArbitrary(events));
        }),
        async ([inOrder, delivery]) => {
          const expected = await project(inOrder);
          expect(await project(delivery)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  }, 240000);

  it('gives the same tables when the events are applied in bulk batches, as the live consumer and a rebuild do', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary.chain((world) => {
          const events = eventsOf(world);
          return fc.tuple(fc.constant(events), deliveryArbitrary(events), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }));
        }),
        async ([inOrder, delivery, batchSizes]) => {
          const expected = await project(inOrder);
          expect(await project(delivery, batchSizes)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  }, 240000);

  /** The read model without the column that records which of two twins was applied last (its data is the same). */
  const withoutTwinVersion = (dump: unknown) => {
    const d = structuredClone(dump) as { facts: { mandatory_referral_gaps: Record<string, unknown>[] } };
    for (const row of d.facts.mandatory_referral_gaps) delete row.opened_version;
    return d;
  };

  it('gives identical tables whether the gaps arrive as v1, v2 or a mix, in any order, live and in bulk batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary
          .filter((w) => w.gaps.length > 0)
          .chain((world) => {
            const events = eventsOf(world);
            const mixed = fc.array(fc.constantFrom<Versions>('v1', 'v2', 'both'), { minLength: world.gaps.length, maxLength: world.gaps.length }).map((vs) => inVersions(events, (g) => vs[g]));
            return fc.tuple(
              fc.constant(events),
              deliveryArbitrary(inVersions(events, () => 'v2')),
              mixed.chain(deliveryArbitrary),
              mixed.chain(deliveryArbitrary),
              fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
            );
          }),
        async ([v1Only, v2Only, mix, anotherMix, batchSizes]) => {
          expect(v1Only.some((e) => e.type === MandatoryReferralGapOpenedV1.type)).toBe(true);
          const expected = withoutTwinVersion(await project(v1Only));
          expect(withoutTwinVersion(await project(v2Only))).toEqual(expected);
          expect(withoutTwinVersion(await project(mix))).toEqual(expected);
          expect(withoutTwinVersion(await project(anotherMix, batchSizes))).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  }, 300000);

  it('keeps the highest closure revision, whichever arrives last', async () => {
    const world: World = { cases: [{ child: 0, municipality: '751', house: 'midt', referredDay: 5, acceptDelay: 2, closures: [{ leadTime: 30, outcome: 'completed' as const }, { leadTime: 25, outcome: 'interrupted' as const }], services: [], suspects: [], conferences: [], examined: false }], interviews: [], gaps: [], consultations: 0 };
    const events = eventsOf(world);
    const dump = (await project([...events].reverse())) as { facts: { case_closures: { revision: number; closed_at: Date; outcome: string }[] } };
    expect(dump.facts.case_closures).toHaveLength(1);
    expect(dump.facts.case_closures[0]).toMatchObject({ revision: 2, outcome: 'interrupted' });
  }, 120000);
});
