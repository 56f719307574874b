import { containsCpr, cprFieldsIn } from '@sagsspor/domain';
import { cprPlacesInMessage, createKafka, readTopicToEnd } from '@sagsspor/messaging';
import type { ServiceUnderTest } from './service-under-test';

// The scan that shows no CPR got past the doors (docs/data-protection.md, ADR 0094): every table of
// a service's database (every event store and the audit log among them), every message on its
// topics, every line it logged, read with the one detector (containsCpr), so every form counts.

export interface CprScan {
  /** Where a CPR was found: `events row 3: data.interviewId`, `<topic> offset 7: (key)`, `log line 12: msg`. Never the CPR. */
  findings: string[];
  /** What was read, so a test can show the scan was not empty: rows by table, messages by topic, log lines. */
  scanned: { rows: Record<string, number>; messages: Record<string, number>; logLines: number };
}

/** A bytea column comes out of json_agg as `\x…` hex: read as the bytes' text, so a CPR stored as bytes counts too. */
const bytesAsText = (value: unknown): unknown =>
  typeof value === 'string' && /^\\x(?:[0-9a-f]{2})+$/.test(value) ? Buffer.from(value.slice(2), 'hex').toString('latin1') : value;

function withBytesAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withBytesAsText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBytesAsText(v)]));
  return bytesAsText(value);
}

/**
 * Scans what `service` stored, published and logged for a CPR number in any form: every table of
 * every schema (the child registry's too, where the CPR is sealed: its bytes are read as text), every topic of its namespace (dead-letter topics included) but
 * `skipTopics` (an inbound topic, which holds what the test itself sent), every log line.
 */
export async function scanForCprs(service: ServiceUnderTest, options: { skipTopics?: string[] } = {}): Promise<CprScan> {
  const findings: string[] = [];
  const scanned: CprScan['scanned'] = { rows: {}, messages: {}, logLines: service.logs.length };

  const tables: { schema: string; name: string }[] = await service.dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  for (const { schema, name } of tables) {
    const label = schema === 'public' ? name : `${schema}.${name}`;
    const [{ rows }] = await service.dataSource.query(`SELECT coalesce(json_agg(t), '[]')::text AS rows FROM "${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}" t`);
    const parsed = JSON.parse(rows) as unknown[];
    scanned.rows[label] = parsed.length;
    parsed.forEach((row, at) => findings.push(...cprFieldsIn(withBytesAsText(row)).map((field) => `${label} row ${at}: ${field}`)));
  }

  const kafka = createKafka({ ...service.config.kafka, clientId: 'cpr-scan' });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${service.namespace}.`) && !(options.skipTopics ?? []).includes(t)).sort();
  await admin.disconnect();
  for (const topic of topics) {
    const messages = await readTopicToEnd(kafka, topic, 'cpr-scan');
    scanned.messages[topic] = messages.length;
    for (const { partition, message } of messages) findings.push(...cprPlacesInMessage(message).map((place) => `${topic} ${partition}/${message.offset}: ${place}`));
  }

  service.logs.forEach((line, at) => {
    let fields: string[];
    try {
      fields = cprFieldsIn(JSON.parse(line));
    } catch {
      fields = containsCpr(line) ? ['(line)'] : [];
    }
    findings.push(...fields.map((field) => `log line ${at}: ${field}`));
  });
  return { findings, scanned };
}
