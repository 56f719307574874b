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
 *
 * Reading and writing overlap (ADR 0083): a batch's transaction runs while the next batch is
 * fetched and decoded, at most one batch ahead; the batches are still written one after another
 * in the order read, and a batch's offset is committed only after its transaction (the rebuild
 * follows its progress by the committed offsets). A batch that cannot be written (only when the
 * rebuild is stopping: the infrastructure is waited for) stops every later commit and is the
 * rebuild's `failure`.
 */
export class BatchRebuildConsumer {
  private consumer?: Consumer;
  private loading: boolean;
  private readonly wanted: ReadonlySet<string>;
  /** The batch or `finishLoad` running now: the next one waits for it. */
  private turn: Promise<unknown> = Promise.resolve();
  /** The last batch handed over to be written and committed: the next batch waits for it before it is handed over. */
  private written: Promise<void> = Promise.resolve();
  private failed?: Error;

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
        const last = batch.messages[batch.messages.length - 1].offset;
        const read = batch.messages.length;
        // The batch before this one is written before this one is handed over: one batch ahead at most.
        await this.written;
        if (this.failed) throw this.failed;
        const applied = this.inTurn(() => this.applyBatch(events, isRunning, heartbeat));
        this.written = applied
          .then(async () => {
            if (this.failed) return;
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
            this.options.onRead(read);
          })
          .catch((error: Error) => {
            this.failed ??= error;
          });
        resolveOffset(last);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    this.failed ??= new Error('the rebuild stopped');
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
  }

  /** Why a batch could not be written, if one could not: the rebuild cannot complete. */
  get failure(): Error | undefined {
    return this.failed;
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

  /** The batch, waiting out an unavailable infrastructure for as long as the consumer runs. */
  private async applyBatch(events: IntegrationEvent[], isRunning: () => boolean, heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.applyOnce(events);
        return;
      } catch (error) {
        if (failureOf(error) !== 'unavailable' || !isRunning()) throw error;
        this.options.logger.warn({ error: (error as Error).message }, 'rebuild: infrastructure unavailable; retrying the batch');
        await sleep(RETRY_POLICY.unavailableBackOffMs(attempt));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  /**
   * The batch in one transaction; if that fails for a reason other than the infrastructure, its
   * events one by one, skipping (and logging) those that fail as they would in the live consumer.
   * Applying some of them again after an outage is harmless (upserts and sets).
   */
  private async applyOnce(events: IntegrationEvent[]): Promise<void> {
    const { dataSource, projection, schema, logger } = this.options;
    try {
      await dataSource.transaction((m) => this.write(m, events.flatMap((e) => projection.changes(e))));
      return;
    } catch (error) {
      if (failureOf(error) === 'unavailable') throw error;
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
