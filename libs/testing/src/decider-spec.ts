import { type Decider, type DomainEvent, DomainError, foldEvents } from '@sagsspor/event-store';

/**
 * Tests a decider as data: given(past events).when(command).then(new events) or
 * .thenFails(code). Pure: no database, no clock (the time is part of the scenario).
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, now = new Date('2025-06-02T10:00:00Z')) {
  return {
    given: (...events: Event[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, foldEvents(decider, events), { now });
        return {
          then: (...expected: Event[]) => expect(run()).toEqual(expected),
          thenNothingHappens: () => expect(run()).toEqual([]),
          thenFails: (code: string, message?: RegExp) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
            if (message) expect((caught as DomainError).message).toMatch(message);
          },
        };
      },
    }),
  };
}
