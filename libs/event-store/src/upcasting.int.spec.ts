import { type Decider, type Upcaster } from '@sagsspor/domain';
import { migratedTestDataSource } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { PostgresEventStore, START_OF_LOG } from './event-store';
import { EventStoreSchema1763900000000 } from './schema.migration';

// An account whose deposit event changed shape twice: first `{ amount }` in kroner, then
// `{ amountOere }` (whole øre), now `Deposited` renamed from `MoneyIn`. Rows are written in the old
// shapes with plain SQL, as an old release of the service wrote them; every read path must fold them
// as the current shape.
type Deposited = { type: 'Deposited'; data: { amountOere: number; currency: 'DKK' } };
const account: Decider<{ balanceOere: number }, { type: 'Deposit'; amountOere: number }, Deposited> = {
  initialState: () => ({ balanceOere: 0 }),
  evolve: (s, e) => ({ balanceOere: s.balanceOere + e.data.amountOere }),
  decide: (c, s) => (s.balanceOere + c.amountOere > 100_000 ? [] : [{ type: 'Deposited', data: { amountOere: c.amountOere, currency: 'DKK' } }]),
};
const upcasters: Upcaster[] = [
  { type: 'MoneyIn', change: 'kroner became øre', applies: (d) => 'amount' in d, upcast: (d) => ({ type: 'MoneyIn', data: { amountOere: Math.round((d.amount as number) * 100) } }) },
  { type: 'MoneyIn', change: 'renamed Deposited, with its currency', applies: () => true, upcast: (d) => ({ type: 'Deposited', data: { ...d, currency: 'DKK' } }) },
];

describe('upcasting on real PostgreSQL: events stored in an old shape are read in the current one', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  const storeOldRows = (streamId: string, rows: { type: string; data: object }[]) =>
    dataSource.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata)
       SELECT $1, v, gen_random_uuid(), t, d, '{}'::jsonb FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS x(t, d, v)`,
      [streamId, rows.map((r) => r.type), rows.map((r) => JSON.stringify(r.data))],
    );

  beforeAll(async () => {
    db = await migratedTestDataSource('event_store_upcasting', [EventStoreSchema1763900000000], 5);
    dataSource = db.dataSource;
    store = new PostgresEventStore(dataSource, upcasters);
    await storeOldRows('account-1', [
      { type: 'MoneyIn', data: { amount: 12.5 } }, // the first shape
      { type: 'MoneyIn', data: { amountOere: 300 } }, // the second
      { type: 'Deposited', data: { amountOere: 50, currency: 'DKK' } }, // the current one
    ]);
  });
  afterAll(() => db.close());

  const current = [
    { type: 'Deposited', data: { amountOere: 1250, currency: 'DKK' } },
    { type: 'Deposited', data: { amountOere: 300, currency: 'DKK' } },
    { type: 'Deposited', data: { amountOere: 50, currency: 'DKK' } },
  ];

  it('readStream and readState give the current shape and fold it', async () => {
    expect((await store.readStream('account-1')).map((e) => ({ type: e.type, data: e.data }))).toEqual(current);
    expect(await store.readState(account, 'account-1')).toEqual({ state: { balanceOere: 1600 }, version: 3 });
  });

  it('a decision folds the old shapes, with and without an idempotency key, and appends after them', async () => {
    const respond = ({ state, version }: { state: { balanceOere: number }; version: number }) => ({ ...state, version });
    expect((await store.handle(account, 'account-1', { type: 'Deposit', amountOere: 400 }, { now: new Date(), respond })).response).toEqual({ balanceOere: 2000, version: 4 });
    expect((await store.handle(account, 'account-1', { type: 'Deposit', amountOere: 1 }, { now: new Date(), respond, idempotencyKey: 'k-1' })).response).toEqual({ balanceOere: 2001, version: 5 });
  });

  it('readAll (the relay, and any rebuild from the log) gives the current shape', async () => {
    const all = await store.readAll(START_OF_LOG, 100);
    expect(all.filter((e) => e.streamId === 'account-1').slice(0, 3).map((e) => ({ type: e.type, data: e.data }))).toEqual(current);
  });

  it('never rewrites the stored rows', async () => {
    const rows: { event_type: string; data: object }[] = await dataSource.query(`SELECT event_type, data FROM events WHERE stream_id = 'account-1' ORDER BY stream_version LIMIT 2`);
    expect(rows).toEqual([{ event_type: 'MoneyIn', data: { amount: 12.5 } }, { event_type: 'MoneyIn', data: { amountOere: 300 } }]);
  });

  it('without upcasters, the same store reads the rows as they are', async () => {
    expect((await new PostgresEventStore(dataSource).readStream('account-1')).slice(0, 1).map((e) => e.type)).toEqual(['MoneyIn']);
  });
});
