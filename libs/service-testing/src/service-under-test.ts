import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@sagsspor/domain';
import { createLogger, createServiceApp, loadServiceConfig, type ServiceConfig, type ServiceDescription, type ServiceOverrides } from '@sagsspor/platform';
import { createTestDatabase, uniqueNamespace } from '@sagsspor/testing';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

export type ServiceModuleFactory = (config: ServiceConfig, logger: Logger, overrides: ServiceOverrides) => unknown;

export interface ServiceUnderTestOptions {
  serviceName: string;
  moduleFor: ServiceModuleFactory;
  /** Names the database and the topic namespace, so a failing test's leftovers say whose they are. */
  label: string;
  clock?: Clock;
  schedulerIntervalMs?: number;
  /** More environment for loadServiceConfig (e.g. a setting under test). */
  env?: Record<string, string>;
  /** Reuse another instance's database and namespace (a restart). */
  reuse?: { databaseName: string; namespace: string; logs: string[] };
}

export interface ServiceUnderTest {
  url: string;
  app: INestApplication;
  dataSource: DataSource;
  config: ServiceConfig;
  databaseName: string;
  namespace: string;
  /** Every JSON log line the service wrote, for assertions (a CPR must never be in one). */
  logs: string[];
  /** Stops the app; the database stays until `drop`. */
  stop: () => Promise<void>;
  /** Stops and starts the service again on the same database and namespace (a restart). */
  restart: (changes?: { clock?: Clock }) => Promise<ServiceUnderTest>;
  /** Stops the app and drops its database. */
  drop: () => Promise<void>;
}

const description: ServiceDescription = { title: 'service under test', description: 'integration test' };

/**
 * One service in-process, as it runs in production (same module, migrations, relay, consumers,
 * scheduler, guard), on a fresh database of its own and a Kafka topic namespace of its own, listening
 * on a free port. Needs DATABASE_URL and KAFKA_BROKERS (the int target's global setup sets them).
 */
export async function startServiceUnderTest(options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
  const database = options.reuse ? undefined : await createTestDatabase(options.label);
  const databaseName = options.reuse?.databaseName ?? database!.name;
  const namespace = options.reuse?.namespace ?? uniqueNamespace(options.label);
  const logs = options.reuse?.logs ?? [];
  const config = loadServiceConfig(options.serviceName, 0, {
    // Two connections unless set: several services under test share one PostgreSQL (max_connections
    // is 100 by default), and the relay holds one of them, so a command that takes a second connection
    // from the pool while its transaction holds the first deadlocks here at once, not only under load
    // (ADR 0084).
    DATABASE_POOL_SIZE: '2',
    ...process.env,
    DATABASE_NAME: databaseName,
    // One service alone: the child registry's tables in its own database (a platform shares one registry database).
    CHILD_REGISTRY_DATABASE_NAME: databaseName,
    KAFKA_TOPIC_NAMESPACE: namespace,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger(options.serviceName, sink);
  const module = options.moduleFor(config, logger, { clock: options.clock, schedulerIntervalMs: options.schedulerIntervalMs ?? 100 });
  const app = await createServiceApp(module, config, logger, description);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  const dropDatabase = async () => {
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  };
  return {
    url,
    app,
    dataSource: app.get(DataSource),
    config,
    databaseName,
    namespace,
    logs,
    stop,
    restart: async (changes = {}) => {
      await stop();
      return startServiceUnderTest({ ...options, clock: changes.clock ?? options.clock, reuse: { databaseName, namespace, logs } });
    },
    drop: async () => {
      await stop();
      await dropDatabase();
    },
  };
}

/** A clock a test moves by hand. */
export function controlledClock(start: string | Date): Clock & { set: (instant: string | Date) => void; advanceDays: (days: number) => void } {
  let now = new Date(start);
  const clock = (() => new Date(now)) as Clock & { set: (instant: string | Date) => void; advanceDays: (days: number) => void };
  clock.set = (instant) => {
    now = new Date(instant);
  };
  clock.advanceDays = (days) => {
    now = new Date(now.getTime() + days * 86_400_000);
  };
  return clock;
}
