import { annualStatisticsRowDa } from './annual-statistics.query';
import { annualStatisticsTermsDa } from '../reports/danish';
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
