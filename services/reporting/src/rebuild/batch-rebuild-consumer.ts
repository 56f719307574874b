import type { IntegrationEvent } from '@sagsspor/contracts';
import { failureOf, RETRY_POLICY, sleep } from '@sagsspor/event-store';
import { decodeContractEvent, headerText } from '@sagsspor/messaging';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { RowUpsert } from '../projections/domain/row-change';
import { applyChanges, applyChangesInBulk, finishLoad, hasSetTables, loadChanges } from '../projections/projection-store';
import type { ProjectionDefinition } from '../projections/projections';

export interface BatchRebuildConsumerOptions {
  kafka: Kafka;
  groupId: string;
  /** Qualified topic names (namespace applied). */
  topics: string[];
  dataSource: DataSource;
  projection: ProjectionDefinition;
  schema: string;
  logger: Logger;
  /** Told how many messages of the topics a batch covered. */
  onRead: (messages: number) => void;
  /** The generation was made by `createLoadGeneration`: load it until `finishLoad` (ADR 0047). */
  loading?: boolean;
}


/**
 * Reads the topics from the start into a fresh generation, a Kafka batch per transaction with
 * multi-row upserts. No inbox: the projections are idempotent upserts and sets, so reading a
 * message twice (after a restart of the rebuild) gives the same rows. Messages the live consumer
 * dead-lettered (malformed, or not matching their schema) are skipped the same way here and not
 * dead-lettered again. If a batch fails for a reason other than the infrastructure, its events are
 * applied one by one, skipping (and logging) the ones that fail, as the live consumer would have.
 * A message whose CloudEvents type the projection does not read is skipped without decoding it
 * (decoding would only have found it not wanted, or not decodable: skipped either way).
 *
 * A projection with set tables is first loaded (ADR 0047): their rows appended without a key,
 * until `finishLoad` gives them their keys, indexes and summaries; from then on every batch is
 * upserted. The batches and `finishLoad` take turns, so none runs beside it.
 */
export class BatchRebuildConsumer {
  private consumer?: Consumer;
  private loading: boolean;
  private readonly wanted: ReadonlySet<string>;
  /** The batch or `finishLoad` running now: the next one waits for it. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BatchRebuildConsumerOptions) {
    this.loading = (options.loading ?? false) && hasSetTables(options.projection);
    this.wanted = new Set(options.projection.eventTypes);
  }

  async start(): Promise<void> {
    const consumer = this.options.kafka.consumer({ groupId: this.options.groupId, sessionTimeout: 30000, heartbeatInterval: 3000, maxBytesPerPartition: 4 * 1024 * 1024 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning }) => {
        if (batch.messages.length === 0) return;
        const events = batch.messages
          .filter((m) => this.wanted.has(headerText(m.headers, 'ce_type') ?? ''))
          .map((m) => this.decoded(m))
          .filter((e): e is IntegrationEvent => e !== undefined && this.wanted.has(e.type));
        await this.inTurn(() => this.applyBatch(events, isRunning, heartbeat));
        const last = batch.messages[batch.messages.length - 1].offset;
        resolveOffset(last);
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
        this.options.onRead(batch.messages.length);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
  }

  /**
   * Ends the load (ADR 0047): after the batch being applied, with the topics paused, the loaded
   * generation gets its keys, indexes and summaries in one transaction; later batches are upserted.
   */
  async finishLoad(): Promise<void> {
    if (!this.loading) return;
    const { dataSource, projection, schema, topics, logger } = this.options;
    const started = Date.now();
    this.consumer?.pause(topics.map((topic) => ({ topic })));
    try {
      await this.inTurn(async () => {
        await dataSource.transaction((m) => finishLoad(m, projection, schema));
        this.loading = false;
      });
    } finally {
      this.consumer?.resume(topics.map((topic) => ({ topic })));
    }
    logger.info({ projection: projection.name, schema, ms: Date.now() - started }, 'rebuild: load finished (keys, indexes and summaries added)');
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work);
    this.turn = next.catch(() => undefined);
    return next;
  }

  private decoded(message: KafkaMessage): IntegrationEvent | undefined {
    try {
      return decodeContractEvent(message);
    } catch {
      return undefined; // dead-lettered by the live consumer already
    }
  }

  private async applyBatch(events: IntegrationEvent[], isRunning: () => boolean, heartbeat: () => Promise<void>): Promise<void> {
    const { dataSource, projection, schema, logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await dataSource.transaction((m) => this.write(m, events.flatMap((e) => projection.changes(e))));
        return;
      } catch (error) {
        if (failureOf(error) !== 'unavailable') break;
        if (!isRunning()) throw error;
        logger.warn({ error: (error as Error).message }, 'rebuild: infrastructure unavailable; retrying the batch');
        await sleep(RETRY_POLICY.unavailableBackOffMs(attempt));
        await heartbeat().catch(() => undefined);
      }
    }
    for (const event of events) {
      await dataSource.transaction((m) => (this.loading ? loadChanges(m, schema, projection, projection.changes(event)) : applyChanges(m, schema, projection.changes(event)))).catch((error: Error) => {
        if (failureOf(error) === 'unavailable') throw error;
        logger.warn({ eventId: event.id, eventType: event.type, error: error.message }, 'rebuild: event skipped (it failed as it would in the live consumer)');
      });
    }
  }

  private write(m: EntityManager, changes: RowUpsert[]): Promise<void> {
    const { projection, schema } = this.options;
    return this.loading ? loadChanges(m, schema, projection, changes) : applyChangesInBulk(m, schema, changes);
  }
}
