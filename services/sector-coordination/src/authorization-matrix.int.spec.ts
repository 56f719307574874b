import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, type ServiceUnderTest, startServiceUnderTest, undeclaredRoutes } from '@sagsspor/service-testing';
import { SectorCoordinationModule } from './app.module';

// Generated from the service's own route table: every route × every role × own/other tenant.
describe('sector-coordination: authorization matrix', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sector_coordination_matrix',
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
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
      'GET /v1/admin/child-erasures': 'admin',
      'POST /v1/admin/child-erasures': 'admin',
      'POST /v1/case-conferences': 'boernehus[resource] admin',
      'POST /v1/examinations': 'boernehus[resource] admin',
      'POST /v1/video-interview-requests': 'police admin',
      'POST /v1/video-interviews': 'police admin',
      'GET /v1/video-interviews/encryption-key': 'public',
      'GET /v1/video-interviews/:interviewId': 'boernehus[resource] police admin',
      'POST /v1/video-interviews/:interviewId/release': 'police admin',
    });
  });

  it('answers every route × role × tenant as its policy says', async () => {
    expect(await runAuthorizationMatrix(service.url, authorizationMatrix(routeTable(service.app)))).toEqual([]);
  });
});
