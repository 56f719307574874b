import { describeAccessContract } from '@sagsspor/service-testing';
import { reportingService } from './service';
import { describeMunicipalityRowScoping } from './test-support/municipality-row-scoping';

// Who may call what. A new route fails this test until it declares @Access and is added here.
describeAccessContract(reportingService, {
  'GET /dashboard': 'public',
  'GET /dashboard/assets/:name': 'public',
  'GET /dashboard/reference.json': 'public',
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /metrics': 'public',
  'GET /v1/admin/audit-log': 'admin',
  'GET /v1/admin/projections': 'ops admin',
  'POST /v1/admin/projections/:name/rebuilds': 'admin',
  'GET /v1/admin/projections/:name/rebuilds/:id': 'admin',
  'GET /v1/reference/budgets/:year': 'ops admin',
  'PUT /v1/reference/budgets/:year': 'admin',
  'GET /v1/reference/population/:year': 'ops admin',
  'PUT /v1/reference/population/:year': 'admin',
  'GET /v1/reports/activity': 'ops admin',
  'GET /v1/reports/before-referral': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/case-end-reasons': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/annual-statistics': 'boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/annual-statistics/series': 'boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/financing': 'municipality boernehus[query.house] ops admin',
  'GET /v1/reports/forecast': 'boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/forecast/backtest': 'boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/lead-times': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/lead-times/trend': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/mandatory-referral-gaps': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/referrals': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/referrals/year-to-date': 'boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/settlements': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/usage': 'municipality boernehus ops admin',
  'GET /v1/reports/usage/sites': 'municipality boernehus ops admin',
  'GET /v1/publications': 'municipality boernehus ops admin',
  'POST /v1/publications/:year': 'admin',
  'GET /v1/publications/:year/:number': 'municipality boernehus ops admin',
  'GET /v1/reports/video-interviews-not-referred': 'municipality[query.municipality?] boernehus[query.house?] ops[query.house?] admin',
  'GET /v1/reports/video-interview-target': 'boernehus[query.house?] ops[query.house?] admin',
});

// Tenant scoping of the municipality views (ADR 0075): beyond the route × role × own/other tenant
// matrix above, the rows. Municipality A, asking with no filter, sees none of B's children or cases,
// and naming B is a 403.
describeMunicipalityRowScoping();
