import { randomBytes } from 'node:crypto';
import { moveChildPseudonym, type VaultKey } from '@sagsspor/child-identity';
import { deadLetterTopicOf, integrationEventCatalog } from '@sagsspor/contracts';
import { type DomainEvent, upcastEvent, type Upcaster } from '@sagsspor/domain';
import { createKafka, qualifiedTopic } from '@sagsspor/messaging';
import type { Admin } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceDefinition } from './bootstrap';
import { loadServiceConfig } from './config';
import { createServiceDataSource } from './database';

// The one-off migration of ADR 0099 (docs/operations.md, "Migrating child pseudonyms"), run with
// the services stopped: every child pseudonym anywhere becomes a new random one, the same in every
// store, so the reports stay as they were; stored events take their current shape (no birth date
// beside a pseudonym); the public topics are emptied so the relays publish the rewritten history
// again. What tied an old pseudonym to its new one is deleted at the end: pseudonyms made under the
// earlier scheme were a keyed hash of the CPR, and the link would keep that hash alive.

export interface ServiceStore {
  service: string;
  dataSource: DataSource;
  /** The service's upcasters: stored events are rewritten in their current shape. */
  upcasters: readonly Upcaster[];
}

export interface PseudonymMigrationOptions {
  services: ServiceStore[];
  /** The child registry's database and the vault key its child keys are wrapped with. */
  registry: DataSource;
  vaultKey: VaultKey;
  /** A connected Kafka admin client, and the topics to empty (the public topics and their dead letters, qualified). */
  kafkaAdmin: Admin;
  topics: string[];
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface PseudonymMigrationResult {
  pseudonyms: number;
  rowsRewritten: Record<string, number>;
  eventsReshaped: Record<string, number>;
  topicsEmptied: string[];
}

const PSEUDONYM = /^[0-9a-f]{64}$/;
const PSEUDONYM_IN_TEXT = /[0-9a-f]{64}/g;
const BATCH = 500;

interface Column {
  schema: string;
  table: string;
  column: string;
  type: 'jsonb' | 'json' | 'text';
}

async function textColumns(manager: DataSource | EntityManager): Promise<Column[]> {
  const rows: { schema: string; table: string; column: string; data_type: string }[] = await manager.query(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.data_type
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.data_type IN ('jsonb', 'json', 'text', 'character varying')
      ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => ({ schema: r.schema, table: r.table, column: r.column, type: r.data_type === 'jsonb' || r.data_type === 'json' ? (r.data_type as 'jsonb' | 'json') : 'text' }));
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const tableName = (c: { schema: string; table: string }) => `${quoted(c.schema)}.${quoted(c.table)}`;

/** Every child pseudonym a store holds: `childRef` anywhere in a JSON column, and `child_ref` columns. */
async function pseudonymsIn(dataSource: DataSource): Promise<Set<string>> {
  const found = new Set<string>();
  for (const c of await textColumns(dataSource)) {
    const sql =
      c.type === 'text'
        ? c.column === 'child_ref'
          ? `SELECT DISTINCT ${quoted(c.column)} AS v FROM ${tableName(c)}`
          : undefined
        : `SELECT DISTINCT v FROM (SELECT jsonb_path_query(${quoted(c.column)}::jsonb, 'strict $.**.childRef') #>> '{}' AS v FROM ${tableName(c)}) found`;
    if (!sql) continue;
    for (const { v } of (await dataSource.query(sql)) as { v: string | null }[]) if (v && PSEUDONYM.test(v)) found.add(v);
  }
  return found;
}

/**
 * The migration: idempotent and resumable (the links live in the registry's database until the end,
 * so a second run after a crash carries on with the same new pseudonyms).
 */
export async function migratePseudonyms(options: PseudonymMigrationOptions): Promise<PseudonymMigrationResult> {
  const log = options.log ?? (() => undefined);
  const { registry } = options;
  await registry.query(`CREATE TABLE IF NOT EXISTS child_pseudonym_migration (old_ref text PRIMARY KEY, new_ref text NOT NULL UNIQUE)`);

  // 1. Every pseudonym, old or already migrated, and a new random one for each not yet linked.
  const links = new Map<string, string>();
  for (const row of (await registry.query(`SELECT old_ref, new_ref FROM child_pseudonym_migration`)) as { old_ref: string; new_ref: string }[]) links.set(row.old_ref, row.new_ref);
  const alreadyNew = new Set(links.values());
  const everywhere = new Set<string>();
  for (const { child_ref } of (await registry.query(`SELECT child_ref FROM child_registry UNION SELECT child_ref FROM child_registry_erasures`)) as { child_ref: string }[]) everywhere.add(child_ref);
  for (const { dataSource } of options.services) for (const ref of await pseudonymsIn(dataSource)) everywhere.add(ref);
  const fresh = [...everywhere].filter((ref) => !links.has(ref) && !alreadyNew.has(ref));
  for (let i = 0; i < fresh.length; i += BATCH) {
    const olds = fresh.slice(i, i + BATCH);
    const news = olds.map(() => randomBytes(32).toString('hex'));
    await registry.query(`INSERT INTO child_pseudonym_migration (old_ref, new_ref) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [olds, news]);
    olds.forEach((old, j) => links.set(old, news[j]));
  }
  log('pseudonyms linked to new random ones', { pseudonyms: links.size, new: fresh.length });

  // 2. The registry: each row under its new pseudonym, its key re-wrapped and its CPR re-sealed (the pseudonym is bound into both).
  await registry.transaction(async (m) => {
    for (const [from, to] of links) await moveChildPseudonym(m, options.vaultKey, from, to);
    await m.query(`UPDATE child_registry_erasures e SET child_ref = l.new_ref FROM child_pseudonym_migration l WHERE e.child_ref = l.old_ref`);
  });

  // 3. Each service's database, in one transaction: stored events in their current shape, every pseudonym
  //    in every text and JSON column replaced, the stored answers (whose fingerprints cover the old
  //    pseudonyms) and the relay checkpoints cleared, so the relay publishes the rewritten history.
  const rowsRewritten: Record<string, number> = {};
  const eventsReshaped: Record<string, number> = {};
  const replaced = (text: string) => text.replace(PSEUDONYM_IN_TEXT, (ref) => links.get(ref) ?? ref);
  for (const { service, dataSource, upcasters } of options.services) {
    await dataSource.transaction(async (m) => {
      // Not the links themselves, where the registry shares a service's database (one service alone, in tests).
      const columns = (await textColumns(m)).filter((c) => c.table !== 'child_pseudonym_migration');
      const tables = [...new Map(columns.map((c) => [tableName(c), c])).values()];
      for (const t of tables) await m.query(`ALTER TABLE ${tableName(t)} DISABLE TRIGGER USER`);
      let rewritten = 0;
      let reshaped = 0;
      const events = columns.some((c) => c.schema === 'public' && c.table === 'events' && c.column === 'data');
      if (events) {
        let after = 0;
        for (;;) {
          // `at`, not `global_position`: ORDER BY would take the output column, and sort the text.
          const rows: { at: string; event_type: string; data: Record<string, unknown> }[] = await m.query(
            `SELECT global_position::text AS at, event_type, data FROM events WHERE global_position > $1 ORDER BY global_position LIMIT ${BATCH}`,
            [after],
          );
          if (rows.length === 0) break;
          after = Number(rows[rows.length - 1].at);
          for (const row of rows) {
            const current = upcastEvent(upcasters, { type: row.event_type, data: row.data } as DomainEvent);
            const text = replaced(JSON.stringify(current.data));
            const before = JSON.stringify(row.data);
            if (current.type === row.event_type && text === before) continue;
            if (current.type !== row.event_type || JSON.stringify(current.data) !== before) reshaped++;
            await m.query(`UPDATE events SET event_type = $2, data = $3::jsonb WHERE global_position = $1`, [row.at, current.type, text]);
            rewritten++;
          }
        }
      }
      for (const c of columns) {
        if (events && c.schema === 'public' && c.table === 'events' && c.column === 'data') continue;
        const cast = c.type === 'text' ? '' : '::text';
        const rows: { at: string; value: string }[] = await m.query(
          `SELECT ctid::text AS at, ${quoted(c.column)}${cast} AS value FROM ${tableName(c)} WHERE ${quoted(c.column)}${cast} ~ '[0-9a-f]{64}'`,
        );
        for (const row of rows) {
          const next = replaced(row.value);
          if (next === row.value) continue;
          await m.query(`UPDATE ${tableName(c)} SET ${quoted(c.column)} = $2${c.type === 'text' ? '' : `::${c.type}`} WHERE ctid = $1::tid`, [row.at, next]);
          rewritten++;
        }
      }
      if (columns.some((c) => c.schema === 'public' && c.table === 'command_idempotency')) await m.query(`DELETE FROM command_idempotency`);
      if (columns.some((c) => c.schema === 'public' && c.table === 'relay_checkpoints')) await m.query(`DELETE FROM relay_checkpoints`);
      for (const t of tables) await m.query(`ALTER TABLE ${tableName(t)} ENABLE TRIGGER USER`);
      rowsRewritten[service] = rewritten;
      eventsReshaped[service] = reshaped;
    });
    log('service database rewritten', { service, rows: rowsRewritten[service], eventsReshaped: eventsReshaped[service] });
  }

  // 4. The public topics emptied: what they hold carries the old pseudonyms; the relays publish the rewritten events again.
  const existing = new Set(await options.kafkaAdmin.listTopics());
  const topicsEmptied: string[] = [];
  for (const topic of options.topics.filter((t) => existing.has(t))) {
    const offsets = await options.kafkaAdmin.fetchTopicOffsets(topic);
    const partitions = offsets.filter((p) => Number(p.high) > Number(p.low)).map((p) => ({ partition: p.partition, offset: p.high }));
    if (partitions.length > 0) await options.kafkaAdmin.deleteTopicRecords({ topic, partitions });
    topicsEmptied.push(topic);
  }
  log('public topics emptied', { topics: topicsEmptied.length });

  // 5. The links go: nothing ties a new pseudonym to an old one any more.
  await registry.query(`DROP TABLE child_pseudonym_migration`);
  return { pseudonyms: links.size, rowsRewritten, eventsReshaped, topicsEmptied };
}

/**
 * The migration as an operator runs it (`npm run migrate:pseudonyms`): the four services' databases
 * as their configuration names them (DATABASE_URL, and DATABASE_NAME_<SERVICE> where a database has
 * another name than sagsspor_<service>), the child registry's, the vault key, and the Kafka cluster
 * and namespace, all from the same environment the services read.
 */
export async function runPseudonymMigration(definitions: readonly ServiceDefinition[], env: NodeJS.ProcessEnv = process.env, log?: PseudonymMigrationOptions['log']): Promise<PseudonymMigrationResult> {
  const configs = definitions.map((definition) => {
    const own = env[`DATABASE_NAME_${definition.name.toUpperCase().replace(/-/g, '_')}`];
    return { definition, config: loadServiceConfig(definition.name, definition.defaultPort, { ...env, ...(own ? { DATABASE_NAME: own } : {}) }) };
  });
  const [{ config: first }] = configs;
  const opened: DataSource[] = [];
  const openDataSource = async (url: string) => {
    const dataSource = await createServiceDataSource(url, [], [], { tls: first.databaseTls, poolSize: first.databasePoolSize }).initialize();
    opened.push(dataSource);
    return dataSource;
  };
  const kafka = createKafka({ ...first.kafka, clientId: 'sagsspor-pseudonym-migration' });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  try {
    const services: ServiceStore[] = [];
    for (const { definition, config } of configs) services.push({ service: definition.name, dataSource: await openDataSource(config.databaseUrl), upcasters: definition.upcasters ?? [] });
    const published = [...new Set(integrationEventCatalog.map((d) => d.topic))].map((t) => qualifiedTopic(first.kafka, t));
    return await migratePseudonyms({
      services,
      registry: await openDataSource(first.childRegistryDatabaseUrl),
      vaultKey: first.childVaultKey,
      kafkaAdmin,
      topics: [...published, ...published.map(deadLetterTopicOf)],
      log,
    });
  } finally {
    await kafkaAdmin.disconnect();
    for (const dataSource of opened) await dataSource.destroy();
  }
}
