import { beforeReferral, type BeforeReferralFact, caseEndReasonRows } from './reasons.report';

// The worked examples, by hand.
const aarhusJan: BeforeReferralFact = {
  municipalityCode: '751',
  month: '2025-01',
  underretninger: 5,
  preventiveMeasureInstead: 3,
  policeOnlyConsulted: 1,
  withReasons: 3,
  reasons: { 'preventive-measure-instead': 3, 'police-assessment-decided': 1 },
};
const copenhagenJan: BeforeReferralFact = { municipalityCode: '101', month: '2025-01', underretninger: 4, preventiveMeasureInstead: 0, policeOnlyConsulted: 3, withReasons: 0, reasons: {} };
const aarhusFeb: BeforeReferralFact = { municipalityCode: '751', month: '2025-02', underretninger: 1, preventiveMeasureInstead: 1, policeOnlyConsulted: 0, withReasons: 1, reasons: { 'consent-treated-as-required': 1 } };
const facts = [aarhusJan, copenhagenJan, aarhusFeb];
const names: Record<string, string> = { '751': 'Aarhus', '101': 'København' };
const nameOf = (code: string) => names[code] ?? code;

describe('before the criteria, by municipality and month (ADR 0074)', () => {
  it("shows a municipality its own counts as they are, every reason of the list, no national rows", () => {
    const rows = beforeReferral([aarhusJan, aarhusFeb], nameOf, { suppress: false, keep: () => true, withTotals: false });
    expect(rows.map((r) => [r.month, r.municipalityCode, r.underretninger, r.preventiveMeasureInstead, r.policeOnlyConsulted, r.withReasons])).toEqual([
      ['2025-01', '751', 5, 3, 1, 3],
      ['2025-02', '751', 1, 1, 0, 1],
    ]);
    expect(rows[0].reasons).toMatchObject({ 'preventive-measure-instead': 3, 'police-assessment-decided': 1, 'consent-treated-as-required': 0, other: 0 });
    expect(Object.keys(rows[0].reasons)).toHaveLength(15);
    expect(rows.every((r) => Object.keys(r.suppressed).length === 0)).toBe(true);
  });

  it('suppresses beyond the municipality: counts 0-2 hidden, and a national total that would give one away', () => {
    const rows = beforeReferral(facts, nameOf, { suppress: true, keep: () => true, withTotals: true });
    const row = (month: string, code: string) => rows.find((r) => r.month === month && r.municipalityCode === code)!;
    // January, underretninger: 5 + 4 = 9, none below 3: all shown.
    expect([row('2025-01', '751').underretninger, row('2025-01', '101').underretninger, row('2025-01', 'total').underretninger]).toEqual([5, 4, 9]);
    // January, § 11 instead: København 0 is hidden (primary); the total 3 minus Aarhus's 3 would give it away,
    // and Aarhus's 3 hidden instead would be pinned to 3 by the total (it is at least 3): the total is hidden.
    expect([row('2025-01', '751').preventiveMeasureInstead, row('2025-01', '101').preventiveMeasureInstead, row('2025-01', 'total').preventiveMeasureInstead]).toEqual([3, null, null]);
    expect(row('2025-01', '101').suppressed.preventiveMeasureInstead).toBe('primary');
    expect(row('2025-01', 'total').suppressed.preventiveMeasureInstead).toBe('secondary');
    // January, police only consulted: Aarhus 1 hidden (primary); total 4 - København 3 = 1: one of them goes too.
    // Hiding København's 3 leaves it in 3..4 and Aarhus in 0..1: Aarhus could be told not to be 2. Hiding the
    // total leaves Aarhus 0-2 and the total 3 or more: protected. So the total is hidden.
    expect([row('2025-01', '751').policeOnlyConsulted, row('2025-01', '101').policeOnlyConsulted, row('2025-01', 'total').policeOnlyConsulted]).toEqual([null, 3, null]);
    // February: Aarhus alone, every count below 3, and so is the national total (the same counts): all hidden, as primary.
    expect(row('2025-02', '751')).toMatchObject({ underretninger: null, preventiveMeasureInstead: null, withReasons: null });
    expect(row('2025-02', 'total')).toMatchObject({ name: 'I alt', underretninger: null, preventiveMeasureInstead: null });
    expect(row('2025-02', 'total').suppressed.underretninger).toBe('primary');
  });

  it('decides the suppression on the national table before the filter, and shows no national rows after one', () => {
    const national = beforeReferral(facts, nameOf, { suppress: true, keep: () => true, withTotals: true });
    const filtered = beforeReferral(facts, nameOf, { suppress: true, keep: (code) => code === '101', withTotals: false });
    expect(filtered).toEqual(national.filter((r) => r.municipalityCode === '101'));
  });
});

describe('why cases ended early, by house and year (ADR 0074)', () => {
  it('counts each case once under its reason, a row per reason of the list and a total', () => {
    const rows = caseEndReasonRows(
      [
        { houseCode: 'midt', year: 2025, outcome: 'interrupted', reason: 'unstable-attendance' },
        { houseCode: 'midt', year: 2025, outcome: 'interrupted', reason: 'unstable-attendance' },
        { houseCode: 'midt', year: 2025, outcome: 'withdrawn', reason: 'not-given' },
        { houseCode: 'midt', year: 2024, outcome: 'interrupted', reason: 'family-not-motivated' },
        { houseCode: 'syd', year: 2025, outcome: 'withdrawn', reason: 'municipality-withdrew' },
      ],
      (code) => ({ midt: 'Børnehus Midt', syd: 'Børnehus Syd' })[code] ?? code,
    );
    // 3 groups (midt 2024, midt 2025, syd 2025), 7 reasons + a total each.
    expect(rows).toHaveLength(24);
    const row = (house: string, year: number, reason: string) => rows.find((r) => r.houseCode === house && r.year === year && r.reason === reason);
    expect(row('midt', 2025, 'unstable-attendance')).toEqual({ houseCode: 'midt', name: 'Børnehus Midt', year: 2025, reason: 'unstable-attendance', interrupted: 2, withdrawn: 0, total: 2 });
    expect(row('midt', 2025, 'not-given')).toMatchObject({ interrupted: 0, withdrawn: 1, total: 1 });
    expect(row('midt', 2025, 'total')).toMatchObject({ interrupted: 2, withdrawn: 1, total: 3 });
    expect(row('midt', 2024, 'total')).toMatchObject({ interrupted: 1, withdrawn: 0, total: 1 });
    expect(row('syd', 2025, 'parents-opposed')).toMatchObject({ total: 0 });
    expect(rows[0]).toMatchObject({ houseCode: 'midt', year: 2024 });
  });
});
