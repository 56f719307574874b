import type { ITopicMetadata } from 'kafkajs';
import { settingsToApply, untilEveryPartitionHasALeader } from './kafka-config';

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

// AlterConfigs replaces a topic's own settings as a whole: the declared ones are set, the topic's
// other own settings sent again unchanged, and nothing is sent when the topic is as declared.
describe('settingsToApply', () => {
  const declared = { 'cleanup.policy': 'delete', 'retention.ms': '604800000', 'retention.bytes': '-1' };

  it('sends nothing when the topic already has the declared settings, wherever they come from', () => {
    const described = [
      { name: 'cleanup.policy', value: 'delete', ownSetting: false },
      { name: 'retention.ms', value: '604800000', ownSetting: true },
      { name: 'retention.bytes', value: '-1', ownSetting: false },
      { name: 'segment.bytes', value: '1073741824', ownSetting: false },
    ];
    expect(settingsToApply(declared, described)).toBeUndefined();
  });

  it('sets a retention that differs (an auto-created topic keeping everything), keeping the topic\'s other own settings', () => {
    const described = [
      { name: 'cleanup.policy', value: 'delete', ownSetting: false },
      { name: 'retention.ms', value: '-1', ownSetting: false },
      { name: 'retention.bytes', value: '-1', ownSetting: false },
      { name: 'max.message.bytes', value: '2000000', ownSetting: true },
      { name: 'segment.bytes', value: '1073741824', ownSetting: false },
    ];
    expect(settingsToApply(declared, described)).toEqual({ 'max.message.bytes': '2000000', ...declared });
  });
});
