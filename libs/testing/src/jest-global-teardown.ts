import { Kafka, logLevel } from 'kafkajs';
import type { TestInfrastructure } from './infrastructure';
import { testRunTopicPrefix } from './waiting';

/**
 * Deletes the topics this run's tests created (their namespaces start with the run's prefix): every
 * service under test creates its topics, and a broker shared by many runs (a developer's, CI's) would
 * otherwise hold thousands of partitions and run out of file handles.
 */
async function deleteThisRunsTopics(): Promise<void> {
  const { KAFKA_BROKERS: brokers, SAGSSPOR_TEST_RUN: run } = process.env;
  if (!brokers || !run) return;
  const admin = new Kafka({ brokers: brokers.split(','), clientId: 'sagsspor-test-teardown', logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(testRunTopicPrefix(run)));
    for (let i = 0; i < topics.length; i += 100) await admin.deleteTopics({ topics: topics.slice(i, i + 100), timeout: 30000 });
  } catch (error) {
    console.warn(`could not delete this test run's topics: ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export default async function globalTeardown(): Promise<void> {
  await deleteThisRunsTopics();
  await (globalThis as { __sagssporInfrastructure?: TestInfrastructure }).__sagssporInfrastructure?.stop();
}
