import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import { UNIQUE_VIOLATION } from '@sagsspor/event-store';

const DUPLICATE_DATABASE = '42P04';

/** TLS to PostgreSQL: off, or on with an optional CA and certificate checking (on unless turned off). */
export type DatabaseTls = false | { ca?: string; rejectUnauthorized: boolean };

/** DATABASE_SSL=true, DATABASE_SSL_CA_FILE, DATABASE_SSL_REJECT_UNAUTHORIZED (default true). */
export function databaseTlsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTls {
  if (env.DATABASE_SSL !== 'true') return false;
  return { ca: env.DATABASE_SSL_CA_FILE ? readFileSync(env.DATABASE_SSL_CA_FILE, 'utf8') : undefined, rejectUnauthorized: env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' };
}

/** Creates the service's own database on the server if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string, tls: DatabaseTls = false): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`unexpected database name '${name}'`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), ssl: tls || undefined });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      // Two services creating the one shared database (the child registry's) at once: the loser gets
      // duplicate_database, or a unique violation on pg_database when both passed the check together.
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== DUPLICATE_DATABASE && error.code !== UNIQUE_VIOLATION) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** A DataSource for the service's database (TLS and pool size as configured); `initializeWithMigrations` opens it (never `synchronize`). */
export function createServiceDataSource(
  databaseUrl: string,
  migrations: MixedList<Function>,
  entities: MixedList<Function>,
  { tls, poolSize }: { tls: DatabaseTls; poolSize: number },
): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    entities,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    ssl: tls || undefined,
    extra: { max: poolSize },
  });
}

const MIGRATION_LOCK = 7_356_202_511; // any constant: one migration run at a time per database

/**
 * Opens the DataSource and runs the pending migrations while holding an advisory lock, so replicas
 * starting together migrate one after the other instead of racing (the later ones find nothing to do).
 */
export async function initializeWithMigrations(dataSource: DataSource): Promise<DataSource> {
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
