import { houseSites as sites } from '@sagsspor/reference-data';
import { leadTimesBySite, siteOfRow } from './lead-times-by-site.report';

// Børnehus Midt has two sites: Aarhus (the main site) and Herning (ADR 0075). As of 2025-06-30:
//   closed: 30 and 50 days at Aarhus (one without a site: the main site), 100 days at Herning;
//   open: one at Herning opened 2025-03-01 (121 days: past 120), one at Aarhus opened 2025-06-20 (10 days);
//   opened with waits 2 (Aarhus), 4 and 6 days (Herning).
const asOf = '2025-06-30';
const open = (caseId: string, openedAt: string, siteCode: string | null) => ({ caseId, houseCode: 'midt', municipalityCode: '657', openedAt, municipalityAwareAt: openedAt, siteCode });

describe('lead times by site', () => {
  it("puts a case without a site at its house's main site", () => {
    expect(siteOfRow(sites, { houseCode: 'midt', siteCode: null })).toBe('midt-aarhus');
    expect(siteOfRow(sites, { houseCode: 'syd', siteCode: 'syd-esbjerg' })).toBe('syd-esbjerg');
  });

  it('gives each site of the house its own figures, the main site first', () => {
    const groups = leadTimesBySite({
      closed: [
        { houseCode: 'midt', leadTimeDays: 30, siteCode: null },
        { houseCode: 'midt', leadTimeDays: 50, siteCode: 'midt-aarhus' },
        { houseCode: 'midt', leadTimeDays: 100, siteCode: 'midt-herning' },
      ],
      open: [open('c-herning', '2025-03-01', 'midt-herning'), open('c-aarhus', '2025-06-20', null)],
      opened: [
        { houseCode: 'midt', waitingDays: 2, siteCode: null },
        { houseCode: 'midt', waitingDays: 4, siteCode: 'midt-herning' },
        { houseCode: 'midt', waitingDays: 6, siteCode: 'midt-herning' },
      ],
      houses: ['midt'],
      sites,
      asOf,
      warningDays: 14,
    });
    expect(groups.map((g) => [g.siteCode, g.siteName, g.closed.count, g.closed.averageDays, g.closed.medianDays, g.open.count, g.open.passed120, g.waitingReferralToOpened.averageDays])).toEqual([
      ['midt-aarhus', 'Aarhus', 2, 40, 30, 1, 0, 2],
      ['midt-herning', 'Herning', 1, 100, 100, 1, 1, 5],
    ]);
    expect(groups[1].closed.within90).toEqual({ count: 0, percent: 0 });
  });

  it("lists every site of Syd's three houses, with nothing where there are no cases", () => {
    const groups = leadTimesBySite({ closed: [], open: [], opened: [], houses: ['syd'], sites, asOf, warningDays: 14 });
    expect(groups.map((g) => [g.siteCode, g.closed.count, g.closed.averageDays])).toEqual([
      ['syd-odense', 0, null],
      ['syd-esbjerg', 0, null],
      ['syd-aabenraa', 0, null],
    ]);
  });
});
