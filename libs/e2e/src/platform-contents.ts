import { readAllMessages } from '@sagsspor/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { RunningPlatform } from './platform';

// What a running platform holds, as text to search: every table of a database, every message on its
// topics. The scans for CPRs and names, and for pseudonyms after a migration, read it.

/** Every table of a database (every schema), each as JSON text, by `<database>.<schema>.<table>`; only the tables `only` accepts when given. */
export async function dumpDatabase(url: string, only?: (table: string) => boolean): Promise<Map<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const dump = new Map<string, string>();
    for (const { schema, name: table } of tables) {
      if (only && !only(table)) continue;
      const quoted = `"${schema.replace(/"/g, '""')}"."${table.replace(/"/g, '""')}"`;
      // bytea columns come out as hex (\\x…): a search for bytes looks for their hex.
      const { rows } = await client.query<{ dump: string | null }>(`SELECT json_agg(t)::text AS dump FROM ${quoted} t`);
      dump.set(`${url.split('/').pop()}.${schema}.${table}`, rows[0].dump ?? '');
    }
    return dump;
  } finally {
    await client.end();
  }
}

/** Every message (key, value, headers, a line each) of the namespace's topics that `accept` takes (all by default), by topic, with their count. */
export async function readTopics(platform: RunningPlatform, accept: (topic: string) => boolean = () => true): Promise<Map<string, { text: string; messages: number }>> {
  const kafka = new Kafka({ brokers: platform.kafkaBrokers.split(','), clientId: 'e2e-platform-contents', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${platform.namespace}.`) && accept(t)).sort();
  const counts = new Map<string, number>();
  for (const topic of topics) counts.set(topic, (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0));
  await admin.disconnect();
  const read = new Map<string, { text: string; messages: number }>();
  for (const topic of topics) {
    const expected = counts.get(topic)!;
    const messages = expected === 0 ? [] : await readAllMessages(kafka, topic, expected, 30000);
    if (messages.length < expected) throw new Error(`read ${messages.length} of ${expected} messages of ${topic}`);
    const lines = messages.map((m) => [m.key?.toString() ?? '', m.value?.toString() ?? '', ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`)].join(' '));
    read.set(topic, { text: lines.join('\n'), messages: messages.length });
  }
  return read;
}
