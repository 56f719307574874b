import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { uniqueNamespace, withDatabase } from '@sagsspor/testing';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries -- the launcher is plain Node, shared with npm start
const { startServices } = require('../../../deploy/services.cjs') as {
  startServices: (options: object) => Promise<{
    services: Record<string, { url: string }>;
    stop: () => Promise<void>;
    kill: (service: string, signal?: NodeJS.Signals) => Promise<void>;
    restart: (service: string) => Promise<{ url: string; pid: number }>;
  }>;
};

export type ServiceName = 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting';
export const serviceNames: readonly ServiceName[] = ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'];

export interface RunningPlatform {
  url: (service: ServiceName) => string;
  namespace: string;
  output: string[];
  /** The URL of a service's own database (on the platform's PostgreSQL server). */
  databaseUrl: (service: ServiceName) => string;
  /** The URL of the child registry's database, shared by referrals and sector-coordination (ADR 0099). */
  childRegistryDatabaseUrl: string;
  kafkaBrokers: string;
  /** Sends a signal to one service's process (default SIGKILL) and waits until it exited. */
  kill: (service: ServiceName, signal?: NodeJS.Signals) => Promise<void>;
  /** Starts one service again (after a kill, or stopping it first) and waits until it is healthy. */
  restart: (service: ServiceName) => Promise<void>;
  stop: () => Promise<void>;
}

export interface PlatformOptions {
  /** The PostgreSQL server (any database on it): default DATABASE_URL. */
  databaseUrl?: string;
  /** The Kafka brokers: default KAFKA_BROKERS. */
  kafkaBrokers?: string;
  /** More environment for every service. */
  env?: Record<string, string>;
  /** How long each service may take to answer /health at start and restart (default 90 s). */
  readyTimeoutMs?: number;
}

/**
 * The four services as separate processes (their build output), on free ports, with databases
 * and a Kafka topic namespace of their own, so runs never see each other's data.
 */
export async function startPlatform(label: string, basePort: number, options: PlatformOptions = {}): Promise<RunningPlatform> {
  const namespace = uniqueNamespace(label);
  // Not the namespace, whose run prefix would take the longest names past PostgreSQL's 63 characters.
  const databasePrefix = `e2e_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const databaseOf = (service: string) => `${databasePrefix}_${service.replace(/-/g, '_')}`;
  const output: string[] = [];
  const server = options.databaseUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const kafkaBrokers = options.kafkaBrokers ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const ports = { referrals: basePort, 'case-lifecycle': basePort + 1, 'sector-coordination': basePort + 2, reporting: basePort + 3 };
  const platform = await startServices({
    ports,
    // Test drivers load thousands of cases with one token per house: a limit well above that load.
    env: (service: string) => ({
      DATABASE_URL: server,
      KAFKA_BROKERS: kafkaBrokers,
      DATABASE_NAME: databaseOf(service),
      CHILD_REGISTRY_DATABASE_NAME: databaseOf('child-registry'),
      KAFKA_TOPIC_NAMESPACE: namespace,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    }),
    onOutput: (_service: string, line: string) => output.push(line),
    // The shared machine can be slow: four Node processes starting, migrating and connecting at once.
    timeoutMs: options.readyTimeoutMs ?? 240000,
  });
  return {
    url: (service) => platform.services[service].url,
    namespace,
    output,
    databaseUrl: (service) => withDatabase(server, databaseOf(service)),
    childRegistryDatabaseUrl: withDatabase(server, databaseOf('child-registry')),
    kafkaBrokers,
    kill: (service, signal) => platform.kill(service, signal),
    restart: async (service) => {
      await platform.restart(service);
    },
    stop: async () => {
      await platform.stop();
      const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
      await admin.connect();
      for (const service of [...Object.keys(ports), 'child-registry']) await admin.query(`DROP DATABASE IF EXISTS "${databaseOf(service)}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
