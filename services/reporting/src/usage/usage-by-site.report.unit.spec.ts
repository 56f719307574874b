import { houseSites } from '@sagsspor/reference-data';
import { usageBySite } from './usage-by-site.report';
import type { UsageRow } from './usage.report';

const house = (code: string, closedCases: number | null): UsageRow => ({
  level: 'house',
  code,
  name: `Børnehus ${code}`,
  partOf: 'DK',
  closedCases,
  population0to17: 1000,
  casesPer1000: null,
  intervalValue: null,
  expectedCases: null,
  ratio: null,
  suppressed: closedCases === null ? 'secondary' : null,
  suppressionReason: null,
});

// By hand: Syd 20 closed = Odense 12 (8 put at Odense, 4 at none: the main site) + Esbjerg 5 + Aabenraa 3, every site ≥ 3: shown.
//          Midt 10 = Aarhus 9 + Herning 1: Herning below 3, so neither site is shown (Aarhus would give Herning away: 10 − 9).
//          Nord 4 (one site): the house count. Hovedstaden hidden in the house table: its sites too.
describe('usage by site', () => {
  const rows = usageBySite(
    [house('syd', 20), house('midt', 10), house('nord', 4), house('hovedstaden', null), { ...house('DK', 34), level: 'national' }],
    [
      { houseCode: 'syd', siteCode: 'syd-odense', cases: 8 },
      { houseCode: 'syd', siteCode: null, cases: 4 },
      { houseCode: 'syd', siteCode: 'syd-esbjerg', cases: 5 },
      { houseCode: 'syd', siteCode: 'syd-aabenraa', cases: 3 },
      { houseCode: 'midt', siteCode: null, cases: 9 },
      { houseCode: 'midt', siteCode: 'midt-herning', cases: 1 },
      { houseCode: 'nord', siteCode: null, cases: 4 },
      { houseCode: 'hovedstaden', siteCode: null, cases: 2 },
    ],
    houseSites,
  );
  const figure = (site: string) => rows.find((r) => r.siteCode === site);

  it('shows every site of a house whose sites all have 3 or more, adding up to the house', () => {
    expect(rows.filter((r) => r.houseCode === 'syd').map((r) => [r.siteCode, r.closedCases, r.main])).toEqual([
      ['syd-odense', 12, true],
      ['syd-esbjerg', 5, false],
      ['syd-aabenraa', 3, false],
    ]);
  });

  it('hides every site of a house where one has fewer than 3, without saying which', () => {
    expect([figure('midt-aarhus'), figure('midt-herning')].map((r) => [r?.closedCases, r?.suppressionReason])).toEqual([
      [null, "a site has fewer than 3 cases: the house's site counts are not published"],
      [null, "a site has fewer than 3 cases: the house's site counts are not published"],
    ]);
  });

  it("shows a one-site house's count, and hides the sites of a house whose count is hidden; no row for the nation", () => {
    expect(figure('nord-aalborg')?.closedCases).toBe(4);
    expect(rows.filter((r) => r.houseCode === 'hovedstaden').map((r) => [r.closedCases, r.suppressionReason])).toEqual([
      [null, "the house's count is not published"],
      [null, "the house's count is not published"],
    ]);
    expect(rows.some((r) => r.houseCode === 'DK')).toBe(false);
  });

  it('gives the reasons in Danish for the Danish CSV', () => {
    expect(usageBySite([house('midt', 10)], [{ houseCode: 'midt', siteCode: 'midt-herning', cases: 1 }], houseSites, 'da')[0].suppressionReason).toBe('en afdeling har færre end 3 sager: afdelingernes tal offentliggøres ikke');
  });
});
