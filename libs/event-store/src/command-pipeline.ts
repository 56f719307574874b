import type { DataSource, EntityManager } from 'typeorm';
import type { Decider, DomainEvent } from '@sagsspor/domain';
import type { EventMetadata, HandleResult, PostgresEventStore } from './event-store';
import { inUnitOfWork } from './unit-of-work';
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
  react(outcome: CommandOutcome<State, Event>, context: ReactionContext): Promise<void>;
}

/** An aggregate's command path: its decider and what follows from its events. */
export interface Aggregate<State, Command, Event extends DomainEvent> {
  decider: Decider<State, Command, Event>;
  reactions: readonly Reaction<State, Event>[];
}

export interface RunOptions<State, Event extends DomainEvent, Response> extends CommandContext {
  /** What the caller asked for, when the command also carries what was looked up (see HandleOptions.request). */
  request?: unknown;
  /** The answer to the caller, computed in the unit of work and kept for retries under the idempotency key. */
  respond: (outcome: CommandOutcome<State, Event>) => Response;
  /** Check the stream is at this version before deciding (optimistic concurrency from the caller). */
  expectedVersion?: number;
  /** Other rows the command writes (the CPR into the vault): they join the events' one write statement. */
  alsoWrite?: readonly WriteFragment[];
}

/**
 * The one command path: in one unit of work (new, or the caller's), read the stream, decide,
 * append the events with the idempotency row, then run the aggregate's reactions on what was
 * appended. A lost race runs the whole unit again (RETRY_POLICY).
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
    return inUnitOfWork(
      this.dataSource,
      async (manager) => {
        let appended: CommandOutcome<State, Event> | undefined;
        const result = await this.eventStore.handle(aggregate.decider, streamId, command, {
          manager,
          now: options.now,
          metadata: options.metadata,
          idempotencyKey: options.idempotencyKey,
          request: options.request,
          expectedVersion: options.expectedVersion,
          alsoWrite: options.alsoWrite,
          respond: (outcome) => {
            if (outcome.newEvents.length > 0) appended = outcome;
            return options.respond(outcome);
          },
        });
        if (appended) {
          const context: ReactionContext = { manager, now: options.now, metadata: options.metadata };
          for (const reaction of aggregate.reactions) await reaction.react(appended, context);
        }
        return result;
      },
      { manager: options.manager },
    );
  }

  /**
   * A unit of work for a command handler that must look things up (a lock, a linked stream, the
   * vault) before it runs the command: pass its `manager` on to `run` so all of it commits together.
   */
  unitOfWork<T>(work: (manager: EntityManager) => Promise<T>, options: { manager?: EntityManager } = {}): Promise<T> {
    return inUnitOfWork(this.dataSource, work, options);
  }

  /** A stream's current state (for a command handler that must look before it decides, in its unit of work). */
  readState<State, Event extends DomainEvent>(decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>, streamId: string, manager: EntityManager) {
    return this.eventStore.readState(decider, streamId, manager);
  }
}
