import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@sagsspor/domain';
import { inUnitOfWork, sleep } from '@sagsspor/event-store';
import { qualifiedTopic } from '@sagsspor/messaging';
import { KAFKA, LOGGER, SERVICE_CONFIG, type ServiceConfig } from '@sagsspor/platform';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createLoadGeneration, dropGeneration, liveGenerations, PROJECTION_SWAP_LOCK } from '../projections/projection-store';
import { generationSchema, type ProjectionDefinition, projectionNamed } from '../projections/projections';
import { liveConsumerName, projectedTopics } from '../projections/projected-topics';
import { BatchRebuildConsumer } from './batch-rebuild-consumer';

export type RebuildStatus = 'reading' | 'swapping' | 'done' | 'failed';

export interface RebuildView {
  rebuildId: string;
  projection: string;
  generation: number;
  targetSchema: string;
  status: RebuildStatus;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  eventsRead: number;
  /** Messages on the topics when the rebuild started (end offsets minus start offsets). */
  eventsTotal: number;
  error: string | null;
}

/** Offsets by `topic:partition`. */
type Offsets = Map<string, bigint>;

interface RunningRebuild {
  id: string;
  projection: ProjectionDefinition;
  schema: string;
  group: string;
  consumer: BatchRebuildConsumer;
  eventsRead: number;
  /** The end of every partition when the rebuild started. */
  endOffsets: Offsets;
  stopped: boolean;
  /** The pointer has moved to this generation: from then on it is live and must never be dropped. */
  swapped: boolean;
}

const POLL_MS = 250;
/** How long the swap may hold the live consumer back while the rebuild catches the last messages up. */
const SWAP_WAIT_MS = 30_000;

/**
 * Rebuilds a projection from the beginning of the topics into a fresh generation schema while the
 * live one keeps serving, then swaps the pointer in one transaction. A fresh consumer group reads
 * the topics a batch per transaction (BatchRebuildConsumer); once it has reached the live consumer's committed
 * offsets, the swap takes the lock every live write holds shared, waits until the rebuild has
 * read past everything the live consumer has applied, and moves the pointer. Events the rebuild
 * read beyond that are applied again by the live consumer: projections are idempotent. The set
 * tables of a projection are loaded without their keys until the rebuild reaches the end of the
 * topics as they were at its start, then completed (ADR 0047).
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly running = new Map<string, RunningRebuild>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A rebuild that was running when the service stopped cannot go on: say so, and drop its half-built tables. */
  async onApplicationBootstrap(): Promise<void> {
    const interrupted: { rebuild_id: string; target_schema: string }[] = await this.dataSource.query(
      `UPDATE projection_rebuilds SET status = 'failed', finished_at = now(), error = 'interrupted by a restart of the service; start it again'
        WHERE status IN ('reading', 'swapping') RETURNING rebuild_id, target_schema`,
    );
    for (const r of interrupted) await dropGeneration(this.dataSource, r.target_schema);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => this.fail(r, new Error('the service stopped during the rebuild; start it again'))));
  }

  async start(name: string, requestedBy: string): Promise<RebuildView> {
    const projection = projectionNamed(name);
    if (!projection) throw new DomainError('PROJECTION.NOT_FOUND', `There is no projection '${name}'`, 'not-found');
    const id = randomUUID();
    const { generation, schema } = await inUnitOfWork(this.dataSource, async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK + 1]);
      const [busy] = await m.query(`SELECT rebuild_id FROM projection_rebuilds WHERE projection = $1 AND status IN ('reading', 'swapping')`, [name]);
      if (busy) throw new DomainError('PROJECTION.REBUILD_RUNNING', `A rebuild of ${name} is already running (${busy.rebuild_id}); follow it or wait for it to finish`, 'conflict');
      const live = (await liveGenerations(m))[projection.name];
      const [{ last }] = await m.query(`SELECT coalesce(max(generation), 0) AS last FROM projection_rebuilds WHERE projection = $1`, [name]);
      const next = Math.max(live.generation, Number(last)) + 1;
      // Generations older than the live one are dropped now; the previous live one stays until this rebuild swaps.
      const stale: { nspname: string }[] = await m.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 AND nspname <> $2`, [`rm\\_${name}\\_g%`, live.schema]);
      for (const s of stale) await dropGeneration(m, s.nspname);
      const target = generationSchema(projection.name, next);
      await createLoadGeneration(m, projection, target);
      await m.query(`INSERT INTO projection_rebuilds (rebuild_id, projection, generation, target_schema, status, requested_by) VALUES ($1, $2, $3, $4, 'reading', $5)`, [id, name, next, target, requestedBy]);
      return { generation: next, schema: target };
    });
    const group = qualifiedTopic(this.config.kafka, `sagsspor-${this.config.serviceName}-rebuild-${name}-g${generation}-${id.slice(0, 8)}`);
    const run: RunningRebuild = {
      id,
      projection,
      schema,
      group,
      eventsRead: 0,
      endOffsets: new Map(),
      stopped: false,
      swapped: false,
      consumer: new BatchRebuildConsumer({
        kafka: this.kafka,
        groupId: group,
        topics: projectedTopics.map((t) => qualifiedTopic(this.config.kafka, t)),
        dataSource: this.dataSource,
        projection,
        schema,
        logger: this.logger,
        loading: true,
        onRead: (messages) => {
          run.eventsRead += messages;
        },
      }),
    };
    this.running.set(id, run);
    try {
      const { total, endOffsets } = await this.topicExtent();
      run.endOffsets = endOffsets;
      await this.dataSource.query(`UPDATE projection_rebuilds SET events_total = $2 WHERE rebuild_id = $1`, [id, total]);
      await run.consumer.start();
    } catch (error) {
      await this.fail(run, error as Error);
      throw error;
    }
    this.logger.info({ rebuildId: id, projection: name, generation }, 'projection rebuild started');
    void this.follow(run);
    return (await this.view(name, id))!;
  }

  async view(name: string, id: string): Promise<RebuildView | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM projection_rebuilds WHERE projection = $1 AND rebuild_id = $2`, [name, id]);
    if (!row) return undefined;
    const running = this.running.get(id);
    return {
      rebuildId: row.rebuild_id,
      projection: row.projection,
      generation: row.generation,
      targetSchema: row.target_schema,
      status: row.status,
      requestedBy: row.requested_by,
      startedAt: row.started_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      eventsRead: running?.eventsRead ?? Number(row.events_read),
      eventsTotal: Number(row.events_total),
      error: row.error,
    };
  }

  private async follow(run: RunningRebuild): Promise<void> {
    try {
      const liveGroup = qualifiedTopic(this.config.kafka, `sagsspor-${this.config.serviceName}-${liveConsumerName}`);
      // Fixed targets, so that events arriving all the time cannot keep the rebuild chasing: first the
      // end of the topics as they were at the start, then where the live consumer is by then. The
      // load ends at the first (ADR 0047): what comes after it is upserted, as the live consumer does.
      for (const target of [() => Promise.resolve(run.endOffsets), () => this.committedOffsets(liveGroup)]) {
        const offsets = await target();
        for (;;) {
          if (run.stopped) return;
          await this.dataSource.query(`UPDATE projection_rebuilds SET events_read = $2 WHERE rebuild_id = $1`, [run.id, run.eventsRead]);
          if (this.reached(await this.committedOffsets(run.group), offsets)) break;
          await sleep(POLL_MS);
        }
        await run.consumer.finishLoad();
      }
      await this.dataSource.query(`UPDATE projection_rebuilds SET status = 'swapping', events_read = $2 WHERE rebuild_id = $1`, [run.id, run.eventsRead]);
      await this.swap(run, liveGroup);
      run.swapped = true;
      await this.finish(run);
    } catch (error) {
      await this.fail(run, error as Error);
    }
  }

  /** Moves the live pointer once the rebuild has read past everything the live consumer applied. */
  private async swap(run: RunningRebuild, liveGroup: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [PROJECTION_SWAP_LOCK]);
      const applied: { topic: string; partition: number; last: string }[] = await m.query(
        `SELECT topic, partition, max(kafka_offset)::text AS last FROM inbox WHERE consumer_group = $1 GROUP BY 1, 2`,
        [liveGroup],
      );
      const deadline = Date.now() + SWAP_WAIT_MS;
      for (;;) {
        const read = await this.committedOffsets(run.group);
        if (applied.every((a) => (read.get(`${a.topic}:${a.partition}`) ?? -1n) > BigInt(a.last))) break;
        if (Date.now() > deadline) throw new Error('the rebuild did not reach the live consumer within 30 s while holding the swap lock; start it again');
        await sleep(POLL_MS);
      }
      await m.query(`UPDATE projection_generations SET generation = $2, live_schema = $3, swapped_at = now() WHERE projection = $1`, [run.projection.name, Number(run.schema.split('_g').pop()), run.schema]);
      await m.query(`UPDATE projection_rebuilds SET status = 'done', finished_at = now(), events_read = $2 WHERE rebuild_id = $1`, [run.id, run.eventsRead]);
    });
    this.logger.info({ rebuildId: run.id, projection: run.projection.name, schema: run.schema }, 'projection rebuild swapped in');
  }

  private async finish(run: RunningRebuild): Promise<void> {
    await this.stop(run);
    this.logger.info({ rebuildId: run.id }, 'projection rebuild cleaned up');
  }

  private async fail(run: RunningRebuild, error: Error): Promise<void> {
    if (run.swapped) {
      this.logger.warn({ rebuildId: run.id, error: error.message }, 'projection rebuild swapped in, but cleaning up after it failed');
      return;
    }
    this.logger.warn({ rebuildId: run.id, projection: run.projection.name, error: error.message }, 'projection rebuild failed');
    await this.stop(run).catch(() => undefined);
    await this.dataSource.query(`UPDATE projection_rebuilds SET status = 'failed', finished_at = now(), error = $2 WHERE rebuild_id = $1 AND status <> 'done'`, [run.id, error.message]).catch(() => undefined);
    await dropGeneration(this.dataSource, run.schema).catch(() => undefined);
  }

  private async stop(run: RunningRebuild): Promise<void> {
    if (run.stopped) return;
    run.stopped = true;
    this.running.delete(run.id);
    await run.consumer.stop();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([run.group]).catch(() => undefined);
    await admin.disconnect();
  }

  /** Whether `read` has reached `target` on every partition the target has committed. */
  private reached(read: Offsets, target: Offsets): boolean {
    return [...target].every(([tp, offset]) => offset < 0n || (read.get(tp) ?? -1n) >= offset);
  }

  private async committedOffsets(groupId: string): Promise<Offsets> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = projectedTopics.map((t) => qualifiedTopic(this.config.kafka, t));
      const answer = await admin.fetchOffsets({ groupId, topics });
      return new Map(answer.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, BigInt(p.offset)] as const)));
    } finally {
      await admin.disconnect();
    }
  }

  /** How many messages the topics hold, and the end offset of every partition. */
  private async topicExtent(): Promise<{ total: number; endOffsets: Offsets }> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      let total = 0;
      const endOffsets: Offsets = new Map();
      for (const topic of projectedTopics.map((t) => qualifiedTopic(this.config.kafka, t))) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          total += Number(p.high) - Number(p.low);
          // A partition that was never written to has nothing to reach (-1 is skipped by `reached`).
          endOffsets.set(`${topic}:${p.partition}`, BigInt(p.high) > BigInt(p.low) ? BigInt(p.high) : -1n);
        }
      }
      return { total, endOffsets };
    } finally {
      await admin.disconnect();
    }
  }
}


