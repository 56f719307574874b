import { randomUUID } from 'node:crypto';
import { type Decider, type DomainEvent, fingerprintOf, foldEvents, upcastEvent, type Upcaster } from '@sagsspor/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './errors';
import { retryOnConflict, violatedUniqueConstraint } from './unit-of-work';
import { GroupedWrites } from './grouped-writes';
import { joinWrites, type WriteFragment } from './write-fragment';

/** Where the event came from: tracing and audit, never personal data. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  actor?: string;
  traceparent?: string;
  [key: string]: unknown;
}

export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  globalPosition: string;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
  recordedAt: Date;
}

/** A position in commit order: the relay's checkpoint. */
export interface CommitPosition {
  transactionId: string;
  globalPosition: string;
}

export const START_OF_LOG: CommitPosition = { transactionId: '0', globalPosition: '0' };

/** `no-stream`: the stream must not exist yet; a number: the count of events already in it. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface HandleOptions<State, Event extends DomainEvent, Response> {
  now: Date;
  metadata?: EventMetadata;
  /** Check the stream is at this version before deciding (optimistic concurrency from the caller). */
  expectedVersion?: number;
  /** The caller's id for this request: a retry with the same key appends nothing and answers as the first. */
  idempotencyKey?: string;
  /**
   * What the caller asked for, to tell a retry from another request under the same key (default:
   * the command). Give it when the command also carries what the service looked up (a case's
   * state): a retry after that changed is still the same request.
   */
  request?: unknown;
  /** What the answer to the caller is, computed in the same transaction and kept for retries. */
  respond: (outcome: { streamId: string; state: State; newEvents: Event[]; version: number }) => Response;
  /** Other rows the command writes (the registers its reactions keep): they join its one write statement. */
  alsoWrite?: readonly WriteFragment[];
  /**
   * The command starts its stream as a rule (a new underretning under the caller's fresh id):
   * CommandPipeline decides it on the empty stream without reading, so the command is one round
   * trip. The write proves the guess (a taken version 1 or idempotency key fails it); when it
   * fails, the command is decided again on what is stored, as any other.
   */
  startsStream?: boolean;
}

/** A command decided and answered, not yet written (PostgresEventStore.decide). */
export interface DecidedCommand<State, Event extends DomainEvent, Response> {
  result: HandleResult<Response>;
  /** What the command does to its stream; absent when it was a retry answered from the idempotency row. */
  outcome?: { streamId: string; state: State; newEvents: Event[]; version: number };
  /** Appends the events with the answer and the command's other rows (and `rows`), in one statement. */
  write: (manager: EntityManager, rows?: readonly WriteFragment[]) => Promise<void>;
}

export interface HandleResult<Response> {
  response: Response;
  /** True when this was a retry and the answer is the stored one. */
  replayed: boolean;
  appended: number;
}

type Row = {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  data: object;
  metadata: EventMetadata;
  recorded_at: Date;
};

const COLUMNS = 'global_position, transaction_id::text AS transaction_id, stream_id, stream_version, event_id, event_type, data, metadata, recorded_at';

function toRecorded<E extends DomainEvent>(row: Row, upcasters: readonly Upcaster[]): RecordedEvent<E> {
  const { type, data } = upcastEvent(upcasters, { type: row.event_type, data: row.data });
  return {
    globalPosition: String(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: type as E['type'],
    data: data as E['data'],
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

/**
 * An append-only event store in PostgreSQL: one row per event, streams with optimistic
 * concurrency on (stream_id, stream_version), and a commit-ordered read of everything for the relay.
 * Every read gives events in their current shape: the service's upcasters (ADR 0014) upgrade what
 * was stored in an older one; the rows themselves are never rewritten.
 */
export class PostgresEventStore {
  /**
   * Commands written outside a transaction (the pipeline's commands that no reaction concerns) share
   * their statement with the others under way at the moment: one round trip and one commit for many
   * (ADR 0085). A stream is in at most one of them at a time.
   */
  private readonly ownWrites = new GroupedWrites<{ streamId: string; fragments: WriteFragment[] }, unknown>(
    (writes) => this.writeTogether(writes),
    (write) => write.streamId,
    2,
    50,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly upcasters: readonly Upcaster[] = [],
  ) {}

  async readStream<E extends DomainEvent>(streamId: string, manager: EntityManager = this.dataSource.manager): Promise<RecordedEvent<E>[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
    return rows.map((r) => toRecorded<E>(r, this.upcasters));
  }

  /** The current state of a stream, folded with the decider's evolve, and its version. */
  /** Which of the given streams have events (one indexed read, whatever the number asked). */
  async existingStreams(streamIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (streamIds.length === 0) return [];
    const rows: { stream_id: string }[] = await manager.query(`SELECT stream_id FROM events WHERE stream_id = ANY($1::text[]) AND stream_version = 1 ORDER BY stream_id`, [streamIds]);
    return rows.map((r) => r.stream_id);
  }

  async readState<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
    streamId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ state: State; version: number }> {
    const history = await this.readStream<Event>(streamId, manager);
    return { state: foldEvents(decider, history.map((e) => ({ type: e.type, data: e.data }) as Event)), version: history.length };
  }

  /**
   * Appends events to a stream if it is at the expected version; throws ConcurrencyConflictError
   * if another writer got there first. Returns the stream's new version.
   *
   * Without a `manager` and with a known expected version this is one autocommit INSERT: one round
   * trip, atomic on its own, and UNIQUE (stream_id, stream_version) is the expected-version check
   * (ADR 0060). Inside a caller's transaction a savepoint keeps that transaction usable after a
   * conflict.
   */
  async appendToStream(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    metadata: EventMetadata = {},
    manager?: EntityManager,
  ): Promise<number> {
    if (manager) return this.appendInTransaction(manager, streamId, expectedVersion, events, metadata, { keepTransactionUsable: true });
    if (expectedVersion === 'any') {
      return this.dataSource.transaction((m) => this.appendInTransaction(m, streamId, expectedVersion, events, metadata, { keepTransactionUsable: false }));
    }
    return this.insertEvents(this.dataSource.manager, streamId, expectedVersion === 'no-stream' ? 0 : expectedVersion, events, metadata);
  }

  /**
   * Appends within a transaction. `keepTransactionUsable` (a caller's transaction) wraps the insert in
   * a savepoint; a transaction of our own is simply rolled back on a conflict, so it needs none.
   */
  private async appendInTransaction(
    manager: EntityManager,
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
    { keepTransactionUsable }: { keepTransactionUsable: boolean },
  ): Promise<number> {
    let current: number;
    if (expectedVersion === 'any') {
      const [{ version }] = await manager.query(`SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1`, [streamId]);
      current = version;
    } else {
      current = expectedVersion === 'no-stream' ? 0 : expectedVersion;
    }
    if (events.length === 0 || !keepTransactionUsable) return this.insertEvents(manager, streamId, current, events, metadata);
    await manager.query('SAVEPOINT append_events');
    try {
      const version = await this.insertEvents(manager, streamId, current, events, metadata);
      await manager.query('RELEASE SAVEPOINT append_events');
      return version;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT append_events');
      throw error;
    }
  }

  /** One INSERT of all the events, versions current+1…; a taken version is a concurrency conflict. */
  private async insertEvents(manager: EntityManager, streamId: string, current: number, events: readonly DomainEvent[], metadata: EventMetadata): Promise<number> {
    if (events.length === 0) return current;
    const { sql, values } = eventsInsert(streamId, current, events, metadata);
    try {
      await manager.query(sql, values);
    } catch (error) {
      if (violatedUniqueConstraint(error) === 'events_stream_version_unique') throw new ConcurrencyConflictError(streamId, current);
      throw error;
    }
    return current + events.length;
  }

  /**
   * Everything committed after `after`, in commit order. Only transactions older than the oldest
   * one still running are read, so an event that commits late is never skipped. ORDER BY names the
   * table's columns: a bare `transaction_id` would be the text alias in COLUMNS, sorting '1000'
   * before '999' and scanning the whole table for every batch (ADR 0061). `on`: the connection to
   * read on (the relay's own while it publishes); the pool's by default.
   */
  async readAll(after: CommitPosition, limit: number, on: Pick<EntityManager, 'query'> = this.dataSource): Promise<RecordedEvent[]> {
    const rows: Row[] = await on.query(
      `SELECT ${COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return rows.map((r) => toRecorded(r, this.upcasters));
  }

  /**
   * Command handling on its own: load the stream, fold it, decide, append with the expected version
   * and keep the answer under the idempotency key, in two round trips and no transaction (the one
   * write statement is atomic, and the unique (stream_id, stream_version) and idempotency keys catch
   * a writer that came between); run again on fresh state when one did. Commands of the services go
   * through CommandPipeline, which uses `decide` and its `write` the same way.
   */
  handle<State, Command, Event extends DomainEvent, Response>(
    decider: Decider<State, Command, Event>,
    streamId: string,
    command: Command,
    options: HandleOptions<State, Event, Response>,
  ): Promise<HandleResult<Response>> {
    const manager = this.dataSource.manager;
    return retryOnConflict(async () => {
      const decided = await this.decide(manager, decider, streamId, command, options);
      await decided.write(manager);
      return decided.result;
    });
  }

  /**
   * The first half of `handle`: read, decide and answer, without writing yet. `write` then appends in
   * one statement, in whichever transaction (or none) the caller chooses; a writer that came between
   * makes it fail with a conflict, and the caller decides again (CommandPipeline). `assume-none`
   * decides on an empty stream and no stored answer without reading (HandleOptions.startsStream):
   * only a write that then succeeds proves that guess.
   */
  async decide<State, Command, Event extends DomainEvent, Response>(
    manager: EntityManager,
    decider: Decider<State, Command, Event>,
    streamId: string,
    command: Command,
    options: HandleOptions<State, Event, Response>,
    stored: 'read' | 'assume-none' = 'read',
  ): Promise<DecidedCommand<State, Event, Response>> {
    const fingerprint = options.idempotencyKey ? fingerprintOf({ streamId, command: options.request ?? command }) : undefined;
    const { seen, history } = stored === 'read' ? await this.readForDecision<Event, Response>(manager, streamId, options.idempotencyKey) : { seen: undefined, history: [] };
    if (seen && options.idempotencyKey) {
      if (seen.request_fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(options.idempotencyKey);
      return {
        result: { response: seen.response, replayed: true, appended: 0 },
        write: (m, rows = []) => this.write(m, streamId, 0, [], {}, undefined, [...(options.alsoWrite ?? []), ...rows]),
      };
    }
    const state = foldEvents(decider, history);
    const version = history.length;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new ConcurrencyConflictError(streamId, options.expectedVersion, true);
    }
    const newEvents = decider.decide(command, state, { now: options.now });
    const outcome = { streamId, state: newEvents.reduce(decider.evolve, state), newEvents, version: version + newEvents.length };
    const response = options.respond(outcome);
    const answer = options.idempotencyKey && fingerprint ? { key: options.idempotencyKey, fingerprint, response } : undefined;
    return {
      result: { response, replayed: false, appended: newEvents.length },
      outcome,
      write: (m, rows = []) => this.write(m, streamId, version, newEvents, options.metadata ?? {}, answer, [...(options.alsoWrite ?? []), ...rows]),
    };
  }

  /** The answer kept under an idempotency key (if there is one) and the stream's events, in one query. */
  private async readForDecision<Event extends DomainEvent, Response>(
    manager: EntityManager,
    streamId: string,
    idempotencyKey: string | undefined,
  ): Promise<{ seen?: { request_fingerprint: string; response: Response }; history: Event[] }> {
    type HistoryRow = { event_type: string; data: object; request_fingerprint: string | null; response: Response | null };
    const rows: HistoryRow[] =
      idempotencyKey === undefined
        ? await manager.query(`SELECT event_type, data, NULL AS request_fingerprint, NULL AS response FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId])
        : await manager.query(
            `SELECT NULL::int AS stream_version, NULL::text AS event_type, NULL::jsonb AS data, request_fingerprint, response
               FROM command_idempotency WHERE idempotency_key = $2
             UNION ALL
             SELECT stream_version, event_type, data, NULL, NULL FROM events WHERE stream_id = $1
             ORDER BY 1 NULLS FIRST`,
            [streamId, idempotencyKey],
          );
    const seenRow = rows[0]?.request_fingerprint != null ? rows[0] : undefined;
    const history = (seenRow ? rows.slice(1) : rows).map((r) => upcastEvent(this.upcasters, { type: r.event_type, data: r.data }) as Event);
    return { history, ...(seenRow ? { seen: { request_fingerprint: seenRow.request_fingerprint!, response: seenRow.response as Response } } : {}) };
  }

  /**
   * One statement: the events at versions current+1…, the answer under its idempotency key, and the
   * command's other rows. A taken version is a concurrency conflict; a key taken meanwhile is a
   * unique violation that the unit of work retries (and then finds the stored answer).
   */
  private async write(
    manager: EntityManager,
    streamId: string,
    current: number,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
    answer: { key: string; fingerprint: string; response: unknown } | undefined,
    alsoWrite: readonly WriteFragment[],
  ): Promise<void> {
    const fragments: WriteFragment[] = [];
    if (events.length > 0) {
      const { sql, values } = eventsInsert(streamId, current, events, metadata);
      fragments.push({ parts: [{ name: 'appended', sql }], params: values });
    }
    if (answer) {
      const sql = `INSERT INTO command_idempotency (idempotency_key, request_fingerprint, stream_id, response) VALUES ($1, $2, $3, $4::jsonb)`;
      fragments.push({ parts: [{ name: 'answered', sql }], params: [answer.key, answer.fingerprint, streamId, JSON.stringify(answer.response ?? null)] });
    }
    fragments.push(...alsoWrite);
    if (fragments.length === 0) return;
    const failure = outsideTransaction(manager, this.dataSource) ? await this.ownWrites.run({ streamId, fragments }) : await this.query(manager, [fragments]).then(noFailure, failed);
    if (failure === undefined) return;
    if (violatedUniqueConstraint(failure) === 'events_stream_version_unique') throw new ConcurrencyConflictError(streamId, current);
    throw failure;
  }

  /**
   * Several commands' writes in one statement, a failure (or undefined) per write. When the joint
   * statement fails, nothing of it was written, and each write is tried alone to find whose it was.
   */
  private async writeTogether(writes: { fragments: WriteFragment[] }[]): Promise<unknown[]> {
    const together = await this.query(this.dataSource.manager, writes.map((w) => w.fragments)).then(noFailure, failed);
    if (together === undefined) return writes.map(() => undefined);
    if (writes.length === 1) return [together];
    return Promise.all(writes.map((w) => this.query(this.dataSource.manager, [w.fragments]).then(noFailure, failed)));
  }

  /** One statement of the commands' fragments (their members' names prefixed per command when there are several). */
  private async query(manager: EntityManager, commands: WriteFragment[][]): Promise<void> {
    const fragments = commands.length === 1 ? commands[0] : commands.flatMap((f, i) => f.map((fragment) => ({ ...fragment, parts: fragment.parts.map((p) => ({ ...p, name: `c${i}_${p.name}` })) })));
    const { sql, params } = joinWrites(fragments);
    await manager.query(sql, params);
  }
}

const noFailure = (): undefined => undefined;
const failed = (error: unknown): unknown => error ?? new Error('the write failed');

/** A manager of the pool's own, not a transaction's (TypeORM gives a transaction's manager its query runner). */
function outsideTransaction(manager: EntityManager, dataSource: DataSource): boolean {
  return manager === dataSource.manager && !manager.queryRunner;
}

/** The INSERT of events at versions current+1… (one row each), with its parameters. */
function eventsInsert(streamId: string, current: number, events: readonly DomainEvent[], metadata: EventMetadata): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = events.map((event, i) => {
    values.push(streamId, current + i + 1, randomUUID(), event.type, JSON.stringify(event.data), JSON.stringify(metadata));
    const p = i * 6;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb)`;
  });
  return { sql: `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ${tuples.join(', ')}`, values };
}
