import type { ServiceDefinition } from '@sagsspor/platform';
import { accessSummary, authorizationMatrix, routeTable, runAuthorizationMatrix, undeclaredRoutes } from './route-table';
import { type ServiceUnderTest, startServiceUnderTest } from './service-under-test';

/**
 * A service's access contract, as two tests: every route declares a policy and the declared table is
 * exactly `expected` (who may call what, reviewed by a person); and every route × every role ×
 * own/other tenant answers as its policy says, on the running service.
 */
export function describeAccessContract(service: ServiceDefinition, expected: Record<string, string>): void {
  describe(`${service.name}: access contract`, () => {
    let running: ServiceUnderTest;

    beforeAll(async () => {
      running = await startServiceUnderTest({
        serviceName: service.name,
        label: `${service.name.replace(/-/g, '_')}_access`,
        moduleFor: service.moduleFor,
        env: { RATE_LIMIT_PER_MINUTE: '0' },
      });
    });
    afterAll(() => running?.drop());

    it('declares an access policy (or @Public) on every route, and exactly the reviewed table', () => {
      const routes = routeTable(running.app);
      expect(undeclaredRoutes(routes)).toEqual([]);
      expect(accessSummary(routes)).toEqual(expected);
    });

    it('answers every route × role × own/other tenant as its policy says', async () => {
      expect(await runAuthorizationMatrix(running.url, authorizationMatrix(routeTable(running.app)))).toEqual([]);
    });
  });
}
