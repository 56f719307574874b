import { EventStoreSchema1763900000000 } from '@sagsspor/event-store';
import { MessagingSchema1763900000001 } from '@sagsspor/messaging';
import { createTestDatabase } from '@sagsspor/testing';
import { createServiceDataSource, initializeWithMigrations } from './database';

describe('initializeWithMigrations on real PostgreSQL', () => {
  it('lets replicas that start together migrate one after the other, none failing', async () => {
    const database = await createTestDatabase('migration_lock');
    const replicas = Array.from({ length: 3 }, () => createServiceDataSource(database.url, [EventStoreSchema1763900000000, MessagingSchema1763900000001], [], { tls: false, poolSize: 2 }));
    try {
      await Promise.all(replicas.map((ds) => initializeWithMigrations(ds)));
      const [{ n }] = await replicas[0].query(`SELECT count(*)::int AS n FROM migrations`);
      expect(n).toBe(2);
    } finally {
      await Promise.all(replicas.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
      await database.drop();
    }
  });
});
