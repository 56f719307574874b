import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { deadLetterTopicOf, integrationEventCatalog } from '@sagsspor/contracts';
import { waitFor } from '@sagsspor/testing';
import { Client } from 'pg';
import { type RunningPlatform, serviceNames } from './platform';
import { dumpDatabase, readTopics } from './platform-contents';

// The migration of ADR 0099 as an operator runs it, on a running e2e platform: the four services
// stopped, `npm run cli -- migrate-pseudonyms --yes` with their settings, the services started again,
// and the relays' publishing of the rewritten history awaited.

const repoRoot = path.resolve(__dirname, '../../..');
const PSEUDONYM = /[0-9a-f]{64}/g;

const publishedTopics = (platform: RunningPlatform) => {
  const topics = [...new Set(integrationEventCatalog.map((d) => d.topic))].map((t) => `${platform.namespace}.${t}`);
  return [...topics, ...topics.map(deadLetterTopicOf)];
};

/** Every child pseudonym the platform holds: `childRef` in the services' events, and the child registry's rows and erasure records. */
export async function pseudonymsOf(platform: RunningPlatform): Promise<Set<string>> {
  const found = new Set<string>();
  const collect = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      for (const { ref } of (await client.query<{ ref: string }>(sql)).rows) found.add(ref);
    } finally {
      await client.end();
    }
  };
  for (const service of serviceNames) {
    await collect(platform.databaseUrl(service), `SELECT DISTINCT jsonb_path_query(data, 'strict $.**.childRef') #>> '{}' AS ref FROM events`);
  }
  await collect(platform.childRegistryDatabaseUrl, `SELECT child_ref AS ref FROM child_registry UNION SELECT child_ref FROM child_registry_erasures`);
  return found;
}

/** Every table of the platform's databases and the registry's, as text by `<database>.<schema>.<table>`. */
async function everyStoredText(platform: RunningPlatform): Promise<Map<string, string>> {
  const dumps = await Promise.all([...serviceNames.map((s) => platform.databaseUrl(s)), platform.childRegistryDatabaseUrl].map((url) => dumpDatabase(url)));
  return new Map(dumps.flatMap((dump) => [...dump]));
}

/** Every message on the platform's public topics and their dead letters, as text by topic, and how many there are. */
export async function publishedText(platform: RunningPlatform): Promise<{ texts: Map<string, string>; messages: number }> {
  const published = new Set(publishedTopics(platform));
  const read = await readTopics(platform, (topic) => published.has(topic));
  return { texts: new Map([...read].map(([topic, { text }]) => [topic, text])), messages: [...read.values()].reduce((sum, r) => sum + r.messages, 0) };
}

/**
 * Runs the migration on the platform and waits until the relays have published the rewritten
 * history again (as many messages on the public topics as before). Returns the pseudonyms before.
 */
export async function migratePlatformPseudonyms(platform: RunningPlatform): Promise<{ before: Set<string>; cliOutput: string }> {
  const before = await pseudonymsOf(platform);
  const { messages } = await publishedText(platform);
  for (const service of serviceNames) await platform.kill(service, 'SIGTERM');
  const databaseNames = Object.fromEntries(serviceNames.map((s) => [`DATABASE_NAME_${s.toUpperCase().replace(/-/g, '_')}`, new URL(platform.databaseUrl(s)).pathname.slice(1)]));
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'deploy/cli.mjs'), 'migrate-pseudonyms', '--yes'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...databaseNames,
      CHILD_REGISTRY_DATABASE_URL: platform.childRegistryDatabaseUrl,
      KAFKA_BROKERS: platform.kafkaBrokers,
      KAFKA_TOPIC_NAMESPACE: platform.namespace,
    },
    timeout: 600000,
  });
  for (const service of serviceNames) await platform.restart(service);
  await waitFor(() => publishedText(platform), (published) => published.messages >= messages, { timeoutMs: 300000, intervalMs: 2000, what: 'the relays to publish the rewritten history again' });
  return { before, cliOutput: stdout };
}

/** Each report path's status and body, read as `headers`. */
export async function readReports(platform: RunningPlatform, paths: readonly string[], headers: Record<string, string>): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const p of paths) {
    const response = await fetch(`${platform.url('reporting')}${p}`, { headers });
    answers.set(p, `${response.status} ${await response.text()}`);
  }
  return answers;
}

/** Where a pseudonym of `before` is still found (`<pseudonym> in <table or topic>`) in any database or on any public topic: nowhere, after the migration. */
export async function pseudonymsLeft(platform: RunningPlatform, before: ReadonlySet<string>): Promise<string[]> {
  const places = new Map([...(await everyStoredText(platform)), ...(await publishedText(platform)).texts]);
  const left: string[] = [];
  for (const [place, text] of places) {
    for (const { 0: ref, index } of text.matchAll(PSEUDONYM)) if (before.has(ref)) left.push(`${ref} in ${place}: …${text.slice(Math.max(0, index - 150), index + 150)}…`);
  }
  return left;
}
