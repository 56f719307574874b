import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, type ServiceUnderTest, startServiceUnderTest, undeclaredRoutes } from '@sagsspor/service-testing';
import { ReportingModule } from './app.module';

// Generated from the service's own route table: every route × every role × own/other tenant.
describe('reporting: authorization matrix', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'reporting',
      label: 'reporting_matrix',
      moduleFor: (c, l, o) => ReportingModule.forRoot(c, l, o),
      env: { RATE_LIMIT_PER_MINUTE: '0' },
    });
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
      'GET /v1/admin/projections': 'ops admin',
      'POST /v1/admin/projections/:name/rebuilds': 'admin',
      'GET /v1/admin/projections/:name/rebuilds/:id': 'admin',
      'GET /v1/reference/population/:year': 'ops admin',
      'PUT /v1/reference/population/:year': 'admin',
      'GET /v1/reports/activity': 'ops admin',
      'GET /v1/reports/annual-statistics': 'boernehus[query.house?] ops[query.house?] admin',
      'GET /v1/reports/lead-times': 'boernehus[query.house?] ops[query.house?] admin',
      'GET /v1/reports/mandatory-referral-gaps': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
      'GET /v1/reports/usage': 'municipality boernehus ops admin',
      'GET /v1/reports/video-interviews-not-referred': 'boernehus[query.house?] ops[query.house?] admin',
    });
  });

  it('answers every route × role × tenant as its policy says', async () => {
    expect(await runAuthorizationMatrix(service.url, authorizationMatrix(routeTable(service.app)))).toEqual([]);
  });
});
