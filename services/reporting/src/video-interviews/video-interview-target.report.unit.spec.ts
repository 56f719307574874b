import { houseSites } from '@sagsspor/reference-data';
import { type TargetInterviewFact, targetFigures, videoInterviewTarget, videoInterviewTargetBySite } from './video-interview-target.report';

const fact = (daysFromReport: number | null, overrides: Partial<TargetInterviewFact> = {}): TargetInterviewFact => ({
  policeDistrict: 'fyn',
  month: '2025-01',
  reinterview: false,
  daysFromReport,
  lateAgainstTarget: daysFromReport !== null && daysFromReport > 7,
  ...overrides,
});

describe('the police 7-day target', () => {
  it('counts the 7th day within, more than 7 late, no report date apart, and the median by nearest rank', () => {
    expect(targetFigures([fact(7), fact(8), fact(null), fact(3), fact(20, { reinterview: true })])).toEqual({
      interviews: 4,
      withinTarget: { count: 2, percent: 67 },
      late: { count: 1, percent: 33 },
      reportDateUnknown: 1,
      medianDaysFromReport: 7, // [3, 7, 8]: the 2nd
      reinterviews: 1,
    });
  });

  it('has no percent and no median without interviews', () => {
    expect(targetFigures([])).toEqual({ interviews: 0, withinTarget: { count: 0, percent: null }, late: { count: 0, percent: null }, reportDateUnknown: 0, medianDaysFromReport: null, reinterviews: 0 });
  });

  it('gives a row per district and month, every reference district, and the total', () => {
    const report = videoInterviewTarget([fact(2), fact(9, { month: '2025-02' }), fact(1, { policeDistrict: 'bornholm' })], [
      { code: 'bornholm', name: 'Bornholms Politi' },
      { code: 'fyn', name: 'Fyns Politi' },
      { code: 'koebenhavn', name: 'Københavns Politi' },
    ]);
    expect(report.rows.map((r) => [r.policeDistrict, r.month, r.interviews])).toEqual([
      ['bornholm', '2025-01', 1],
      ['fyn', '2025-01', 1],
      ['fyn', '2025-02', 1],
    ]);
    expect(report.districts.map((r) => [r.policeDistrict, r.interviews, r.late.count])).toEqual([
      ['bornholm', 1, 0],
      ['fyn', 2, 1],
      ['koebenhavn', 0, 0],
    ]);
    expect(report.total).toMatchObject({ policeDistrict: 'total', interviews: 3, late: { count: 1, percent: 33 }, medianDaysFromReport: 2 });
  });

  // By hand (ADR 0076): Midt's Aarhus has 2 without a site (3 and 9 days) and 1 put at Herning by a house it no longer
  // is at (moved to Syd: it counts at Syd's main site, Odense); Herning has 2 (5 days, and a reinterview).
  it('gives the figures per site of the houses in scope, an interview without a site (or at another house\'s) at its main site', () => {
    const rows = videoInterviewTargetBySite(
      [
        { ...fact(3), houseCode: 'midt', siteCode: null },
        { ...fact(9), houseCode: 'midt', siteCode: null },
        { ...fact(5), houseCode: 'midt', siteCode: 'midt-herning' },
        { ...fact(4, { reinterview: true }), houseCode: 'midt', siteCode: 'midt-herning' },
        { ...fact(1), houseCode: 'syd', siteCode: 'midt-herning' },
      ],
      ['midt', 'syd'],
      houseSites,
    );
    expect(rows.map((r) => [r.siteCode, r.siteName, r.interviews, r.late.count, r.medianDaysFromReport, r.reinterviews])).toEqual([
      ['midt-aarhus', 'Aarhus', 2, 1, 3, 0],
      ['midt-herning', 'Herning', 1, 0, 5, 1],
      ['syd-odense', 'Odense', 1, 0, 1, 0],
      ['syd-esbjerg', 'Esbjerg', 0, 0, null, 0],
      ['syd-aabenraa', 'Aabenraa', 0, 0, null, 0],
    ]);
  });
});
