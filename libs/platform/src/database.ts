import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';

const DUPLICATE_DATABASE = '42P04';

/** Creates the service's own database on the server if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`unexpected database name '${name}'`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== DUPLICATE_DATABASE) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** A DataSource that runs the service's migrations at start (never `synchronize`). */
export function createServiceDataSource(databaseUrl: string, migrations: MixedList<Function>, entities: MixedList<Function> = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    entities,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20) },
  });
}
