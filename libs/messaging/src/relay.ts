import type { IntegrationEventDefinition } from '@sagsspor/contracts';
import { type CommitPosition, type PostgresEventStore, type RecordedEvent, START_OF_LOG, sleep } from '@sagsspor/event-store';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { toKafkaMessage } from './cloudevents';
import { type KafkaSettings, qualifiedTopic } from './kafka-config';
import { type MessagingLogger, silentLogger } from './logger';

/** One public integration event mapped from an internal event. */
export interface PublicEvent {
  definition: IntegrationEventDefinition;
  data: unknown;
  /** CloudEvents subject: the aggregate the event is about (never personal data). */
  subject?: string;
}

/** Maps an internal event to the public events it becomes: usually one, often none. */
export type PublicEventMapper = (event: RecordedEvent) => PublicEvent[];

export interface RelayOptions {
  name: string;
  dataSource: DataSource;
  eventStore: PostgresEventStore;
  kafka: Kafka;
  settings: Pick<KafkaSettings, 'topicNamespace'>;
  toPublicEvents: PublicEventMapper;
  batchSize?: number;
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** How often a standby replica tries to become the publishing one (ms). */
  standbyIntervalMs?: number;
  logger?: MessagingLogger;
  /** Called after each published batch, with the position reached: metrics and tests. */
  onPublished?: (count: number, position: CommitPosition) => void;
}

/**
 * Publishes committed events from the service's event store to Kafka, in commit order, at least
 * once: the checkpoint moves only after Kafka acknowledged the batch (acks from all in-sync
 * replicas, idempotent producer). While Kafka is down the events wait in PostgreSQL.
 */
export class Relay {
  private producer?: Producer;
  private leaderConnection?: QueryRunner;
  /** The checkpoint as the publishing replica last saved it: only it writes the row. */
  private leaderCheckpoint?: CommitPosition;
  private readonly standbyIntervalMs: number;
  private running = false;
  private loop?: Promise<void>;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: MessagingLogger;

  constructor(private readonly options: RelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.standbyIntervalMs = options.standbyIntervalMs ?? 2000;
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.releaseLeadership();
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
  }

  /** Publishes one batch; returns how many internal events it covered (0 when caught up). */
  async publishNextBatch(): Promise<number> {
    const events = await this.options.eventStore.readAll(await this.readCheckpoint(), this.batchSize, this.connection());
    if (events.length === 0) return 0;
    await this.send(events);
    await this.checkpointAfter(events);
    return events.length;
  }

  /**
   * Publishes batch after batch until caught up. Kafka gets the batches one at a time, in order;
   * meanwhile the next batch is read and the previous checkpoint saved (ADR 0062). A checkpoint is
   * saved only after Kafka acknowledged its batch, and the saves run one after another.
   */
  private async publishBacklog(): Promise<void> {
    let events = await this.options.eventStore.readAll(await this.readCheckpoint(), this.batchSize, this.connection());
    let saving: Promise<void> = Promise.resolve();
    try {
      while (this.running && events.length > 0) {
        const next = events.length === this.batchSize ? this.options.eventStore.readAll(positionOf(events[events.length - 1]), this.batchSize, this.connection()) : Promise.resolve([]);
        next.catch(() => undefined); // awaited below; this only keeps a failure meanwhile from being "unhandled"
        await this.send(events);
        await saving;
        saving = this.checkpointAfter(events);
        saving.catch(() => undefined); // likewise
        events = await next;
      }
    } catch (error) {
      await saving.catch(() => undefined);
      throw error;
    }
    await saving;
  }

  private async send(events: RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const event of events) {
      this.options.toPublicEvents(event).forEach((pub, index) => {
        const topic = qualifiedTopic(this.options.settings, pub.definition.topic);
        const entry = byTopic.get(topic) ?? { topic, messages: [] };
        entry.messages.push(
          toKafkaMessage({
            // Deterministic ids: a re-send after a crash is recognised by consumers' inboxes.
            id: index === 0 ? event.eventId : `${event.eventId}-${index}`,
            type: pub.definition.type,
            source: pub.definition.source,
            subject: pub.subject,
            time: event.recordedAt.toISOString(),
            partitionKey: event.streamId,
            data: pub.data,
            traceparent: typeof event.metadata.traceparent === 'string' ? event.metadata.traceparent : undefined,
          }),
        );
        byTopic.set(topic, entry);
      });
    }
    if (byTopic.size > 0) {
      const producer = await this.connectedProducer();
      await producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
    }
  }

  private async checkpointAfter(events: RecordedEvent[]): Promise<void> {
    const position = positionOf(events[events.length - 1]);
    await this.saveCheckpoint(position);
    this.options.onPublished?.(events.length, position);
  }

  /** How old the oldest event not yet published is, in seconds (0 when caught up). */
  async oldestUnpublishedAgeSeconds(): Promise<number> {
    const checkpoint = await this.readCheckpoint();
    const [row] = await this.options.dataSource.query(
      `SELECT coalesce(extract(epoch FROM now() - min(recorded_at)), 0)::float AS age FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [checkpoint.transactionId, checkpoint.globalPosition],
    );
    return Number(row.age);
  }

  /**
   * One relay per service publishes at a time, whatever the number of replicas: it holds a session
   * advisory lock on a connection of its own; the others wait as standbys and take over when that
   * connection goes (the pod stops or dies). Two relays would send everything twice and move the
   * checkpoint back and forth. The publishing replica reads and checkpoints on that connection too,
   * so under load it never queues for the pool behind the requests; a lost connection fails the
   * next read, and the loop gives the leadership up and tries again.
   */
  private async holdsLeadership(): Promise<boolean> {
    if (this.leaderConnection) return true;
    const connection = this.options.dataSource.createQueryRunner();
    await connection.connect();
    const lockKey = createHash('sha256').update(`sagsspor-relay:${this.options.name}`).digest().readBigInt64BE(0).toString();
    const [{ acquired }] = await connection.query(`SELECT pg_try_advisory_lock($1::bigint) AS acquired`, [lockKey]);
    if (!acquired) {
      await connection.release();
      return false;
    }
    this.leaderConnection = connection;
    this.logger.info('relay is the publishing replica', { relay: this.options.name });
    return true;
  }

  private async releaseLeadership(): Promise<void> {
    const connection = this.leaderConnection;
    this.leaderConnection = undefined;
    this.leaderCheckpoint = undefined;
    // The lock belongs to the session, which outlives release() in the pool: unlock first.
    await connection?.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await connection?.release().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoff = this.pollIntervalMs;
    while (this.running) {
      try {
        if (!(await this.holdsLeadership())) {
          await sleep(this.standbyIntervalMs);
          continue;
        }
        await this.publishBacklog();
        backoff = this.pollIntervalMs;
        if (this.running) await sleep(this.pollIntervalMs);
      } catch (error) {
        this.logger.warn('relay could not publish; events wait in the event store and will be retried', {
          relay: this.options.name,
          error: (error as Error).message,
          retryInMs: backoff,
        });
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = undefined;
        await this.releaseLeadership();
        await sleep(backoff);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
      }
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /** The publishing replica's own connection; the pool's otherwise (a standby's probes, tests). */
  private connection(): Pick<DataSource, 'query'> {
    return this.leaderConnection ?? this.options.dataSource;
  }

  private async readCheckpoint(): Promise<CommitPosition> {
    if (this.leaderCheckpoint) return this.leaderCheckpoint;
    const rows: { transaction_id: string; global_position: string }[] = await this.connection().query(
      `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM relay_checkpoints WHERE relay_name = $1`,
      [this.options.name],
    );
    const checkpoint = rows.length ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : START_OF_LOG;
    if (this.leaderConnection) this.leaderCheckpoint = checkpoint;
    return checkpoint;
  }

  private async saveCheckpoint(position: CommitPosition): Promise<void> {
    await this.connection().query(
      `INSERT INTO relay_checkpoints (relay_name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (relay_name) DO UPDATE SET transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`,
      [this.options.name, position.transactionId, position.globalPosition],
    );
    if (this.leaderConnection) this.leaderCheckpoint = position;
  }
}

function positionOf(event: RecordedEvent): CommitPosition {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
