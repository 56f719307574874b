import { annualStatisticsRowDa } from './annual-statistics.query';
import { annualStatisticsTermsDa } from '../reports/danish';
import { abuseGroupOf, servicesCountedOnce } from './annual-statistics.report';

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

describe('annual statistics CSV in Danish', () => {
  it('writes tables, groups and categories in Danish, by their table (a girl among the children, a woman among the suspects), codes as they are', () => {
    const da = (table: string, group: string, category: string) => ({ table: annualStatisticsTermsDa[table], ...annualStatisticsRowDa({ table, group, category, count: 1, percent: null }) });
    expect(da('children', 'sex', 'female')).toEqual({ table: 'børn', group: 'køn', category: 'pige' });
    expect(da('suspects', 'sex', 'female')).toEqual({ table: 'mistænkte krænkere', group: 'køn', category: 'kvinde' });
    expect(da('suspects', 'relation', 'step-parent')).toEqual({ table: 'mistænkte krænkere', group: 'relation til barnet', category: 'stedforælder' });
    expect(da('children', 'sex:male', 'age:7')).toEqual({ table: 'børn', group: 'køn: dreng', category: 'alder: 7' });
    expect(da('closed-cases', 'outcome', 'interrupted')).toEqual({ table: 'afsluttede sager', group: 'udfald', category: 'afbrudt' });
    expect(da('closed-cases', 'all', 'total')).toEqual({ table: 'afsluttede sager', group: 'alle', category: 'i alt' });
    expect(da('closed-cases', 'house', 'midt')).toEqual({ table: 'afsluttede sager', group: 'børnehus', category: 'midt' });
    expect(da('abuse-type', 'all', 'violenceAndSexual')).toEqual({ table: 'overgrebstype', group: 'alle', category: 'vold og seksuelle overgreb' });
    expect(da('case-conferences', 'cases', 'follow-up')).toEqual({ table: 'sagssamråd', group: 'sager', category: 'opfølgende' });
    expect(da('sector-participation', 'midt', 'paediatrician')).toEqual({ table: 'sektordeltagelse i koordinerende sagssamråd', group: 'midt', category: 'pædiater' });
    expect(da('services', 'provider', 'boernehus')).toEqual({ table: 'ydelser', group: 'udfører', category: 'børnehus' });
  });
});

describe('services counted once', () => {
  it('takes per case, provider and day the larger of the entered and the recorded count', () => {
    const s = (caseId: string, provider: string, day: string) => ({ caseId, provider, day });
    const counted = servicesCountedOnce(
      [s('c1', 'police', '2017-02-05'), s('c1', 'police', '2017-02-05'), s('c1', 'boernehus', '2017-02-06'), s('c2', 'forensic', '2017-03-01')],
      [s('c1', 'police', '2017-02-05'), s('c1', 'police', '2017-02-07'), s('c2', 'forensic', '2017-03-01'), s('c2', 'paediatrician', '2017-03-01')],
    );
    // c1 police 5 Feb: max(2, 1) = 2; 7 Feb: 1; boernehus 1; c2 forensic max(1, 1) = 1; paediatrician 1.
    expect(counted.total).toBe(6);
    expect(counted.casesWithServices).toBe(2);
    expect(counted.byProvider).toEqual([
      { provider: 'boernehus', services: 1, cases: 1 },
      { provider: 'police', services: 3, cases: 1 },
      { provider: 'forensic', services: 1, cases: 1 },
      { provider: 'paediatrician', services: 1, cases: 1 },
    ]);
    expect(counted.bySource.find((p) => p.provider === 'police')).toEqual({ provider: 'police', entered: 2, recorded: 2, inBoth: 1, counted: 3 });
  });
});
