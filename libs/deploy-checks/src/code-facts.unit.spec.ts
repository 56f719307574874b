import { subscriptions } from '@sagsspor/contracts';
import { consumerRegistrationsOf } from './code-facts';

describe('consumerRegistrationsOf', () => {
  it('groups a service\'s subscriptions by consumer group', () => {
    const table = [
      { service: 'reporting' as const, consumer: 'projections', topic: 'a', eventTypes: [], purpose: '' },
      { service: 'reporting' as const, consumer: 'projections', topic: 'b', eventTypes: [], purpose: '' },
      { service: 'case-lifecycle' as const, consumer: 'cases', topic: 'a', eventTypes: [], purpose: '' },
    ];
    expect(consumerRegistrationsOf('reporting', table)).toEqual([{ name: 'projections', topics: ['a', 'b'] }]);
    expect(consumerRegistrationsOf('referrals', table)).toEqual([]);
  });

  it('reads the real table: case-lifecycle consumes referrals and sector-coordination events in one group', () => {
    expect(consumerRegistrationsOf('case-lifecycle', subscriptions)).toEqual([{ name: 'cases', topics: ['sagsspor.referrals.events.v1', 'sagsspor.sector-coordination.events.v1'] }]);
  });
});
