// Upcasting (ADR 0014): the event store keeps every event as it was written, and an aggregate's
// events change shape over the years. Each change of a stored shape is declared next to the
// aggregate's events as a step from the older shape to the next; the event store runs the steps on
// every read (decisions, queries, the relay, rebuilds), so `evolve` and the public mapping only
// ever see the current shape. Steps are pure and total: they may only use what the stored event
// holds, never the clock or another stream.
import type { DomainEvent } from './decider';

export type StoredData = Readonly<Record<string, unknown>>;

/** One step from an older stored shape of an internal event to the next. */
export interface Upcaster {
  /** The stored event type this step reads. */
  readonly type: string;
  /** What changed in the shape, and why: for the reader of the list. */
  readonly change: string;
  /** True when the data is in the older shape this step upgrades (false for the current shape). */
  readonly applies: (data: StoredData) => boolean;
  /** The event in the next shape (it may also rename the type). */
  readonly upcast: (data: StoredData) => DomainEvent;
}

/** A stored event in its current shape: every step that applies, in the order declared (oldest first). */
export function upcastEvent(upcasters: readonly Upcaster[], event: DomainEvent): DomainEvent {
  let current = event;
  for (const step of upcasters) {
    if (step.type === current.type && step.applies(current.data as StoredData)) current = step.upcast(current.data as StoredData);
  }
  return current;
}
