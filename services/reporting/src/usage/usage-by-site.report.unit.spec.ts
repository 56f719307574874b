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

// Interviews by hand: Syd: Odense 3 at none + 1 put at Odense + 1 put at midt-herning before the police moved it to
//   Syd (counted by its house now, Syd, and midt-herning is not Syd's: its main site) = 5; Esbjerg 3, Aabenraa 3:
//   every site ≥ 3, shown.
//   Midt: Aarhus 6, Herning 2 → neither shown. Nord: 2 (one site) → hidden. Hovedstaden: København 3, Hillerød 3 → shown
//   although the house's case count is hidden (the interviews have their own counts).
const interviews = [
  { houseCode: 'syd', siteCode: null, interviews: 3 },
  { houseCode: 'syd', siteCode: 'syd-odense', interviews: 1 },
  { houseCode: 'syd', siteCode: 'midt-herning', interviews: 1 },
  { houseCode: 'syd', siteCode: 'syd-esbjerg', interviews: 3 },
  { houseCode: 'syd', siteCode: 'syd-aabenraa', interviews: 3 },
  { houseCode: 'midt', siteCode: null, interviews: 6 },
  { houseCode: 'midt', siteCode: 'midt-herning', interviews: 2 },
  { houseCode: 'nord', siteCode: null, interviews: 2 },
  { houseCode: 'hovedstaden', siteCode: null, interviews: 3 },
  { houseCode: 'hovedstaden', siteCode: 'hovedstaden-hilleroed', interviews: 3 },
];

// By hand: Syd 20 closed = Odense 12 (8 put at Odense, 4 at none: the main site) + Esbjerg 5 + Aabenraa 3, every site ≥ 3: shown.
//          Midt 10 = Aarhus 9 + Herning 1: Herning below 3, so neither site is shown (Aarhus would give Herning away: 10 − 9).
//          Nord 4 (one site): the house count. Hovedstaden hidden in the house table: its sites too.
describe('usage by site', () => {
  const rows = usageBySite(
    [house('syd', 20), house('midt', 10), house('nord', 4), house('hovedstaden', null), { ...house('DK', 34), level: 'national' }],
    {
      cases: [
        { houseCode: 'syd', siteCode: 'syd-odense', cases: 8 },
        { houseCode: 'syd', siteCode: null, cases: 4 },
        { houseCode: 'syd', siteCode: 'syd-esbjerg', cases: 5 },
        { houseCode: 'syd', siteCode: 'syd-aabenraa', cases: 3 },
        { houseCode: 'midt', siteCode: null, cases: 9 },
        { houseCode: 'midt', siteCode: 'midt-herning', cases: 1 },
        { houseCode: 'nord', siteCode: null, cases: 4 },
        { houseCode: 'hovedstaden', siteCode: null, cases: 2 },
      ],
      interviews,
    },
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
    const [aarhus] = usageBySite([house('midt', 10)], { cases: [{ houseCode: 'midt', siteCode: 'midt-herning', cases: 1 }], interviews: [] }, houseSites, 'da');
    expect(aarhus.suppressionReason).toBe('en afdeling har færre end 3 sager: afdelingernes tal offentliggøres ikke');
    expect(aarhus.videoInterviewsSuppressionReason).toBe('en afdeling har færre end 3 videoafhøringer: afdelingernes tal for videoafhøringer offentliggøres ikke');
  });

  describe('video interviews per site (ADR 0076)', () => {
    const interviewsAt = (houseCode: string) => rows.filter((r) => r.houseCode === houseCode).map((r) => [r.siteCode, r.videoInterviews]);

    it("counts an interview without a site, or at a site that is not its house's, at the main site: Syd's sites all 3 or more, shown", () => {
      expect(interviewsAt('syd')).toEqual([
        ['syd-odense', 5],
        ['syd-esbjerg', 3],
        ['syd-aabenraa', 3],
      ]);
      expect(rows.filter((r) => r.houseCode === 'syd').every((r) => r.videoInterviewsSuppressionReason === null)).toBe(true);
    });

    it('hides every site of a house where one has fewer than 3, and a one-site house with fewer than 3', () => {
      expect(interviewsAt('midt')).toEqual([
        ['midt-aarhus', null],
        ['midt-herning', null],
      ]);
      expect(interviewsAt('nord')).toEqual([['nord-aalborg', null]]);
      expect(figure('midt-aarhus')?.videoInterviewsSuppressionReason).toBe("a site has fewer than 3 video interviews: the house's site counts of video interviews are not published");
    });

    it("decides on the interviews' own counts, not the house's case count", () => {
      expect(interviewsAt('hovedstaden')).toEqual([
        ['hovedstaden-koebenhavn', 3],
        ['hovedstaden-hilleroed', 3],
      ]);
      expect(figure('hovedstaden-koebenhavn')?.closedCases).toBeNull();
    });
  });
});
