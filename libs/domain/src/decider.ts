// The decider pattern: pure functions, no framework, no I/O, no clock. Domain code depends on
// this file only, so it stays free of Nest, TypeORM and kafkajs.

/** An internal domain event: what happened, in the service's own words. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** What a decision may know besides the command and the state: the time, injected. */
export interface DecisionContext {
  now: Date;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State, context: DecisionContext) => Event[];
}

/**
 * A business rule said no. `code` is stable (clients may switch on it); `message` says why in
 * words a caseworker understands. The HTTP layer maps `kind` to a status in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: 'conflict' | 'not-found' | 'invalid' = 'conflict',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function foldEvents<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
