import { type Decider, DomainError } from '@sagsspor/domain';

// A decider small enough to read at a glance, for the event store's and the pipeline's own tests.
export type CounterEvent = { type: 'Incremented'; data: { by: number } };
export type CounterCommand = { type: 'Increment'; by: number };
export type CounterState = { total: number };

export const counter: Decider<CounterState, CounterCommand, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.by }),
  decide: (c, s) => {
    if (s.total + c.by > 10) throw new DomainError('COUNTER.LIMIT', 'the counter may not pass 10');
    return [{ type: 'Incremented', data: { by: c.by } }];
  },
};
export const now = new Date('2025-01-01T00:00:00Z');
export const respond = ({ state, version }: { state: CounterState; version: number }) => ({ total: state.total, version });
