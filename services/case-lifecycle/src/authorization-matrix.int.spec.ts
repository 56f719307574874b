import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, type ServiceUnderTest, startServiceUnderTest, undeclaredRoutes } from '@sagsspor/service-testing';
import { CaseLifecycleModule } from './app.module';

// Generated from the service's own route table: every route × every role × own/other tenant.
describe('case-lifecycle: authorization matrix', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'case-lifecycle',
      label: 'case_lifecycle_matrix',
      moduleFor: (c, l, o) => CaseLifecycleModule.forRoot(c, l, o, { deadlineWarningDays: 14 }),
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
      'GET /v1/cases': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
      'GET /v1/cases/:caseId': 'municipality[resource] boernehus[resource] ops[resource] admin',
      'POST /v1/cases/:caseId/close': 'boernehus[resource] admin',
      'POST /v1/cases/:caseId/closing-memo': 'boernehus[resource] admin',
      'POST /v1/cases/:caseId/closure-corrections': 'boernehus[resource] admin',
      'POST /v1/cases/:caseId/police-release': 'boernehus[resource] admin',
      'POST /v1/cases/:caseId/services': 'boernehus[resource] admin',
      'POST /v1/cases/:caseId/suspects': 'boernehus[resource] admin',
      'GET /v1/reference/tariffs': 'municipality boernehus ops admin',
      'PUT /v1/reference/tariffs/:year': 'admin',
      'GET /v1/settlements': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
    });
  });

  it('answers every route × role × tenant as its policy says', async () => {
    expect(await runAuthorizationMatrix(service.url, authorizationMatrix(routeTable(service.app)))).toEqual([]);
  });
});
