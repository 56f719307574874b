import { houses, houseSites, mainSiteOf, sitesOf } from './index';

describe('house sites (ADR 0075)', () => {
  it('gives every house exactly one main site, and the sites the houses list by name', () => {
    for (const house of houses) {
      expect([house.code, sitesOf(house.code).filter((s) => s.main).length]).toEqual([house.code, 1]);
      if (house.sites.length > 0) expect([house.code, sitesOf(house.code).map((s) => s.name).sort()]).toEqual([house.code, [...house.sites].sort()]);
    }
    expect(new Set(houseSites.map((s) => s.code)).size).toBe(houseSites.length);
  });

  it('has the three houses of Syd and Herning at Midt, naming the source of each', () => {
    expect(sitesOf('syd').map((s) => s.code)).toEqual(['syd-odense', 'syd-esbjerg', 'syd-aabenraa']);
    expect(sitesOf('midt').map((s) => s.code)).toEqual(['midt-aarhus', 'midt-herning']);
    expect(sitesOf('syd').every((s) => s.source.startsWith('002_6f01f55088016743.txt'))).toBe(true);
    expect(sitesOf('midt').find((s) => s.code === 'midt-herning')?.source).toMatch(/^000_e7da60dc88c66234\.txt .*Herning/);
    expect(mainSiteOf('sjaelland')?.code).toBe('sjaelland-boernehus');
  });
});
