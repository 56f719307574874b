import { ConfigResourceTypes } from 'kafkajs';
import { deadLetterTopicOf, topicDeclarations, Topics } from '@sagsspor/contracts';
import { uniqueNamespace } from '@sagsspor/testing';
import { createKafka, declaredTopicSpecs, describeTopicSettings, ensureTopics, qualifiedTopic } from './kafka-config';

// ADR 0097: every topic is declared once (libs/contracts topicDeclarations) and a service applies
// the declaration at start. Read back from the broker: partitions, retention and cleanup policy.
describe('topics as declared, on real Kafka', () => {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'topic-declarations-test' });
  const admin = kafka.admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  /** What the broker says a topic is: partitions and the declared settings. */
  const asBrokerHasIt = async (names: string[]) => {
    const settings = await describeTopicSettings(admin, names);
    const { topics } = await admin.fetchTopicMetadata({ topics: names });
    return names.map((name) => {
      const value = (setting: string) => settings.get(name)?.find((s) => s.name === setting)?.value;
      return { name, partitions: topics.find((t) => t.name === name)?.partitions.length, retentionMs: value('retention.ms'), cleanupPolicy: value('cleanup.policy'), retentionBytes: value('retention.bytes') };
    });
  };

  it('creates every declared topic with its partitions, retention and cleanup policy', async () => {
    const settings = { topicNamespace: uniqueNamespace('declared-topics') };
    const ensured = await ensureTopics(kafka, declaredTopicSpecs(settings, Object.values(Topics)));
    expect(ensured.created.sort()).toEqual(topicDeclarations.map((d) => qualifiedTopic(settings, d.name)).sort());
    expect(ensured.otherPartitions).toEqual([]);
    const names = topicDeclarations.map((d) => qualifiedTopic(settings, d.name));
    expect(await asBrokerHasIt(names)).toEqual(
      topicDeclarations.map((d) => ({ name: qualifiedTopic(settings, d.name), partitions: d.partitions, retentionMs: String(d.retentionMs), cleanupPolicy: d.cleanupPolicy, retentionBytes: '-1' })),
    );
    // The promise of ADR 0081, spelled out: the inbound police topic 7 days, its dead letters 30.
    const [inbound, inboundDlq] = await asBrokerHasIt([Topics.inboundPoliceVideoInterviews, deadLetterTopicOf(Topics.inboundPoliceVideoInterviews)].map((t) => qualifiedTopic(settings, t)));
    expect([inbound.retentionMs, inboundDlq.retentionMs]).toEqual(['604800000', '2592000000']);
  });

  it('sets the declared retention on a topic that already exists with the broker\'s (keep everything), keeps its other settings, and leaves its partitions', async () => {
    const settings = { topicNamespace: uniqueNamespace('undeclared-topics') };
    const inbound = qualifiedTopic(settings, Topics.inboundPoliceVideoInterviews);
    // As the broker auto-creates it when a police system produces before sector-coordination ever started.
    await ensureTopics(kafka, [{ name: inbound, partitions: 3, config: { 'max.message.bytes': '2000000' } }]);
    const ensured = await ensureTopics(kafka, declaredTopicSpecs(settings, [Topics.inboundPoliceVideoInterviews]));
    expect(ensured.reconfigured).toEqual([{ name: inbound, was: { 'cleanup.policy': 'delete', 'retention.ms': expect.not.stringMatching(/^604800000$/), 'retention.bytes': '-1' } }]);
    expect(ensured.otherPartitions).toEqual([{ name: inbound, partitions: 3, declared: 12 }]);
    const [after] = await asBrokerHasIt([inbound]);
    expect(after).toMatchObject({ partitions: 3, retentionMs: '604800000', cleanupPolicy: 'delete' });
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: inbound, configNames: ['max.message.bytes'] }] });
    expect(resources[0].configEntries[0].configValue).toBe('2000000');
    // Started again, nothing differs: nothing is set.
    expect((await ensureTopics(kafka, declaredTopicSpecs(settings, [Topics.inboundPoliceVideoInterviews]))).reconfigured).toEqual([]);
  });
});
