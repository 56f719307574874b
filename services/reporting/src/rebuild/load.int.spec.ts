import type { IntegrationEvent } from '@sagsspor/contracts';
import { migratedTestDataSource } from '@sagsspor/testing';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { applyChanges, applyChangesInBulk, createGeneration, createLoadGeneration, dropGeneration, dumpGeneration, finishLoad, loadChanges } from '../projections/projection-store';
import { type ProjectionDefinition, projectionNamed, projections } from '../projections/projections';
import { deliveryArbitrary, eventsOf, worldArbitrary } from '../test-support/event-arbitraries';

// ADR 0047: a rebuild loads a projection's set tables without their keys, indexes and summary
// triggers, then completes them. The generation it swaps in must be, row for row, what applying
// the same events one by one into a generation as created gives, whatever the order, the batches
// and the duplicates; and once completed it must take the live consumer's upserts like any other.

const batchesOf = <T>(items: T[], sizes: number[]): T[][] => {
  const batches: T[][] = [];
  for (let i = 0, b = 0; i < items.length; b++) {
    const size = sizes[b % sizes.length];
    batches.push(items.slice(i, i + size));
    i += size;
  }
  return batches;
};

describe('a rebuild loading the set tables, then completing them (ADR 0047)', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  const activity = projectionNamed('activity')!;

  beforeAll(async () => {
    db = await migratedTestDataSource('reporting_rebuild_load', [], 2);
    dataSource = db.dataSource;
  }, 60000);
  afterAll(() => db?.close());

  async function oneByOne(projection: ProjectionDefinition, schema: string, events: IntegrationEvent[]): Promise<void> {
    await createGeneration(dataSource, projection, schema);
    for (const event of events) await applyChanges(dataSource, schema, projection.changes(event));
  }

  async function loaded(projection: ProjectionDefinition, schema: string, events: IntegrationEvent[], sizes: number[]): Promise<void> {
    await createLoadGeneration(dataSource, projection, schema);
    for (const batch of batchesOf(events, sizes)) await dataSource.transaction((m) => loadChanges(m, schema, projection, batch.flatMap((e) => projection.changes(e))));
    await dataSource.transaction((m) => finishLoad(m, projection, schema));
  }

  it('is only the activity projection whose tables are sets, and every change it makes is an insert of a key', () => {
    expect(projections.flatMap((p) => p.tables.filter((t) => t.loadedAsSet).map((t) => `${p.name}.${t.name}`))).toEqual(['activity.activity_facts']);
    const events = eventsOf(fc.sample(worldArbitrary, { numRuns: 1, seed: 47 })[0]);
    const changes = events.flatMap((e) => activity.changes(e));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => Object.keys(c.set).length === 0 && c.guard === undefined)).toBe(true);
  });

  it('gives every projection the rows of the events applied one by one, after any delivery (duplicates too) in batches of any size', async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary.chain((world) => fc.tuple(deliveryArbitrary(eventsOf(world)), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 4 }))),
        async ([delivery, sizes]) => {
          for (const projection of projections) {
            await oneByOne(projection, `expected_${projection.name}`, delivery);
            await loaded(projection, `loaded_${projection.name}`, delivery, sizes);
            expect(await dumpGeneration(dataSource, projection, `loaded_${projection.name}`)).toEqual(await dumpGeneration(dataSource, projection, `expected_${projection.name}`));
            await dropGeneration(dataSource, `expected_${projection.name}`);
            await dropGeneration(dataSource, `loaded_${projection.name}`);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 600000);

  it('has, once completed, the keys, indexes and triggers of a generation as created: later upserts keep it equal', async () => {
    const [first, later] = fc.sample(worldArbitrary, { numRuns: 2, seed: 4747 }).map(eventsOf);
    await oneByOne(activity, 'expected_after', first);
    // Every event twice: every key is loaded twice, so the primary key is added after deleting the duplicates.
    expect(first.some((e) => activity.changes(e).length > 0)).toBe(true);
    await loaded(activity, 'loaded_after', [...first, ...first], [25]);
    const shape = (schema: string) =>
      dataSource.query(
        `SELECT c.relname, c.relkind, pg_get_indexdef(i.indexrelid) AS def FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid
          WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'i') ORDER BY 1`,
        [schema],
      ).then((rows: { relname: string; relkind: string; def: string | null }[]) => rows.map((r) => ({ ...r, def: r.def?.replace(schema, 'S') ?? null })));
    const triggers = (schema: string) => dataSource.query(`SELECT tgname, tgrelid::regclass::text AS on_table FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = $1::regnamespace) ORDER BY 1`, [schema]).then((rows: { tgname: string; on_table: string }[]) => rows.map((r) => ({ ...r, on_table: r.on_table.replace(schema, 'S') })));
    expect(await shape('loaded_after')).toEqual(await shape('expected_after'));
    expect(await triggers('loaded_after')).toEqual(await triggers('expected_after'));
    expect((await triggers('loaded_after')).length).toBeGreaterThan(0);

    for (const schema of ['expected_after', 'loaded_after']) await dataSource.transaction((m) => applyChangesInBulk(m, schema, [...later, ...first.slice(3, 9)].flatMap((e) => activity.changes(e))));
    expect(await dumpGeneration(dataSource, activity, 'loaded_after')).toEqual(await dumpGeneration(dataSource, activity, 'expected_after'));
    await dropGeneration(dataSource, 'expected_after');
    await dropGeneration(dataSource, 'loaded_after');
  }, 120000);

  it('refuses to load a change that is not an insert of a whole key (it could not be a set)', async () => {
    await createLoadGeneration(dataSource, activity, 'loaded_refused');
    const notASet = { table: 'activity_facts', key: { metric: 'm', item_id: 'i', dimension: 'total' }, set: { metric: 'x' } };
    await expect(dataSource.transaction((m) => loadChanges(m, 'loaded_refused', activity, [notASet]))).rejects.toThrow(/not an insert of a key/);
    const noKey = { table: 'activity_facts', key: { metric: 'm', item_id: null, dimension: 'total' }, set: {} };
    await expect(dataSource.transaction((m) => loadChanges(m, 'loaded_refused', activity, [noKey]))).rejects.toThrow(/has no item_id/);
    await dropGeneration(dataSource, 'loaded_refused');
  });
});
