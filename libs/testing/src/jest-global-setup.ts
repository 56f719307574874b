import { randomBytes } from 'node:crypto';
import { provideTestInfrastructure } from './infrastructure';

export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideTestInfrastructure();
  // Test workers are started after this and inherit the environment.
  process.env.DATABASE_URL = infrastructure.databaseUrl;
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.SAGSSPOR_TEST_INFRA_PROVIDER = infrastructure.provider;
  process.env.SAGSSPOR_TEST_RUN = randomBytes(4).toString('hex');
  (globalThis as { __sagssporInfrastructure?: typeof infrastructure }).__sagssporInfrastructure = infrastructure;
}
