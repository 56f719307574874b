import type { DomainEvent } from './decider';

/**
 * A workflow: what follows from an aggregate's event, decided as data (commands for other
 * aggregates, deadlines to set or cancel, rows to keep), with no I/O. A reaction
 * (command-pipeline.ts) carries the outputs out in the command's unit of work.
 */
export interface Workflow<State, Event extends DomainEvent, Output> {
  decide(event: Event, state: State): Output[];
}

/** Every output of a workflow for a command's new events, in order. */
export function decideAll<State, Event extends DomainEvent, Output>(workflow: Workflow<State, Event, Output>, events: readonly Event[], state: State): Output[] {
  return events.flatMap((event) => workflow.decide(event, state));
}
