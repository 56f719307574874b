import { missingNoteDa } from '../../dashboard/format.js';
import { referralReport } from '../referrals/referrals.report';

// The dashboard shows the reports' `missing` notes in Danish (the JSON API stays English): every
// note a report can give has its Danish form, so a reworded note fails here, not in front of a user.
describe("the dashboard's Danish missing notes", () => {
  const { missing } = referralReport({
    period: { from: '2023-12-01', to: '2024-01-31' },
    groupBy: 'municipality',
    municipalities: [{ code: '001', name: 'A', regionCode: 'N', defaultHouse: 'midt' }],
    regions: [{ code: 'N', name: 'North' }],
    houses: [{ code: 'midt', name: 'Børnehus Midt' }],
    counts: [],
    population: new Map([[2023, new Map([['001', 600]])]]),
    expectedCases: new Map(),
    filter: {},
    suppress: false,
  });

  it('translates each note of the referral report', () => {
    expect(missing).toHaveLength(3);
    expect(missing.map(missingNoteDa)).toEqual([
      'Ingen FOLK1A-befolkning for 2024: kommunernes og regionernes estimerede sager kendes ikke (PUT /v1/reference/population/2024)',
      'Intet forventet sagstal i Børnehus Midts budget for 2023: børnehusets estimerede sager kendes ikke (PUT /v1/reference/budgets/2023)',
      'Intet forventet sagstal i Børnehus Midts budget for 2024: børnehusets estimerede sager kendes ikke (PUT /v1/reference/budgets/2024)',
    ]);
  });

  it('shows a note it does not know as the API wrote it', () => {
    expect(missingNoteDa('Something new')).toBe('Something new');
  });
});
