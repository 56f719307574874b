import { uniqueNamespace } from '@sagsspor/testing';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';

describe('ensureTopics on real Kafka', () => {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'ensure-topics-test' });

  it('four services racing to create the same topics each return only once every partition has a leader, and can subscribe at once', async () => {
    const namespace = uniqueNamespace('topics-race');
    const topics = Array.from({ length: 12 }, (_, i) => qualifiedTopic({ topicNamespace: namespace }, `race-${i}`));

    // Like four services starting together: some create, the others find the topics being created.
    await Promise.all([0, 1, 2, 3].map(() => ensureTopics(kafka, topics.map((name) => ({ name, partitions: 3 })))));

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      expect(metadata.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort()).toEqual(topics.map((t) => [t, 3, true]).sort());
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({ groupId: `${namespace}.group` });
    await consumer.connect();
    try {
      await expect(consumer.subscribe({ topics, fromBeginning: true })).resolves.toBeUndefined();
    } finally {
      await consumer.disconnect();
    }
  });
});
