import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const workspaceRoot = path.resolve(__dirname, '../../..');

export interface TestInfrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Where it came from: given in the environment, Testcontainers (Docker), or the local launcher. */
  provider: 'environment' | 'testcontainers' | 'local-launcher';
  stop: () => Promise<void>;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Real PostgreSQL and Kafka for int and e2e tests, from one place:
 * 1. DATABASE_URL and KAFKA_BROKERS in the environment: use them as they are;
 * 2. else, if a Docker engine answers: Testcontainers (PostgreSQL and Kafka images);
 * 3. else: the local launcher in deploy/ (Kafka from the Maven artifacts, PostgreSQL from DATABASE_URL).
 */
export async function provideTestInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<TestInfrastructure> {
  if (env.KAFKA_BROKERS && env.DATABASE_URL) {
    return { databaseUrl: env.DATABASE_URL, kafkaBrokers: env.KAFKA_BROKERS, provider: 'environment', stop: async () => undefined };
  }
  if (env.SAGSSPOR_TEST_INFRA !== 'local' && dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const [postgres, kafka] = await Promise.all([
      new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
      new KafkaContainer('apache/kafka:4.4.0').withKraft().start(),
    ]);
    return {
      databaseUrl: postgres.getConnectionUri(),
      kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      provider: 'testcontainers',
      stop: async () => {
        await Promise.all([postgres.stop(), kafka.stop()]);
      },
    };
  }
  execFileSync('bash', [path.join(workspaceRoot, 'deploy/infra.sh'), 'up'], { stdio: 'inherit', env: { ...env } });
  return {
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    kafkaBrokers: env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    provider: 'local-launcher',
    // The launcher's broker is shared with other runs and `npm start`: leave it running.
    stop: async () => undefined,
  };
}
