import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { type Admin, Kafka, logLevel, type KafkaConfig, type logCreator, type SASLOptions } from 'kafkajs';
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

// kafkajs warns on every idempotent producer that its retries are bounded: we bound them on
// purpose (the relay retries on its own schedule, and Kafka's sequence numbers still dedupe).
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/];
// Services racing to create the same topics: ensureTopics tolerates TOPIC_ALREADY_EXISTS itself.
const isTopicAlreadyCreated = (message: string, fields: Record<string, unknown>) => /Response CreateTopics/.test(message) && fields.error === 'Topic creation errors';

function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log as { message: string } & Record<string, unknown>;
      if (EXPECTED_WARNINGS.some((p) => p.test(message)) || isTopicAlreadyCreated(message, fields)) return;
      if (level === logLevel.ERROR) logger.error(`kafkajs: ${message}`, fields);
      else if (level === logLevel.WARN) logger.warn(`kafkajs: ${message}`, fields);
    };
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
    // kafkajs logs through our logger only at WARN and above; its INFO lines are noise for ops.
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  };
  return new Kafka(config);
}

/**
 * Creates the topics (and their dead-letter topics) if they do not exist yet, and returns when
 * every partition of every one of them has a leader. Services starting together race to create
 * the same topics on a fresh broker; for a while after creation the broker answers metadata
 * requests with "This server does not host this topic-partition", which kafkajs's own
 * `waitForLeaders` does not retry (it retries only LEADER_NOT_AVAILABLE) and which, for the
 * topics another service created, it would not wait for at all. So we wait ourselves, for all.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, leaderTimeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin
        .createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })) })
        .catch((error: { type?: string }) => {
          if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
        });
    }
    await untilEveryPartitionHasALeader(admin, topics, leaderTimeoutMs);
  } finally {
    await admin.disconnect();
  }
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
