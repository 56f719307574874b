import { consumerRegistrationsIn } from './code-facts';

describe('consumerRegistrationsIn', () => {
  const topics = { referralsEvents: 'sagsspor.referrals.events.v1', caseLifecycleEvents: 'sagsspor.case-lifecycle.events.v1' };

  it('reads each registration with its group name and topics, across lines', () => {
    const source = `consumers: [
      { name: 'cases', topics: [Topics.referralsEvents], handlers: CaseKafkaController },
      {
        name: 'activity',
        topics: [Topics.referralsEvents, Topics.caseLifecycleEvents],
        handlers: ActivityKafkaController,
      },
    ]`;
    expect(consumerRegistrationsIn(source, topics)).toEqual([
      { name: 'cases', topics: ['sagsspor.referrals.events.v1'] },
      { name: 'activity', topics: ['sagsspor.referrals.events.v1', 'sagsspor.case-lifecycle.events.v1'] },
    ]);
  });

  it('finds none in a service without consumers', () => {
    expect(consumerRegistrationsIn('ServiceInfrastructureModule.forRoot({ config, logger, migrations: [] })', topics)).toEqual([]);
  });

  it('refuses consumers it cannot read, rather than checking nothing', () => {
    expect(() => consumerRegistrationsIn('consumers: registrations,', topics)).toThrow(/cannot read/);
  });

  it('refuses a topic constant the contracts do not have', () => {
    expect(() => consumerRegistrationsIn("{ name: 'x', topics: [Topics.unknownEvents] }", topics)).toThrow('unknown topic constant Topics.unknownEvents');
  });
});
