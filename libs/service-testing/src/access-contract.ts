import { subscriptions } from '@sagsspor/contracts';
import { CONSUMER_REGISTRATIONS, type ConsumerRegistration, type ServiceDefinition } from '@sagsspor/platform';
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

    it('consumes exactly what the subscriptions table in libs/contracts says (which the AsyncAPI and the deployment follow)', () => {
      const registered = running.app.get<ConsumerRegistration[]>(CONSUMER_REGISTRATIONS).flatMap((registration) => {
        const handled = Object.keys(running.app.get(registration.handlers, { strict: false }).handlers()).sort();
        return [...registration.topics].sort().map((topic) => ({ consumer: registration.name, topic, handled }));
      });
      const documented = subscriptions
        .filter((s) => s.service === service.name)
        .map((s) => ({ consumer: s.consumer, topic: s.topic, handled: subscriptions.filter((o) => o.service === s.service && o.consumer === s.consumer).flatMap((o) => o.eventTypes).sort() }))
        .sort((a, b) => a.topic.localeCompare(b.topic));
      expect(registered.sort((a, b) => a.topic.localeCompare(b.topic))).toEqual(documented);
    });
  });
}
