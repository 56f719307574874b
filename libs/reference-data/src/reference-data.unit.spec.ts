import { findMunicipality, houses, municipalities, policeDistricts } from './index';

describe('reference data', () => {
  it('has 98 municipalities, each with a known default house', () => {
    expect(municipalities).toHaveLength(98);
    const houseCodes = new Set(houses.map((h) => h.code));
    for (const m of municipalities) expect(houseCodes.has(m.defaultHouse)).toBe(true);
  });

  it('routes a municipality to its region house', () => {
    expect(findMunicipality('751')).toMatchObject({ name: 'Aarhus', regionCode: '1082', defaultHouse: 'midt' });
    expect(findMunicipality('999')).toBeUndefined();
  });

  it('has five houses and twelve police districts', () => {
    expect(houses.map((h) => h.code).sort()).toEqual(['hovedstaden', 'midt', 'nord', 'sjaelland', 'syd']);
    expect(policeDistricts).toHaveLength(12);
  });
});
