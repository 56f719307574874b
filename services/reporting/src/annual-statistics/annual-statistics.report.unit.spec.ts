import { abuseGroupOf } from './annual-statistics.report';

describe('abuse type groups', () => {
  it.each([
    [['violence'], 'violenceOnly'],
    [['violence', 'psychological'], 'violenceOnly'],
    [['sexual'], 'sexualOnly'],
    [['sexual', 'violence'], 'violenceAndSexual'],
    [['psychological'], 'psychologicalOnly'],
    [[], 'unknown'],
  ])('%j is %s', (types, group) => {
    expect(abuseGroupOf(types)).toBe(group);
  });
});
