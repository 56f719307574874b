import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, type ServiceUnderTest, startServiceUnderTest, undeclaredRoutes } from '@sagsspor/service-testing';
import { ReferralsModule } from './app.module';
import { defaultReferralsSettings } from './settings';

// Generated from the service's own route table: every route × every role × own/other tenant.
describe('referrals: authorization matrix', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest({ serviceName: 'referrals', label: 'referrals_matrix', moduleFor: (c, l, o) => ReferralsModule.forRoot(c, l, o, defaultReferralsSettings), env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(() => service?.drop());

  it('declares an access policy (or @Public) on every route, and exactly these', () => {
    const routes = routeTable(service.app);
    expect(undeclaredRoutes(routes)).toEqual([]);
    expect(accessSummary(routes)).toEqual({
      'GET /health': 'public',
      'GET /health/live': 'public',
      'GET /metrics': 'public',
      'GET /v1/admin/audit-log': 'admin',
      'GET /v1/admin/child-erasures': 'admin',
      'POST /v1/admin/child-erasures': 'admin',
      'POST /v1/consultations': 'municipality[body.municipalityCode] boernehus[body.houseCode] admin',
      'GET /v1/consultations/:consultationId': 'municipality[resource] boernehus[resource] admin',
      'GET /v1/referrals': 'boernehus[query.house?] ops[query.house?] admin',
      'POST /v1/referrals': 'municipality[body.municipalityCode] admin',
      'GET /v1/referrals/:referralId': 'municipality[resource] boernehus[resource] ops[resource] admin',
      'POST /v1/referrals/:referralId/accept': 'boernehus[resource] admin',
      'POST /v1/referrals/:referralId/reject': 'boernehus[resource] admin',
      'POST /v1/referrals/:referralId/withdraw': 'municipality[resource] admin',
      'POST /v1/underretninger': 'municipality[body.municipalityCode] admin',
      'GET /v1/underretninger/:underretningId': 'municipality[resource] admin',
      'POST /v1/underretninger/:underretningId/decisions': 'municipality[resource] admin',
    });
  });

  it('answers every route × role × tenant as its policy says', async () => {
    const cases = authorizationMatrix(routeTable(service.app));
    expect(await runAuthorizationMatrix(service.url, cases)).toEqual([]);
  });
});
