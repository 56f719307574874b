import { deepStrictEqual, fail, match, ok } from 'node:assert/strict';
import { type Decider, type DomainEvent, DomainError, foldEvents } from './decider';

/**
 * Tests a decider as data: given(past events).when(command).then(new events), or
 * .thenFails(code). Pure: no database, no clock (the time is part of the scenario).
 * Uses node:assert, so it works under any test runner.
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, now = new Date('2025-06-02T10:00:00Z')) {
  return {
    given: (...events: Event[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, foldEvents(decider, events), { now });
        return {
          then: (...expected: Event[]) => deepStrictEqual(run(), expected),
          thenNothingHappens: () => deepStrictEqual(run(), []),
          thenFails: (code: string, message?: RegExp) => {
            try {
              const produced = run();
              fail(`expected ${code}, but the decider produced ${JSON.stringify(produced)}`);
            } catch (error) {
              ok(error instanceof DomainError, `expected a DomainError ${code}, got ${String(error)}`);
              deepStrictEqual(error.code, code);
              if (message) match(error.message, message);
            }
          },
        };
      },
    }),
  };
}
