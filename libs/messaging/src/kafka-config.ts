import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { type Admin, ConfigResourceTypes, ConfigSource, Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { deadLetterTopicOf, topicConfigOf, topicDeclarationOf } from '@sagsspor/contracts';
import { kafkaLogCreator } from './kafka-log';
import { type MessagingLogger, silentLogger } from './logger';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prefixes every topic name, so several environments (or test runs) can share one cluster. */
  topicNamespace?: string;
  /** TLS: on with the system CAs (`true`), or with a CA of its own (the cluster's, e.g. Strimzi's). */
  ssl?: boolean | ConnectionOptions;
  sasl?: SASLOptions;
  /** Create missing topics at start (development); off where topics are managed (Strimzi KafkaTopic). */
  createTopics: boolean;
  /** How long the broker waits for a silent consumer before giving its partitions to another (ms; Kafka's default 30 s when unset). */
  consumerSessionTimeoutMs?: number;
}

/** The SASL mechanisms a service may be configured with (kafkajs's names). */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** Kafka settings from the environment: KAFKA_BROKERS, KAFKA_TOPIC_NAMESPACE, KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*, KAFKA_CREATE_TOPICS, KAFKA_CONSUMER_SESSION_TIMEOUT_MS. */
export function kafkaSettingsFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const mechanism = env.KAFKA_SASL_MECHANISM || undefined;
  if (mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got '${mechanism}'`);
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) throw new Error(`KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_MECHANISM=${mechanism}`);
  }
  return {
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    clientId,
    topicNamespace: env.KAFKA_TOPIC_NAMESPACE || undefined,
    ssl: env.KAFKA_SSL === 'true' ? (env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : true) : false,
    sasl: mechanism ? ({ mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } as SASLOptions) : undefined,
    createTopics: env.KAFKA_CREATE_TOPICS !== 'false',
    ...(env.KAFKA_CONSUMER_SESSION_TIMEOUT_MS ? { consumerSessionTimeoutMs: Number(env.KAFKA_CONSUMER_SESSION_TIMEOUT_MS) } : {}),
  };
}

export function qualifiedTopic(settings: Pick<KafkaSettings, 'topicNamespace'>, topic: string): string {
  return settings.topicNamespace ? `${settings.topicNamespace}.${topic}` : topic;
}

export function createKafka(settings: Pick<KafkaSettings, 'brokers' | 'clientId' | 'ssl' | 'sasl'>, logger: MessagingLogger = silentLogger): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    sasl: settings.sasl,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
    // kafkajs logs through our logger only at WARN and above (its INFO lines are noise for ops),
    // with the broker's warm-up conditions taken down to info (kafka-log.ts).
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  };
  return new Kafka(config);
}

/** A topic to make sure of: its (namespaced) name, partitions, and topic-level settings. */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level settings, as Kafka names them (`retention.ms`, `cleanup.policy`, ...). */
  config?: Record<string, string>;
}

/**
 * The specs of contract topics and their dead-letter topics, from their one declaration in
 * libs/contracts (topicDeclarations, ADR 0097), namespaced for this environment.
 */
export function declaredTopicSpecs(settings: Pick<KafkaSettings, 'topicNamespace'>, topics: string[]): TopicSpec[] {
  return [...new Set(topics.flatMap((t) => [t, deadLetterTopicOf(t)]))].map((t) => {
    const declaration = topicDeclarationOf(t);
    return { name: qualifiedTopic(settings, t), partitions: declaration.partitions, config: topicConfigOf(declaration) };
  });
}

/** What ensureTopics did, for the service's log. */
export interface TopicsEnsured {
  created: string[];
  /** Existing topics whose settings differed from their spec, and were set to it. */
  reconfigured: { name: string; was: Record<string, string | undefined> }[];
  /** Existing topics with another partition count than their spec: left as they are (adding partitions moves keys). */
  otherPartitions: { name: string; partitions: number; declared: number }[];
}

/** One topic setting as the broker describes it. */
export interface DescribedSetting {
  name: string;
  value: string | null;
  /** Set on the topic itself, rather than inherited from the broker or Kafka's default. */
  ownSetting: boolean;
}

/**
 * The settings to give a topic so it has its spec's, or undefined when it has them already.
 * AlterConfigs replaces a topic's own settings as a whole, so the ones the spec does not name are
 * sent again as they are.
 */
export function settingsToApply(declared: Record<string, string>, described: DescribedSetting[]): Record<string, string> | undefined {
  const current = new Map(described.map((d) => [d.name, d.value]));
  if (Object.entries(declared).every(([name, value]) => current.get(name) === value)) return undefined;
  const kept = described.filter((d) => d.ownSetting && d.value !== null && !(d.name in declared)).map((d) => [d.name, d.value as string]);
  return { ...Object.fromEntries(kept), ...declared };
}

/**
 * Makes the topics as their specs say: creates the missing ones with their partitions and settings,
 * sets the settings of existing ones that differ (a topic the broker auto-created, or one created
 * before its retention was declared), and returns when every partition of every topic has a leader.
 * Services starting together race to create the same topics on a fresh broker; for a while after
 * creation the broker answers metadata requests with "This server does not host this
 * topic-partition", which kafkajs's own `waitForLeaders` does not retry (it retries only
 * LEADER_NOT_AVAILABLE) and which, for the topics another service created, it would not wait for
 * at all. So we wait ourselves, for all.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], leaderTimeoutMs = 60_000): Promise<TopicsEnsured> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin
        .createTopics({
          waitForLeaders: false,
          topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: -1, configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })) })),
        })
        .catch((error: { type?: string }) => {
          if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
        });
    }
    const names = specs.map((t) => t.name);
    await untilEveryPartitionHasALeader(admin, names, leaderTimeoutMs);
    // All of them: a topic may have been auto-created with the broker's defaults after listTopics.
    const reconfigured = await reconfigure(admin, specs.filter((t) => t.config));
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
    const otherPartitions = specs.flatMap((t) => {
      const partitions = metadata.find((m) => m.name === t.name)?.partitions.length ?? 0;
      return partitions === t.partitions ? [] : [{ name: t.name, partitions, declared: t.partitions }];
    });
    return { created: missing.map((t) => t.name), reconfigured, otherPartitions };
  } finally {
    await admin.disconnect();
  }
}

/** The topic-level settings of topics, as the broker describes them. */
export async function describeTopicSettings(admin: Pick<Admin, 'describeConfigs'>, topics: string[]): Promise<Map<string, DescribedSetting[]>> {
  if (topics.length === 0) return new Map();
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
  return new Map(
    resources.map((r) => [
      r.resourceName,
      r.configEntries.map((e) => ({ name: e.configName, value: e.configValue, ownSetting: e.configSource === ConfigSource.TOPIC_CONFIG })),
    ]),
  );
}

async function reconfigure(admin: Admin, specs: TopicSpec[]): Promise<TopicsEnsured['reconfigured']> {
  const described = await describeTopicSettings(admin, specs.map((t) => t.name));
  const changes = specs.flatMap((t) => {
    const settings = settingsToApply(t.config ?? {}, described.get(t.name) ?? []);
    return settings ? [{ spec: t, settings }] : [];
  });
  if (changes.length === 0) return [];
  await admin.alterConfigs({
    validateOnly: false,
    resources: changes.map(({ spec, settings }) => ({ type: ConfigResourceTypes.TOPIC, name: spec.name, configEntries: Object.entries(settings).map(([name, value]) => ({ name, value })) })),
  });
  return changes.map(({ spec }) => {
    const current = new Map((described.get(spec.name) ?? []).map((d) => [d.name, d.value ?? undefined]));
    return { name: spec.name, was: Object.fromEntries(Object.keys(spec.config ?? {}).map((name) => [name, current.get(name)])) };
  });
}

/** Polls the topics' metadata until every partition of each has a leader; throws after `timeoutMs` saying which do not. */
export async function untilEveryPartitionHasALeader(admin: Pick<Admin, 'fetchTopicMetadata'>, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waitingFor = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0)).map((t) => t.name);
      if (leaderless.length === 0) return;
      waitingFor = `no leader yet for ${leaderless.join(', ')}`;
    } catch (error) {
      // UNKNOWN_TOPIC_OR_PARTITION and LEADER_NOT_AVAILABLE while the broker catches up: ask again.
      waitingFor = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Kafka topics not ready after ${timeoutMs} ms: ${waitingFor}`);
}
