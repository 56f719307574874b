import { resolveSiteAmong, siteOrMain, type SiteOfHouse } from './sites';

// The sites are handed in (reference data lives elsewhere): Syd with three, Midt with two, Nord with one.
const sites: SiteOfHouse[] = [
  { code: 'syd-esbjerg', houseCode: 'syd', main: false },
  { code: 'syd-odense', houseCode: 'syd', main: true },
  { code: 'syd-aabenraa', houseCode: 'syd', main: false },
  { code: 'midt-aarhus', houseCode: 'midt', main: true },
  { code: 'midt-herning', houseCode: 'midt', main: false },
  { code: 'nord-aalborg', houseCode: 'nord', main: true },
];

describe('the site of a case or an interview (ADR 0075)', () => {
  it.each([
    ['syd', undefined, { ok: true, site: sites[1] }],
    ['syd', 'syd-esbjerg', { ok: true, site: sites[0] }],
    ['midt', 'midt-herning', { ok: true, site: sites[4] }],
    ['midt', 'syd-esbjerg', { ok: false, reason: 'site syd-esbjerg belongs to house syd, not midt; the sites of midt are midt-aarhus, midt-herning', allowed: ['midt-aarhus', 'midt-herning'] }],
    ['nord', 'nord-hjoerring', { ok: false, reason: 'unknown site nord-hjoerring; the sites of nord are nord-aalborg', allowed: ['nord-aalborg'] }],
    ['sjaelland', undefined, { ok: false, reason: 'house sjaelland has no main site in the reference data', allowed: [] }],
  ])('resolves house %s, site %s', (house, site, expected) => {
    expect(resolveSiteAmong(sites, house, site)).toEqual(expected);
  });

  it('places a case without a site at its house main site, and a house without sites at the house', () => {
    expect(siteOrMain(sites, 'midt', undefined)).toBe('midt-aarhus');
    expect(siteOrMain(sites, 'midt', 'midt-herning')).toBe('midt-herning');
    expect(siteOrMain(sites, 'sjaelland', null)).toBe('sjaelland');
  });

  it("places an interview whose house was corrected away from its site at the new house's main site (ADR 0076)", () => {
    expect(siteOrMain(sites, 'syd', 'midt-herning')).toBe('syd-odense');
    expect(siteOrMain(sites, 'sjaelland', 'midt-herning')).toBe('sjaelland');
    expect(siteOrMain(sites, 'midt', 'midt-nowhere')).toBe('midt-aarhus');
  });
});
