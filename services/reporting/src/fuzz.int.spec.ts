import { describeFuzz, describeTopicFuzz } from '@sagsspor/service-testing';
import { reportingService } from './service';

// Random and malformed requests to every POST and PUT of reporting (docs/reliability.md): never a
// 5xx. Reporting has no event store: what its writes leave is a population version, a rebuild or a publication.
describeFuzz(reportingService, {
  numRuns: 60,
  writes: async (dataSource) => Number((await dataSource.query(`SELECT (SELECT count(*) FROM population_versions) + (SELECT count(*) FROM projection_rebuilds) + (SELECT count(*) FROM publications) AS n`))[0].n),
  pathValues: async () => ({ year: '2024', name: 'activity', number: '1' }),
});

// The topics reporting projects (every service's events), fuzzed the same way.
describeTopicFuzz(reportingService);
