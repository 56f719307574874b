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

/**
 * Applies the new events of a batch together, in order, in the inbox transaction (`manager`):
 * for handlers that can write a batch in fewer statements than one event at a time (reporting's
 * projections). Must leave the same rows as the events' handlers would one by one.
 */
export type IntegrationEventBatchHandler = (events: readonly IntegrationEvent[], context: Pick<MessageContext, 'manager' | 'topic' | 'partition'>) => Promise<void>;

/** At most this many messages of a Kafka batch share one inbox transaction (and one offset commit). */
export const MESSAGES_PER_TRANSACTION = 500;

/** An error's message as a log line may carry it: cut short, and never with a CPR in it. */
function loggable(error: Error): string {
  const message = error.message.slice(0, 500);
  return containsCpr(message) ? REDACTED_CPR : message;
}

interface DecodedMessage {
  message: KafkaMessage;
  event: IntegrationEvent;
}

interface ConsumerSession {
  heartbeat: () => Promise<void>;
  isRunning: () => boolean;
}

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
  /** Applies a batch's new events together instead of calling their handlers in turn (same effect, fewer statements). */
  batchHandler?: IntegrationEventBatchHandler;
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
 * A Kafka consumer that handles each message exactly once in effect: the event ids go into the
 * inbox table in the same transaction as the handlers' writes, and the offset is committed only
 * after that transaction. A Kafka batch is handled in one transaction (up to
 * MESSAGES_PER_TRANSACTION messages): the inbox rows in one INSERT, then the new events' effects in
 * partition order. When that transaction fails for a reason other than the infrastructure, the
 * batch is handled again one message at a time, so a message that keeps failing goes to
 * `<topic>.dlq` alone, with the error in its headers, and its batch-mates and the partition move on.
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
        for (let start = 0; start < batch.messages.length; start += MESSAGES_PER_TRANSACTION) {
          if (!isRunning() || isStale()) return;
          const messages = batch.messages.slice(start, start + MESSAGES_PER_TRANSACTION);
          await this.processMessages(batch.topic, batch.partition, messages, { heartbeat, isRunning });
          const last = messages[messages.length - 1].offset;
          resolveOffset(last);
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          await heartbeat();
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

  /**
   * Messages of one partition, in order: the undecodable ones dead-lettered, the ones no handler
   * wants skipped, the rest handled in one transaction, or one by one when that fails.
   */
  private async processMessages(topic: string, partition: number, messages: readonly KafkaMessage[], session: ConsumerSession): Promise<void> {
    const handled: DecodedMessage[] = [];
    for (const message of messages) {
      const event = await this.decodedOrDeadLettered(topic, partition, message);
      if (event === undefined) continue;
      if (this.options.handlers[event.type]) handled.push({ message, event });
      else this.options.onHandled?.('skipped', { topic, type: event.type });
    }
    if (handled.length === 0) return;
    if (handled.length > 1) {
      try {
        await this.processTogether(topic, partition, handled, session);
        return;
      } catch (error) {
        if (failureOf(error) === 'unavailable') throw error;
        this.logger.warn('a batch failed as a whole; handling its messages one by one', { topic, partition, offset: handled[0].message.offset, messages: handled.length, error: loggable(error as Error) });
      }
    }
    for (const one of handled) await this.processOne(topic, partition, one, session);
  }

  private async decodedOrDeadLettered(topic: string, partition: number, message: KafkaMessage): Promise<IntegrationEvent | undefined> {
    try {
      return this.decode(message, topic);
    } catch (error) {
      if (error instanceof MalformedMessageError || error instanceof InvalidMessageError) {
        await this.deadLetter(topic, partition, message, error, 0);
        return undefined;
      }
      throw error;
    }
  }

  /**
   * The messages in one transaction: their inbox rows in one INSERT, then the effects of the events
   * not handled before (the first of each id), in order. Waits out the infrastructure; any other
   * failure is the caller's to take apart.
   */
  private async processTogether(topic: string, partition: number, messages: readonly DecodedMessage[], session: ConsumerSession): Promise<void> {
    const { groupId, handlers, batchHandler, dataSource } = this.options;
    const fresh = await this.whileUnavailable(topic, partition, messages[0].message, session, () =>
      inUnitOfWork(dataSource, async (manager) => {
        const params = messages.flatMap(({ message, event }) => [event.id, event.type, message.offset]);
        const rows = messages.map((_, i) => `($1, $${3 * i + 4}, $${3 * i + 5}, $2, $3, $${3 * i + 6})`);
        const inserted: { event_id: string }[] = await manager.query(
          `INSERT INTO inbox (consumer_group, event_id, event_type, topic, partition, kafka_offset) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
          [groupId, topic, partition, ...params],
        );
        const unseen = new Set(inserted.map((r) => r.event_id));
        const fresh = messages.filter(({ event }) => unseen.delete(event.id));
        if (batchHandler) await batchHandler(fresh.map(({ event }) => event), { manager, topic, partition });
        else for (const { message, event } of fresh) await handlers[event.type](event, { manager, topic, partition, offset: message.offset });
        return fresh;
      }),
    );
    for (const { event } of messages) {
      const outcome = fresh.some((f) => f.event === event) ? 'handled' : 'duplicate';
      this.options.onHandled?.(outcome, { topic, type: event.type, time: event.time, id: event.id, traceparent: event.traceparent });
    }
  }

  /** Runs `work` again while PostgreSQL or the network is away: not the message's fault, so no DLQ and nothing lost. */
  private async whileUnavailable<T>(topic: string, partition: number, message: KafkaMessage, session: ConsumerSession, work: () => Promise<T>): Promise<T> {
    for (let outage = 1; ; outage++) {
      try {
        return await work();
      } catch (error) {
        if (failureOf(error) !== 'unavailable' || !session.isRunning()) throw error;
        this.logger.warn('infrastructure unavailable while handling a message; retrying', { topic, partition, offset: message.offset, error: loggable(error as Error) });
        await sleep(RETRY_POLICY.unavailableBackOffMs(outage));
        await session.heartbeat().catch(() => undefined);
      }
    }
  }

  /** One message in its own transaction: retried (RETRY_POLICY), then dead-lettered alone if it still fails. */
  private async processOne(topic: string, partition: number, one: DecodedMessage, session: ConsumerSession): Promise<void> {
    for (let failures = 1; ; failures++) {
      try {
        await this.processTogether(topic, partition, [one], session);
        return;
      } catch (error) {
        if (failureOf(error) === 'unavailable') throw error;
        if (error instanceof InvalidMessageError || error instanceof DomainError || failures >= this.maxAttempts) {
          await this.deadLetter(topic, partition, one.message, error as Error, failures);
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
    this.logger.warn('message sent to the dead-letter topic', { topic, partition, offset: message.offset, errorCode: code, error: loggable(error) });
    this.options.onHandled?.('dead-lettered', { topic });
  }
}
