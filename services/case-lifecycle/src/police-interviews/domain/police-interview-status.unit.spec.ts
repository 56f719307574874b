import { type PoliceInterviewFact, policeInterviewStatus } from './police-interview-status';

const interview = (onDate: string): PoliceInterviewFact => ({ kind: 'interview', onDate });
const release = (onDate: string): PoliceInterviewFact => ({ kind: 'release', onDate });

/** Every order of the facts, to show the answer does not depend on arrival order. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('police interview status of a child', () => {
  it('knows nothing pending when nothing is known', () => {
    expect(policeInterviewStatus([])).toEqual({});
  });

  it('is pending since the earliest interview date when no release is known', () => {
    expect(policeInterviewStatus([interview('2025-03-11'), interview('2025-03-06')])).toEqual({ pendingSince: '2025-03-06' });
  });

  it('is released when a release covers every interview (on or after its date)', () => {
    expect(policeInterviewStatus([interview('2025-03-06'), interview('2025-03-12'), release('2025-03-12')])).toEqual({ releasedAt: '2025-03-12' });
  });

  it('is pending again for an interview after the latest release (a reinterview)', () => {
    expect(policeInterviewStatus([interview('2025-03-06'), release('2025-03-12'), interview('2025-04-01'), interview('2025-04-03')])).toEqual({ pendingSince: '2025-04-01', releasedAt: '2025-03-12' });
  });

  it('gives the same answer whatever order the facts arrive in', () => {
    const facts = [interview('2025-03-06'), interview('2025-04-01'), release('2025-03-12'), release('2025-03-08')];
    const answers = new Set(permutations(facts).map((order) => JSON.stringify(policeInterviewStatus(order))));
    expect([...answers]).toEqual([JSON.stringify({ pendingSince: '2025-04-01', releasedAt: '2025-03-12' })]);
  });
});
