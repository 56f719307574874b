import { describeAccessContract } from '@sagsspor/service-testing';
import { caseLifecycleService } from './service';

// Who may call what. A new route fails this test until it declares @Access and is added here.
describeAccessContract(caseLifecycleService, {
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
  'PUT /v1/cases/:caseId/site': 'boernehus[resource] admin',
  'GET /v1/reference/tariffs': 'municipality boernehus ops admin',
  'PUT /v1/reference/tariffs/:year': 'admin',
  'GET /v1/settlements': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
});
