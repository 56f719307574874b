import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { startReporting } from '../test-support/reporting-service';

// A database whose gaps were projected before legal_basis existed: the migration adds the column to
// the facts generations and fills it by the law in force on each gap's criteria date.
describe('the gap legal-basis migration on a database from before it', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startReporting('reporting_gap_legal_basis');
  }, 120000);
  afterAll(() => service?.drop());

  it('adds legal_basis to the gaps, fills it from criteria_met_at, and the report shows it', async () => {
    const gaps = 'rm_facts_g1.mandatory_referral_gaps';
    // Back to the state before GapLegalBasis1765100000000, with gaps projected then.
    await service.dataSource.query(`ALTER TABLE ${gaps} DROP COLUMN legal_basis`);
    await service.dataSource.query(
      `INSERT INTO ${gaps} (gap_id, municipality_code, house_code, criteria_met_at, referral_window_days, police_involvement, opened_at)
       VALUES ('G-2023', '751', 'midt', '2023-12-31', 14, 'reported', '2024-01-15'), ('G-2024', '751', 'midt', '2024-01-01', 14, 'reported', '2024-01-16')`,
    );
    await service.dataSource.query(`DELETE FROM migrations WHERE name = 'GapLegalBasis1765100000000'`);
    service = await service.restart();
    expect(await service.dataSource.query(`SELECT gap_id, legal_basis FROM ${gaps} ORDER BY gap_id`)).toEqual([
      { gap_id: 'G-2023', legal_basis: 'serviceloven-50b' },
      { gap_id: 'G-2024', legal_basis: 'barnets-lov-125' },
    ]);
    const report = await httpAs(service.url, 'ops').get('/v1/reports/mandatory-referral-gaps?from=2024-01-01&to=2024-01-31&groupBy=month');
    expect(report.body.rows).toEqual([expect.objectContaining({ key: '2024-01', opened: 2, legalBasis: ['barnets-lov-125', 'serviceloven-50b'] }), expect.objectContaining({ key: 'total' })]);
    service = await service.restart();
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM ${gaps} WHERE legal_basis IS NOT NULL`)).toEqual([{ n: 2 }]);
  }, 120000);
});
