import { municipalities } from '@sagsspor/reference-data';
import { describeSecurityAttacks } from '@sagsspor/service-testing';
import { reportingService } from './service';
import { folk1aExport } from './test-support/folk1a-export';
import { municipalityNames } from './test-support/reporting-service';

// The attacks of issue 8 on reporting. Its writes are admin's (the population upload, projection
// rebuilds); the house-scoped reports are its tenant boundary. Each refused attack leaves every
// table as it was.
describeSecurityAttacks(reportingService, {
  arrange: async () => ({
    write: {
      caller: { role: 'admin' },
      method: 'PUT',
      path: '/v1/reference/population/2024',
      contentType: 'text/csv',
      body: folk1aExport(2024, Object.fromEntries(municipalities.map((m, i) => [m.code, 2000 + i])), municipalityNames),
    },
    otherTenant: { role: 'ops', tenant: { house: 'nord' } },
    reads: [
      { method: 'GET', path: '/v1/reports/lead-times?year=2025&house=midt' },
      { method: 'GET', path: '/v1/reports/lead-times/trend?year=2025&house=midt' },
      { method: 'GET', path: '/v1/reports/annual-statistics?year=2025&house=midt' },
      { method: 'GET', path: '/v1/reports/video-interviews-not-referred?from=2025-01-01&to=2025-12-31&groupBy=house&house=midt' },
    ],
    params: { year: '2024', name: 'no-such-projection' },
  }),
});
