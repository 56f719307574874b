import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { startReporting } from '../test-support/reporting-service';

// A database created before the money migration has no settlements projection and no budgets: the
// migration adds them (and a new database gets the projection from the generations migration).
describe('the money migration on a database from before it', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startReporting('reporting_money_migration');
  }, 120000);
  afterAll(() => service?.drop());

  it('adds the settlements projection and the budget tables, and a restart changes nothing', async () => {
    // Back to the state before MoneyAndPlanning1764300000000.
    await service.dataSource.query(`DROP SCHEMA rm_settlements_g1 CASCADE`);
    await service.dataSource.query(`DELETE FROM projection_generations WHERE projection = 'settlements'`);
    await service.dataSource.query(`DROP VIEW current_budgets`);
    await service.dataSource.query(`DROP TABLE budget_versions`);
    await service.dataSource.query(`DELETE FROM migrations WHERE name = 'MoneyAndPlanning1764300000000'`);
    service = await service.restart();
    expect(await service.dataSource.query(`SELECT projection, generation, live_schema FROM projection_generations WHERE projection = 'settlements'`)).toEqual([{ projection: 'settlements', generation: 1, live_schema: 'rm_settlements_g1' }]);
    expect((await httpAs(service.url, 'ops').get('/v1/reports/settlements?month=2022-03')).body).toMatchObject({ caseCount: 0, totalDkk: 0 });
    expect((await httpAs(service.url, 'admin').put('/v1/reference/budgets/2022', [{ houseCode: 'nord', operatingBudgetDkk: 9_000_000 }])).status).toBe(200);
    service = await service.restart();
    expect((await httpAs(service.url, 'ops').get('/v1/reference/budgets/2022')).body.budgets).toEqual([expect.objectContaining({ houseCode: 'nord', version: 1 })]);
  }, 120000);
});
