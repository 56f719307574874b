import { consumerRegistrationsIn } from './code-facts';

describe('consumerRegistrationsIn', () => {
  const topics = {
    referralsEvents: 'sagsspor.referrals.events.v1',
    caseLifecycleEvents: 'sagsspor.case-lifecycle.events.v1',
    inboundPoliceVideoInterviews: 'sagsspor.inbound.police.video-interviews.v1',
  };

  it('reads each registration with its group name and topics, on one line or several', () => {
    const source = `consumers: [
      { name: 'cases', topics: [Topics.referralsEvents], handlers: CaseKafkaController },
      {
        name: 'police-video-interviews',
        topics: [Topics.inboundPoliceVideoInterviews],
        handlers: VideoInterviewKafkaController,
        decode: decodePoliceVideoInterviewMessage,
      },
    ]`;
    expect(consumerRegistrationsIn(source, topics)).toEqual([
      { name: 'cases', topics: ['sagsspor.referrals.events.v1'] },
      { name: 'police-video-interviews', topics: ['sagsspor.inbound.police.video-interviews.v1'] },
    ]);
  });

  it('reads a name and topics given as constants of the same file', () => {
    const source = `export const liveConsumerName = 'projections';
      export const projectedTopics = [Topics.referralsEvents, Topics.caseLifecycleEvents];
      ServiceInfrastructureModule.forRoot({ consumers: [{ name: liveConsumerName, topics: projectedTopics, handlers: ProjectionsKafkaController }] })`;
    expect(consumerRegistrationsIn(source, topics)).toEqual([{ name: 'projections', topics: ['sagsspor.referrals.events.v1', 'sagsspor.case-lifecycle.events.v1'] }]);
  });

  it('finds none in a service without consumers', () => {
    expect(consumerRegistrationsIn('ServiceInfrastructureModule.forRoot({ config, logger, migrations: [] })', topics)).toEqual([]);
  });

  it('refuses topics it cannot read, rather than checking nothing', () => {
    expect(() => consumerRegistrationsIn("consumers: [{ name: 'x', topics: topicsFromSettings(), handlers: H }]", topics)).toThrow(/cannot read/);
  });

  it('refuses a list of registrations built elsewhere', () => {
    expect(() => consumerRegistrationsIn('consumers: [...registrations]', topics)).toThrow(/cannot read/);
  });

  it('refuses a topic constant the contracts do not have', () => {
    expect(() => consumerRegistrationsIn("consumers: [{ name: 'x', topics: [Topics.unknownEvents] }]", topics)).toThrow('unknown topic constant Topics.unknownEvents');
  });
});
