import { migratedTestDataSource } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { type Aggregate, CommandPipeline } from './command-pipeline';
import { PostgresEventStore } from './event-store';
import { EventStoreSchema1763900000000 } from './schema.migration';
import { type CounterCommand, type CounterEvent, type CounterState, counter, now, respond } from './test-support/counter';

describe('CommandPipeline on real PostgreSQL: a command that starts its stream as a rule', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let pipeline: CommandPipeline;
  const reacted: number[] = [];
  const plain: Aggregate<CounterState, CounterCommand, CounterEvent> = { decider: counter, reactions: [] };
  const reacting: Aggregate<CounterState, CounterCommand, CounterEvent> = {
    decider: counter,
    reactions: [{ react: async (outcome, { manager }) => void reacted.push((await manager.query('SELECT txid_current_if_assigned() IS NOT NULL AS in_tx'))[0].in_tx ? outcome.version : -1) }],
  };

  beforeAll(async () => {
    db = await migratedTestDataSource('command_pipeline', [EventStoreSchema1763900000000], 10);
    dataSource = db.dataSource;
    store = new PostgresEventStore(dataSource);
    pipeline = new CommandPipeline(dataSource, store);
  });
  afterAll(() => db.close());

  /** The statements the pipeline sends outside a transaction, counted as they pass (nothing is replaced). */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const spy = jest.spyOn(dataSource.manager, 'query');
    try {
      await work();
      return spy.mock.calls.map(([sql]) => String(sql).trim().split(/\s+/)[0]);
    } finally {
      spy.mockRestore();
    }
  }

  it('appends to a new stream in one statement, without reading it first', async () => {
    const sent = await statementsOf(() => pipeline.run(plain, 'new-1', { type: 'Increment', by: 3 }, { now, respond, startsStream: true }));
    expect(sent).toEqual(['WITH']); // the one write: WITH appended AS (INSERT INTO events …) SELECT 1
    expect((await store.readStream('new-1')).map((e) => [e.streamVersion, e.data])).toEqual([[1, { by: 3 }]]);
  });

  it('reads first, as any command does, without the hint', async () => {
    const sent = await statementsOf(() => pipeline.run(plain, 'new-5', { type: 'Increment', by: 3 }, { now, respond }));
    expect(sent).toEqual(['SELECT', 'WITH']);
  });

  it('decides again on the stored stream when it existed after all: the rules see the real state', async () => {
    await store.appendToStream('existing-1', 'no-stream', [{ type: 'Incremented', data: { by: 9 } }]);
    // On the empty stream the guess would allow +2; on the stored total of 9 the decider refuses.
    await expect(pipeline.run(plain, 'existing-1', { type: 'Increment', by: 2 }, { now, respond, startsStream: true })).rejects.toMatchObject({ code: 'COUNTER.LIMIT' });
    const result = await pipeline.run(plain, 'existing-1', { type: 'Increment', by: 1 }, { now, respond, startsStream: true });
    expect(result.response).toEqual({ total: 10, version: 2 });
    expect((await store.readStream('existing-1')).map((e) => e.data)).toEqual([{ by: 9 }, { by: 1 }]);
  });

  it('answers a retry under the same idempotency key from the stored answer, appending nothing more', async () => {
    const options = { now, respond, startsStream: true, idempotencyKey: 'key-new-2' };
    const first = await pipeline.run(plain, 'new-2', { type: 'Increment', by: 4 }, options);
    const retry = await pipeline.run(plain, 'new-2', { type: 'Increment', by: 4 }, options);
    expect(retry).toEqual({ ...first, replayed: true, appended: 0 });
    expect(await store.readStream('new-2')).toHaveLength(1);
  });

  it('gives concurrent first requests for one new stream one effect', async () => {
    const attempts = await Promise.allSettled([1, 2, 3, 4].map((by) => pipeline.run(plain, 'new-3', { type: 'Increment', by }, { now, respond, startsStream: true })));
    expect(attempts.every((a) => a.status === 'fulfilled')).toBe(true);
    const stored = await store.readStream('new-3');
    expect(stored.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect(stored.reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(10);
  });

  it('writes concurrent commands on different streams together, in far fewer statements than commands', async () => {
    const streams = Array.from({ length: 40 }, (_, i) => `together-${i}`);
    const sent = await statementsOf(() => Promise.all(streams.map((s, i) => pipeline.run(plain, s, { type: 'Increment', by: 1 + (i % 5) }, { now, respond, startsStream: true, idempotencyKey: `key-${s}` }))));
    expect(sent.length).toBeLessThanOrEqual(3);
    for (const [i, s] of streams.entries()) expect((await store.readStream(s)).map((e) => [e.streamVersion, e.data])).toEqual([[1, { by: 1 + (i % 5) }]]);
    const retried = await Promise.all(streams.map((s, i) => pipeline.run(plain, s, { type: 'Increment', by: 1 + (i % 5) }, { now, respond, startsStream: true, idempotencyKey: `key-${s}` })));
    expect(retried.every((r) => r.replayed)).toBe(true);
  });

  it('finds whose write failed a joint statement: the others are stored, that one is decided again on what is stored', async () => {
    await store.appendToStream('together-taken', 'no-stream', [{ type: 'Incremented', data: { by: 9 } }]);
    const streams = ['together-a', 'together-taken', 'together-b', 'together-c'];
    const results = await Promise.allSettled(streams.map((s) => pipeline.run(plain, s, { type: 'Increment', by: 2 }, { now, respond, startsStream: true })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'COUNTER.LIMIT' } }); // 9 + 2 passes 10: refused on the stored state
    for (const s of ['together-a', 'together-b', 'together-c']) expect((await store.readStream(s)).map((e) => e.data)).toEqual([{ by: 2 }]);
    expect((await store.readStream('together-taken')).map((e) => e.data)).toEqual([{ by: 9 }]);
  });

  it('runs the reactions once, in the transaction, whether the guess held or not', async () => {
    reacted.length = 0;
    await pipeline.run(reacting, 'new-4', { type: 'Increment', by: 1 }, { now, respond, startsStream: true });
    await pipeline.run(reacting, 'new-4', { type: 'Increment', by: 1 }, { now, respond, startsStream: true });
    expect(reacted).toEqual([1, 2]);
  });
});
