import { Client } from 'pg';
import { uniqueNamespace, withDatabase } from '@sagsspor/testing';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries -- the launcher is plain Node, shared with npm start
const { startServices } = require('../../../deploy/services.cjs') as {
  startServices: (options: object) => Promise<{ services: Record<string, { url: string }>; stop: () => Promise<void> }>;
};

export interface RunningPlatform {
  url: (service: 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting') => string;
  namespace: string;
  /** The URL of a service's own database (for scans in tests). */
  databaseUrl: (service: 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting') => string;
  output: string[];
  stop: () => Promise<void>;
}

/**
 * The four services as separate processes (their build output), on free ports, with databases
 * and a Kafka topic namespace of their own, so runs never see each other's data.
 */
export async function startPlatform(label: string, basePort: number): Promise<RunningPlatform> {
  const namespace = uniqueNamespace(label);
  const databasePrefix = namespace.replace(/[^a-z0-9]/gi, '_').toLowerCase();
  const databaseOf = (service: string) => `${databasePrefix}_${service.replace(/-/g, '_')}`;
  const output: string[] = [];
  const ports = { referrals: basePort, 'case-lifecycle': basePort + 1, 'sector-coordination': basePort + 2, reporting: basePort + 3 };
  const platform = await startServices({
    ports,
    // Test drivers load thousands of cases with one token per house: a limit well above that load.
    env: (service: string) => ({ DATABASE_NAME: databaseOf(service), KAFKA_TOPIC_NAMESPACE: namespace, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000' }),
    onOutput: (_service: string, line: string) => output.push(line),
    // The shared machine can be slow: four Node processes starting, migrating and connecting at once.
    timeoutMs: 240000,
  });
  return {
    url: (service) => platform.services[service].url,
    namespace,
    databaseUrl: (service) => withDatabase(process.env.DATABASE_URL!, databaseOf(service)),
    output,
    stop: async () => {
      await platform.stop();
      const admin = new Client({ connectionString: withDatabase(process.env.DATABASE_URL!, 'postgres') });
      await admin.connect();
      for (const service of Object.keys(ports)) await admin.query(`DROP DATABASE IF EXISTS "${databaseOf(service)}" WITH (FORCE)`);
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
