import { migratedTestDataSource, waitFor } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './errors';
import { PostgresEventStore, START_OF_LOG } from './event-store';
import { EventStoreSchema1763900000000 } from './schema.migration';
import { counter, now, respond } from './test-support/counter';

describe('PostgresEventStore on real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await migratedTestDataSource('event_store', [EventStoreSchema1763900000000], 20);
    dataSource = db.dataSource;
    store = new PostgresEventStore(dataSource);
  });
  afterAll(() => db.close());

  it('appends and reads a stream in version order', async () => {
    const v = await store.appendToStream('s-1', 'no-stream', [{ type: 'Incremented', data: { by: 1 } }, { type: 'Incremented', data: { by: 2 } }], { correlationId: 'c-1' });
    expect(v).toBe(2);
    const events = await store.readStream('s-1');
    expect(events.map((e) => [e.streamVersion, e.type, e.data, e.metadata.correlationId])).toEqual([
      [1, 'Incremented', { by: 1 }, 'c-1'],
      [2, 'Incremented', { by: 2 }, 'c-1'],
    ]);
  });

  it('lets exactly one of two concurrent appends at the same expected version win', async () => {
    await store.appendToStream('s-race', 'no-stream', [{ type: 'Incremented', data: { by: 1 } }]);
    const attempts = await Promise.allSettled([
      store.appendToStream('s-race', 1, [{ type: 'Incremented', data: { by: 2 } }]),
      store.appendToStream('s-race', 1, [{ type: 'Incremented', data: { by: 3 } }]),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(rejected[0].reason.message).toMatch(/no longer at version 1/);
    expect(await store.readStream('s-race')).toHaveLength(2);
  });

  it('appends several events all or nothing: a conflict on one version writes none of them', async () => {
    await store.appendToStream('s-atomic', 'no-stream', [{ type: 'Incremented', data: { by: 1 } }, { type: 'Incremented', data: { by: 2 } }]);
    const stale = store.appendToStream('s-atomic', 1, [{ type: 'Incremented', data: { by: 3 } }, { type: 'Incremented', data: { by: 4 } }]);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.readStream('s-atomic')).map((e) => e.data)).toEqual([{ by: 1 }, { by: 2 }]);
  });

  it("keeps the caller's transaction usable after a conflict, so its other writes still commit", async () => {
    await store.appendToStream('s-caller', 'no-stream', [{ type: 'Incremented', data: { by: 1 } }]);
    await dataSource.transaction(async (manager) => {
      await expect(store.appendToStream('s-caller', 0, [{ type: 'Incremented', data: { by: 2 } }], {}, manager)).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await store.appendToStream('s-caller', 1, [{ type: 'Incremented', data: { by: 3 } }], {}, manager);
    });
    expect((await store.readStream('s-caller')).map((e) => e.data)).toEqual([{ by: 1 }, { by: 3 }]);
  });

  it('decides again on the new state when a concurrent command appended first', async () => {
    const results = await Promise.all(Array.from({ length: 3 }, () => store.handle(counter, 'c-race', { type: 'Increment', by: 1 }, { now, respond })));
    expect(results.map((r) => r.response.version).sort()).toEqual([1, 2, 3]);
    expect(await store.readStream('c-race')).toHaveLength(3);
  });

  it('handles a command in one transaction and refuses what the decider refuses, writing nothing', async () => {
    const first = await store.handle(counter, 'c-1', { type: 'Increment', by: 4 }, { now, respond });
    expect(first).toEqual({ response: { total: 4, version: 1 }, replayed: false, appended: 1 });
    await expect(store.handle(counter, 'c-1', { type: 'Increment', by: 7 }, { now, respond })).rejects.toMatchObject({ code: 'COUNTER.LIMIT' });
    expect(await store.readStream('c-1')).toHaveLength(1);
  });

  it('answers a retried command (same idempotency key) as the first time and appends nothing', async () => {
    const a = await store.handle(counter, 'c-idem', { type: 'Increment', by: 2 }, { now, respond, idempotencyKey: 'k-1' });
    const b = await store.handle(counter, 'c-idem', { type: 'Increment', by: 2 }, { now, respond, idempotencyKey: 'k-1' });
    expect(b).toEqual({ response: a.response, replayed: true, appended: 0 });
    expect(await store.readStream('c-idem')).toHaveLength(1);
    await expect(store.handle(counter, 'c-idem', { type: 'Increment', by: 3 }, { now, respond, idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('gives concurrent retries with the same key one effect', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.handle(counter, 'c-idem-race', { type: 'Increment', by: 1 }, { now, respond, idempotencyKey: 'k-race' })),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.response))).size).toBe(1);
    expect(await store.readStream('c-idem-race')).toHaveLength(1);
  });

  it('surfaces a conflict when the caller states a stale expected version', async () => {
    await store.handle(counter, 'c-ev', { type: 'Increment', by: 1 }, { now, respond });
    await expect(store.handle(counter, 'c-ev', { type: 'Increment', by: 1 }, { now, respond, expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
  });

  it('reads all in transaction-id order by number, not as text: xid 999 comes before xid 1000', async () => {
    const fresh = await migratedTestDataSource('event_store_xid_order', [EventStoreSchema1763900000000]);
    try {
      // Ids below any running transaction, across a digit boundary ('1000' < '999' as text). A young
      // cluster (a fresh CI machine) may not have reached transaction 1000 yet: use some up first.
      const [{ xmin }] = await fresh.dataSource.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      for (let xid = Number(xmin); xid <= 1001; xid++) await fresh.dataSource.query('SELECT pg_current_xact_id()');
      await fresh.dataSource.query(
        `INSERT INTO events (transaction_id, stream_id, stream_version, event_id, event_type, data)
         VALUES ('1000', 'later', 1, gen_random_uuid(), 'Incremented', '{"by":2}'), ('999', 'earlier', 1, gen_random_uuid(), 'Incremented', '{"by":1}')`,
      );
      const s = new PostgresEventStore(fresh.dataSource);
      const [first] = await s.readAll(START_OF_LOG, 1);
      expect(first.streamId).toBe('earlier');
      expect((await s.readAll(first, 100)).map((e) => e.streamId)).toEqual(['later']);
    } finally {
      await fresh.close();
    }
  });

  it('reads all in commit order and never past a transaction that is still running', async () => {
    const fresh = await migratedTestDataSource('event_store_order', [EventStoreSchema1763900000000]);
    try {
      const s = new PostgresEventStore(fresh.dataSource);
      const slow = fresh.dataSource.createQueryRunner();
      await slow.connect();
      await slow.startTransaction();
      // The slow transaction takes the lower position, then the fast one commits first.
      await s.appendToStream('slow', 'no-stream', [{ type: 'Incremented', data: { by: 1 } }], {}, slow.manager);
      await s.appendToStream('fast', 'no-stream', [{ type: 'Incremented', data: { by: 2 } }]);
      expect(await s.readAll(START_OF_LOG, 100)).toEqual([]);
      await slow.commitTransaction();
      await slow.release();
      // Any transaction still running elsewhere on the server holds the read back too: wait for it.
      const all = await waitFor(() => s.readAll(START_OF_LOG, 100), (events) => events.length === 2, { what: 'both events to be readable' });
      expect(all.map((e) => e.streamId)).toEqual(['slow', 'fast']);
      const after = await s.readAll({ transactionId: all[0].transactionId, globalPosition: all[0].globalPosition }, 100);
      expect(after.map((e) => e.streamId)).toEqual(['fast']);
    } finally {
      await fresh.close();
    }
  });
});
