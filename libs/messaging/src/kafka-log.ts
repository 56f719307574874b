import { logLevel } from 'kafkajs';
import type { MessagingLogger } from './logger';

/**
 * The level a kafkajs log line goes out at in our log, or 'drop'. kafkajs logs at ERROR every
 * failed response and every consumer restart, also for conditions it retries itself and that a
 * broker is in for a while after it starts (the group coordinator loading `__consumer_offsets`,
 * a topic just created by another service not hosted yet, a leader election). Those are the
 * broker warming up, not problems: while the client is young they go out at info, later at warn
 * (a broker restarting or moving a coordinator under a running service). Everything else keeps
 * kafkajs's level, so a real problem (authentication, a non-retriable crash, a send that failed
 * for good) stays an error.
 */
export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'drop';

/** The messages of the broker conditions kafkajs retries on its own (its protocol errors' texts). */
export const TRANSIENT_BROKER_CONDITIONS: readonly string[] = [
  'This server does not host this topic-partition', // UNKNOWN_TOPIC_OR_PARTITION: a topic just created
  'There is no leader for this topic-partition as we are in the middle of a leadership election', // LEADER_NOT_AVAILABLE
  'This server is not the leader for that topic-partition', // NOT_LEADER_FOR_PARTITION
  "The coordinator is loading and hence can't process requests for this group", // GROUP_LOAD_IN_PROGRESS
  'The group coordinator is not available', // GROUP_COORDINATOR_NOT_AVAILABLE: __consumer_offsets not there yet
  'This is not the correct coordinator for this group', // NOT_COORDINATOR_FOR_GROUP
  'The group is rebalancing, so a rejoin is needed', // REBALANCE_IN_PROGRESS
];

/** How long after the client is created the transient conditions count as the broker warming up. */
export const KAFKA_WARM_UP_MS = 120_000;

// kafkajs warns on every idempotent producer that its retries are bounded: we bound them on
// purpose (the relay retries on its own schedule, and Kafka's sequence numbers still dedupe).
// And once per process that v2 changed its default partitioner: Sagsspor has used that (Java's
// murmur2) partitioner from its first event, so there is nothing to migrate.
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/, /KafkaJS v2\.0\.0 switched default partitioner/];
// Services racing to create the same topics: ensureTopics tolerates TOPIC_ALREADY_EXISTS itself.
const isTopicAlreadyCreated = (message: string, fields: Record<string, unknown>) => /Response CreateTopics/.test(message) && fields.error === 'Topic creation errors';
// A rebalance when a group's members come and go (every start) is the protocol working.
const isRebalance = (message: string) => message === 'The group is rebalancing, re-joining';

const transientIn = (text: unknown) => typeof text === 'string' && TRANSIENT_BROKER_CONDITIONS.some((condition) => text.includes(condition));

/**
 * Decides the level of each kafkajs line. Keeps, per consumer group, whether its last crash was a
 * transient condition, since kafkajs's "Restarting the consumer" line that follows a crash does not
 * say why. `now` and `createdAt` are milliseconds (the clock is a parameter for the tests).
 */
export function kafkaLogLeveller(createdAt: number, now: () => number = Date.now, warmUpMs = KAFKA_WARM_UP_MS) {
  const lastCrashWasTransient = new Map<string, boolean>();
  return (level: logLevel, message: string, fields: Record<string, unknown>): KafkaLogLevel => {
    if (level !== logLevel.ERROR && level !== logLevel.WARN) return 'drop';
    if (EXPECTED_WARNINGS.some((p) => p.test(message)) || isTopicAlreadyCreated(message, fields)) return 'drop';
    const transientLevel = now() - createdAt < warmUpMs ? 'info' : 'warn';
    const group = typeof fields.groupId === 'string' ? fields.groupId : '';
    if (message.startsWith('Crash: ')) {
      const transient = transientIn(message);
      lastCrashWasTransient.set(group, transient);
      if (transient) return transientLevel;
    } else if (message.startsWith('Restarting the consumer in ')) {
      if (lastCrashWasTransient.get(group)) return transientLevel;
    } else if (transientIn(fields.error) || transientIn(message) || isRebalance(message)) {
      return transientLevel;
    }
    return level === logLevel.ERROR ? 'error' : 'warn';
  };
}

/** A kafkajs logCreator writing to our logger at the levels kafkaLogLeveller decides. */
export function kafkaLogCreator(logger: MessagingLogger, now: () => number = Date.now) {
  const levelOf = kafkaLogLeveller(now(), now);
  return () =>
    ({ level, log }: { level: logLevel; log: { message: string } & Record<string, unknown> }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
      const decided = levelOf(level, message, fields);
      if (decided !== 'drop') logger[decided](`kafkajs: ${message}`, fields);
    };
}
