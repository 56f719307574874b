import { type IntegrationEvent, deadLetterTopicOf, validateIntegrationEventData } from '@sagsspor/contracts';
import { failureOf, inUnitOfWork, RETRY_POLICY, sleep } from '@sagsspor/event-store';
import { containsCpr, DomainError, REDACTED_CPR } from '@sagsspor/domain';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { fromKafkaMessage, MalformedMessageError } from './cloudevents';
import { withoutCprs } from './cpr-in-messages';
import { type KafkaSettings, qualifiedTopic } from './kafka-config';
import { type MessagingLogger, silentLogger } from './logger';

/** The header that marks a dead letter whose CPR numbers were removed: it cannot be replayed as sent. */
export const DLQ_REDACTED = 'dlq_redacted';

export interface MessageContext {
  /** The transaction the inbox row is written in: write the effect with it. */
  manager: EntityManager;
  topic: string;
  partition: number;
  offset: string;
}

export type IntegrationEventHandler = (event: IntegrationEvent, context: MessageContext) => Promise<void>;

/** One bad field of a message: `field` is a path into its data (`participants[0].mode`). */
export interface MessageFieldProblem {
  field: string;
  message: string;
}

/**
 * A message that can never be handled as sent (bad data): goes to the DLQ without retries. `fields`,
 * when given, travels as the `dlq_error_fields` header (JSON), so a sender's tooling can show them.
 */
export class InvalidMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: readonly MessageFieldProblem[],
  ) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

export interface InboxConsumerOptions {
  groupId: string;
  /** Contract topic names; the namespace from settings is applied here. */
  topics: string[];
  kafka: Kafka;
  settings: Pick<KafkaSettings, 'topicNamespace'>;
  dataSource: DataSource;
  /** Handlers by event type. Other types on the topics are acknowledged and skipped. */
  handlers: Record<string, IntegrationEventHandler>;
  /** Turns a Kafka message into an event; default: CloudEvents binary mode + the contract schema. */
  decode?: (message: KafkaMessage, topic: string) => IntegrationEvent;
  /** Attempts in all before a message whose handler keeps failing goes to the DLQ (default RETRY_POLICY.otherAttempts). */
  maxAttempts?: number;
  /** Kafka consumer session timeout (ms): how soon a crashed member's partitions go to the others. Default 30 s. */
  sessionTimeoutMs?: number;
  logger?: MessagingLogger;
  /** Told about every message: its outcome, and for decoded events their CloudEvents time (for lag metrics). */
  onHandled?: (outcome: 'handled' | 'duplicate' | 'skipped' | 'dead-lettered', event: { topic: string; type?: string; time?: string; id?: string; traceparent?: string }) => void;
}

export function decodeContractEvent(message: KafkaMessage): IntegrationEvent {
  const event = fromKafkaMessage(message);
  const problems = validateIntegrationEventData(event.type, event.data);
  if (problems.length > 0 && !problems[0].startsWith('unknown event type')) {
    throw new InvalidMessageError('MESSAGING.SCHEMA_VIOLATION', `data does not match the schema of ${event.type}: ${problems.join('; ')}`);
  }
  return event;
}

/**
 * A Kafka consumer that handles each message exactly once in effect: the event id goes into the
 * inbox table in the same transaction as the handler's writes, and the offset is committed only
 * after that transaction. A message that keeps failing goes to `<topic>.dlq` with the error in
 * its headers, and the partition moves on.
 */
export class InboxConsumer {
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private readonly logger: MessagingLogger;
  private readonly maxAttempts: number;
  private readonly decode: (message: KafkaMessage, topic: string) => IntegrationEvent;

  constructor(private readonly options: InboxConsumerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.maxAttempts = options.maxAttempts ?? RETRY_POLICY.otherAttempts;
    this.decode = options.decode ?? decodeContractEvent;
  }

  async start(): Promise<void> {
    const { kafka, groupId } = this.options;
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.dlqProducer.connect();
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30000;
    // With a shorter session the rebalance (which waits for every member to rejoin) is bounded too.
    const rebalanceTimeout = this.options.sessionTimeoutMs ? 2 * sessionTimeout : 60000;
    const consumer = kafka.consumer({ groupId, sessionTimeout, rebalanceTimeout, heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)), retry: { retries: 10, initialRetryTime: 300 } });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics.map((t) => qualifiedTopic(this.options.settings, t)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        let lastDone: string | undefined;
        try {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await this.process(batch.topic, batch.partition, message, { heartbeat, isRunning });
            resolveOffset(message.offset);
            lastDone = message.offset;
            await heartbeat();
          }
        } finally {
          if (lastDone !== undefined) {
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(lastDone) + 1n).toString() }]);
          }
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.dlqProducer = undefined;
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    session: { heartbeat: () => Promise<void>; isRunning: () => boolean },
  ): Promise<void> {
    let event: IntegrationEvent;
    try {
      event = this.decode(message, topic);
    } catch (error) {
      if (error instanceof MalformedMessageError || error instanceof InvalidMessageError) {
        await this.deadLetter(topic, partition, message, error, 0);
        return;
      }
      throw error;
    }
    const handler = this.options.handlers[event.type];
    if (!handler) {
      this.options.onHandled?.('skipped', { topic, type: event.type });
      return;
    }
    let failures = 0;
    for (let outage = 1; ; ) {
      try {
        const handled = await inUnitOfWork(this.options.dataSource, async (manager) => {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO inbox (consumer_group, event_id, event_type, topic, partition, kafka_offset)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.options.groupId, event.id, event.type, topic, partition, message.offset],
          );
          if (inserted.length === 0) return false;
          await handler(event, { manager, topic, partition, offset: message.offset });
          return true;
        });
        this.options.onHandled?.(handled ? 'handled' : 'duplicate', { topic, type: event.type, time: event.time, id: event.id, traceparent: event.traceparent });
        return;
      } catch (error) {
        if (failureOf(error) === 'unavailable') {
          // Not the message's fault: keep it, wait, and try again (no DLQ, no lost message).
          if (!session.isRunning()) throw error;
          this.logger.warn('infrastructure unavailable while handling a message; retrying', { topic, partition, offset: message.offset, error: (error as Error).message });
          await sleep(RETRY_POLICY.unavailableBackOffMs(outage++));
          await session.heartbeat().catch(() => undefined);
          continue;
        }
        failures++;
        if (error instanceof InvalidMessageError || error instanceof DomainError || failures >= this.maxAttempts) {
          await this.deadLetter(topic, partition, message, error as Error, failures);
          return;
        }
        await sleep(RETRY_POLICY.conflictBackOffMs(failures));
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error, attempts: number): Promise<void> {
    const code = (error as { code?: string }).code ?? 'MESSAGING.HANDLER_FAILED';
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      dlq_error_code: String(code),
      dlq_error_message: error.message.slice(0, 2000),
      dlq_original_topic: topic,
      dlq_original_partition: String(partition),
      dlq_original_offset: message.offset,
      dlq_consumer_group: this.options.groupId,
      dlq_attempts: String(attempts),
      dlq_failed_at: new Date().toISOString(),
    };
    if (error instanceof InvalidMessageError && error.fields?.length) headers.dlq_error_fields = JSON.stringify(error.fields.slice(0, 50));
    // No CPR is kept on a dead-letter topic in clear (a clear childCpr, one in an id or a header): such a letter is redacted and marked.
    const letter = withoutCprs({ key: message.key, value: message.value, headers });
    if (letter.redacted) letter.headers[DLQ_REDACTED] = 'cpr';
    await this.dlqProducer!.send({ topic: deadLetterTopicOf(topic), acks: -1, messages: [{ key: letter.key, value: letter.value, headers: letter.headers }] });
    const logged = error.message.slice(0, 500);
    this.logger.warn('message sent to the dead-letter topic', { topic, partition, offset: message.offset, errorCode: code, error: containsCpr(logged) ? REDACTED_CPR : logged });
    this.options.onHandled?.('dead-lettered', { topic });
  }
}
