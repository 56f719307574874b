import type { DataSource, EntityManager } from 'typeorm';
import type { Decider, DomainEvent } from '@sagsspor/domain';
import type { DecidedCommand, EventMetadata, HandleOptions, HandleResult, PostgresEventStore } from './event-store';
import { failureOf, inUnitOfWork, retryOnConflict } from './unit-of-work';
import type { WriteFragment } from './write-fragment';

/** What a command carries besides its data: when, why and from whom, and the unit of work it joins. */
export interface CommandContext {
  now: Date;
  metadata: EventMetadata;
  /** The caller's id for this request: a retry with the same key appends nothing and answers as the first. */
  idempotencyKey?: string;
  /** Join this unit of work (a consumer's inbox transaction, the scheduler's, another command's); default: a new one. */
  manager?: EntityManager;
}

/** What a command did to its stream: the state after it and the events it appended. */
export interface CommandOutcome<State, Event extends DomainEvent> {
  streamId: string;
  state: State;
  newEvents: Event[];
  version: number;
}

/** The unit of work a reaction runs in: the command's own transaction, time and metadata. */
export interface ReactionContext {
  manager: EntityManager;
  now: Date;
  metadata: EventMetadata;
}

/**
 * What follows from an aggregate's new events, carried out in the command's unit of work: a
 * workflow's decisions (commands to other aggregates, deadlines set or cancelled) or a register
 * row kept in step. The pipeline runs every reaction of the aggregate after every command that
 * appended events, so no entry point has to remember them.
 */
export interface Reaction<State, Event extends DomainEvent> {
  /** Rows that follow from the outcome alone (a register row): they join the command's one write statement. */
  writes?(outcome: CommandOutcome<State, Event>): WriteFragment[];
  /** Whether these new events call for `react` at all (pure; default: always). When none does, the command needs no transaction. */
  concerns?(outcome: CommandOutcome<State, Event>): boolean;
  /** What needs reads or other aggregates' commands, run after the write in the same transaction. */
  react?(outcome: CommandOutcome<State, Event>, context: ReactionContext): Promise<void>;
}

/** An aggregate's command path: its decider and what follows from its events. */
export interface Aggregate<State, Command, Event extends DomainEvent> {
  decider: Decider<State, Command, Event>;
  reactions: readonly Reaction<State, Event>[];
}

/** The event store's options for the command, and the unit of work to join. */
export interface RunOptions<State, Event extends DomainEvent, Response> extends HandleOptions<State, Event, Response> {
  /** Join this unit of work (a handler's that looked things up, a consumer's, the scheduler's); default: none, or a transaction of its own when a reaction must react. */
  manager?: EntityManager;
}

/**
 * The one command path: read the stream, decide, append the events with the idempotency row (and
 * the command's other rows) in one statement, then run the aggregate's reactions on what was
 * appended, all in one unit of work; a lost race runs it all again (RETRY_POLICY).
 *
 * In the caller's unit of work (`manager`: a handler that looked things up first, a consumer, the
 * scheduler) it joins that transaction. On its own, a command that no reaction concerns is two
 * round trips and no transaction: the read, then the one write statement, atomic by itself (the
 * stream's version and the idempotency key catch a writer that came between). When a reaction
 * concerns it, the write and the reactions run in one transaction. A command that starts its
 * stream as a rule (`startsStream`) skips the read: one round trip, unless the write shows that the
 * stream or the idempotency key existed after all, and then it is decided again on what is stored.
 */
export class CommandPipeline {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
  ) {}

  run<State, Command, Event extends DomainEvent, Response>(
    aggregate: Aggregate<State, Command, Event>,
    streamId: string,
    command: Command,
    options: RunOptions<State, Event, Response>,
  ): Promise<HandleResult<Response>> {
    const { manager, ...handleOptions } = options;
    if (manager) {
      return this.eventStore.decide(manager, aggregate.decider, streamId, command, handleOptions).then((decided) => this.carryOut(aggregate, decided, manager, options));
    }
    const attempt = async (stored: 'read' | 'assume-none') => {
      const decided = await this.eventStore.decide(this.dataSource.manager, aggregate.decider, streamId, command, handleOptions, stored);
      if (reactingTo(aggregate.reactions, decided.outcome).length === 0) return this.carryOut(aggregate, decided, this.dataSource.manager, options);
      return this.dataSource.transaction((m) => this.carryOut(aggregate, decided, m, options));
    };
    if (options.startsStream && !options.expectedVersion) return attempt('assume-none').catch((error) => afterGuessFailed(error, () => retryOnConflict(() => attempt('read'))));
    return retryOnConflict(() => attempt('read'));
  }

  /** The one write (events, answer, the command's rows and its reactions' rows), then the reactions that must react. */
  private async carryOut<State, Event extends DomainEvent, Response>(
    { reactions }: Pick<Aggregate<State, never, Event>, 'reactions'>,
    decided: DecidedCommand<State, Event, Response>,
    manager: EntityManager,
    { now, metadata = {} }: Pick<HandleOptions<State, Event, Response>, 'now' | 'metadata'>,
  ): Promise<HandleResult<Response>> {
    const outcome = appended(decided.outcome);
    await decided.write(manager, outcome ? reactions.flatMap((r) => r.writes?.(outcome) ?? []) : []);
    for (const reaction of reactingTo(reactions, outcome)) await reaction.react!(outcome!, { manager, now, metadata });
    return decided.result;
  }

  /**
   * A unit of work for a command handler that must look things up (a lock, a linked stream) before
   * it runs the command: pass its `manager` on to `run` so all of it commits together.
   */
  unitOfWork<T>(work: (manager: EntityManager) => Promise<T>, options: { manager?: EntityManager } = {}): Promise<T> {
    return inUnitOfWork(this.dataSource, work, options);
  }

  /** A stream's current state, for a command handler that must look before it decides (in its unit of work, if it has one). */
  readState<State, Event extends DomainEvent>(decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>, streamId: string, manager: EntityManager = this.dataSource.manager) {
    return this.eventStore.readState(decider, streamId, manager);
  }
}

/**
 * A command decided on the guess that its stream is new failed: the stream or the idempotency key
 * was taken (a conflict), or the guess made the decider refuse. Nothing of it was written (its one
 * statement or its transaction failed whole), so it is decided again on what is stored. Only when
 * the database is away is there no point.
 */
function afterGuessFailed<T>(error: unknown, decideOnStored: () => Promise<T>): Promise<T> {
  if (failureOf(error) === 'unavailable') throw error;
  return decideOnStored();
}

/** The outcome, if the command appended anything (only then do reactions run). */
function appended<State, Event extends DomainEvent>(outcome: CommandOutcome<State, Event> | undefined): CommandOutcome<State, Event> | undefined {
  return outcome && outcome.newEvents.length > 0 ? outcome : undefined;
}

/** The reactions that must run after the write for this outcome (those with `react` that it concerns). */
function reactingTo<State, Event extends DomainEvent>(reactions: readonly Reaction<State, Event>[], outcome: CommandOutcome<State, Event> | undefined): Reaction<State, Event>[] {
  const appendedOutcome = appended(outcome);
  return appendedOutcome ? reactions.filter((r) => r.react && (r.concerns?.(appendedOutcome) ?? true)) : [];
}
