import type { ITopicMetadata } from 'kafkajs';
import { untilEveryPartitionHasALeader } from './kafka-config';

// A service that finds its topics created by another service starting at the same moment must
// not subscribe before the broker serves them: it waits for a leader on every partition.
describe('untilEveryPartitionHasALeader', () => {
  const served = (name: string): ITopicMetadata => ({ name, partitions: [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 })) });
  const leaderless = (name: string): ITopicMetadata => ({ name, partitions: [{ partitionId: 0, leader: -1, replicas: [1], isr: [], partitionErrorCode: 5 }] });
  const unknownTopic = Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });

  it('asks again while the broker does not know the topic yet or a partition has no leader, and returns once all are served', async () => {
    const answers: (() => ITopicMetadata[])[] = [
      () => {
        throw unknownTopic;
      },
      () => [served('a'), leaderless('b')],
      () => [served('a'), { name: 'b', partitions: [] }],
      () => [served('a'), served('b')],
    ];
    const asked: string[][] = [];
    const admin = {
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        asked.push(topics);
        return { topics: answers[asked.length - 1]() };
      },
    };
    await untilEveryPartitionHasALeader(admin, ['a', 'b'], 10_000);
    expect(asked).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['a', 'b']]);
  });

  it('gives up after its timeout, naming the topics still without a leader', async () => {
    const admin = { fetchTopicMetadata: async () => ({ topics: [served('a'), leaderless('b')] }) };
    await expect(untilEveryPartitionHasALeader(admin, ['a', 'b'], 600)).rejects.toThrow('Kafka topics not ready after 600 ms: no leader yet for b');
  });

  it('reports the last error when the broker never answered with metadata', async () => {
    const admin = {
      fetchTopicMetadata: async (): Promise<{ topics: ITopicMetadata[] }> => {
        throw unknownTopic;
      },
    };
    await expect(untilEveryPartitionHasALeader(admin, ['a'], 600)).rejects.toThrow('Kafka topics not ready after 600 ms: This server does not host this topic-partition');
  });
});
