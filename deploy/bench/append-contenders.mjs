// The contenders of the append benchmark. Each one appends one event to a stream, expecting the
// stream to be at a given version, on its own database. Loaded in a child process per run (see
// append-worker.mjs), so that one library's global settings (Emmett's dumbo installs its own
// jsonb parser in pg) never touch another's numbers.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EventStoreSchema1763900000000, PostgresEventStore } from '@sagsspor/event-store';

/** An internal event of the typical size: an underretning as the referrals service records it. */
export const sampleEvent = {
  type: 'UnderretningReceived',
  data: {
    underretningId: 'AAR-2025-000123',
    municipalityCode: '751',
    childRef: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
    childSex: 'female',
    childAgeYears: 9,
    receivedAt: '2025-03-04',
    concerns: ['violence'],
    source: 'school',
  },
};
export const sampleMetadata = {
  correlationId: '0b7e2f7a-3c0e-4b8e-9d44-2f1d8f6c9a10',
  actor: 'municipality:751:caseworker',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};

const underretning = {
  initialState: () => ({ received: 0 }),
  evolve: (state) => ({ received: state.received + 1 }),
  decide: () => [sampleEvent],
};

function typeOrmDataSource(url, poolSize) {
  return new DataSource({ type: 'postgres', url, migrations: [EventStoreSchema1763900000000], migrationsRun: true, extra: { max: poolSize } });
}

/**
 * name → { setUp(url), open(url, poolSize) → { append(streamId, expectedVersion), close() } }.
 * `expectedVersion` is the number of events already in the stream.
 */
export const contenders = {
  'ours appendToStream': {
    setUp: async (url) => (await typeOrmDataSource(url, 1).initialize()).destroy(),
    open: async (url, poolSize) => {
      const dataSource = await typeOrmDataSource(url, poolSize).initialize();
      const store = new PostgresEventStore(dataSource);
      return {
        append: (streamId, expectedVersion) => store.appendToStream(streamId, expectedVersion, [sampleEvent], sampleMetadata),
        close: () => dataSource.destroy(),
      };
    },
  },

  'ours handle (read+decide+append)': {
    setUp: async (url) => (await typeOrmDataSource(url, 1).initialize()).destroy(),
    open: async (url, poolSize) => {
      const dataSource = await typeOrmDataSource(url, poolSize).initialize();
      const store = new PostgresEventStore(dataSource);
      const now = new Date();
      const respond = ({ version }) => ({ version });
      return {
        append: (streamId) => store.handle(underretning, streamId, { type: 'ReceiveUnderretning' }, { now, respond, metadata: sampleMetadata }),
        close: () => dataSource.destroy(),
      };
    },
  },

  'Emmett appendToStream': {
    setUp: async (url) => {
      const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
      await store.schema.migrate();
      await pool.end();
    },
    open: async (url, poolSize) => {
      const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
      const pool = new pg.Pool({ connectionString: url, max: poolSize });
      // The schema was created by setUp, before any timing.
      const store = getPostgreSQLEventStore(url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });
      return {
        append: (streamId, expectedVersion) =>
          store.appendToStream(streamId, [{ type: sampleEvent.type, data: sampleEvent.data, metadata: sampleMetadata }], { expectedStreamVersion: BigInt(expectedVersion) }),
        close: () => pool.end(),
      };
    },
  },

  'raw INSERT (autocommit)': {
    setUp: async (url) => (await typeOrmDataSource(url, 1).initialize()).destroy(),
    open: async (url, poolSize) => {
      const pool = new pg.Pool({ connectionString: url, max: poolSize });
      return {
        append: (streamId, expectedVersion) =>
          pool.query('INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [
            streamId,
            expectedVersion + 1,
            randomUUID(),
            sampleEvent.type,
            JSON.stringify(sampleEvent.data),
            JSON.stringify(sampleMetadata),
          ]),
        close: () => pool.end(),
      };
    },
  },
};
