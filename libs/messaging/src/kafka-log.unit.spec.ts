import { logLevel } from 'kafkajs';
import { KAFKA_WARM_UP_MS, kafkaLogCreator, kafkaLogLeveller } from './kafka-log';

// The lines below are kafkajs's own, as the services logged them on a first start against a fresh
// broker (issue 20): each was an error-level line although kafkajs retried and recovered.
const group = 'ns.sagsspor-sector-coordination-known-cases';
const warmUp = {
  notHosted: ['Response Metadata(key: 3, version: 6)', { error: 'This server does not host this topic-partition', correlationId: 5 }],
  coordinatorLoading: ['Response InitProducerId(key: 22, version: 1)', { error: "The coordinator is loading and hence can't process requests for this group" }],
  noCoordinator: ['Response GroupCoordinator(key: 10, version: 2)', { error: 'The group coordinator is not available' }],
  leaderElection: ['Response Produce(key: 0, version: 7)', { error: 'There is no leader for this topic-partition as we are in the middle of a leadership election' }],
  crash: ["Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group", { groupId: group }],
  restart: ['Restarting the consumer in 300ms', { groupId: group, retryTime: 300 }],
  rebalance: ['The group is rebalancing, re-joining', { groupId: group, error: 'The group is rebalancing, so a rejoin is needed' }],
} as const;

describe('kafkaLogLeveller: the broker warming up is not an error, real problems are', () => {
  const at = (ms: number) => kafkaLogLeveller(0, () => ms);

  it.each(Object.entries(warmUp))('takes %s down to info while the client is young', (_, [message, fields]) => {
    const levelOf = at(5_000);
    if (message.startsWith('Restarting')) levelOf(logLevel.ERROR, warmUp.crash[0], warmUp.crash[1]);
    expect(levelOf(logLevel.ERROR, message, { ...fields })).toBe('info');
  });

  it('logs the same conditions at warn once the warm-up is over (a broker restarting under a running service), never at error', () => {
    const levelOf = at(KAFKA_WARM_UP_MS + 1);
    expect(levelOf(logLevel.ERROR, warmUp.notHosted[0], { ...warmUp.notHosted[1] })).toBe('warn');
    expect(levelOf(logLevel.ERROR, warmUp.crash[0], { ...warmUp.crash[1] })).toBe('warn');
    expect(levelOf(logLevel.ERROR, warmUp.restart[0], { ...warmUp.restart[1] })).toBe('warn');
  });

  it('keeps real problems at error, also during the warm-up', () => {
    const levelOf = at(1_000);
    expect(levelOf(logLevel.ERROR, 'Response SaslAuthenticate(key: 36, version: 1)', { error: 'Request is not valid given the current SASL state' })).toBe('error');
    expect(levelOf(logLevel.ERROR, 'Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED 127.0.0.1:9092', {})).toBe('error');
    expect(levelOf(logLevel.ERROR, 'Response Produce(key: 0, version: 7)', { error: 'The request included a message larger than the max message size the server will accept' })).toBe('error');
    expect(levelOf(logLevel.ERROR, 'Crash: KafkaJSNonRetriableError: Topic authorization failed', { groupId: group })).toBe('error');
  });

  it('keeps the restart after a crash for a real problem at error, and takes the one after a warm-up crash down, per group', () => {
    const levelOf = at(1_000);
    levelOf(logLevel.ERROR, 'Crash: KafkaJSConnectionError: Connection timeout', { groupId: 'a' });
    levelOf(logLevel.ERROR, warmUp.crash[0], { groupId: 'b' });
    expect(levelOf(logLevel.ERROR, 'Restarting the consumer in 300ms', { groupId: 'a' })).toBe('error');
    expect(levelOf(logLevel.ERROR, 'Restarting the consumer in 300ms', { groupId: 'b' })).toBe('info');
  });

  it('drops the warnings Sagsspor chose (bounded idempotent retries, the v2 partitioner) and kafkajs info and debug lines', () => {
    const levelOf = at(1_000);
    expect(levelOf(logLevel.WARN, 'Limiting retries for the idempotent producer to Number.MAX_SAFE_INTEGER', {})).toBe('drop');
    expect(levelOf(logLevel.WARN, 'KafkaJS v2.0.0 switched default partitioner. To retain the same partitioning behavior ...', {})).toBe('drop');
    expect(levelOf(logLevel.INFO, 'Starting', { groupId: group })).toBe('drop');
    expect(levelOf(logLevel.WARN, 'Consumer group received unsubscribed topics', { groupId: group })).toBe('warn');
  });
});

describe('kafkaLogCreator', () => {
  it('writes each line once, at the decided level, with kafkajs\'s fields but not its timestamp and logger name', () => {
    const lines: [string, string, Record<string, unknown> | undefined][] = [];
    const logger = {
      info: (m: string, f?: Record<string, unknown>) => void lines.push(['info', m, f]),
      warn: (m: string, f?: Record<string, unknown>) => void lines.push(['warn', m, f]),
      error: (m: string, f?: Record<string, unknown>) => void lines.push(['error', m, f]),
    };
    const write = kafkaLogCreator(logger, () => 0)();
    write({ level: logLevel.ERROR, log: { message: warmUp.notHosted[0], timestamp: 'x', logger: 'kafkajs', ...warmUp.notHosted[1] } });
    write({ level: logLevel.ERROR, log: { message: 'Response Produce(key: 0, version: 7)', timestamp: 'x', error: 'Broker: Message too large' } });
    expect(lines).toEqual([
      ['info', `kafkajs: ${warmUp.notHosted[0]}`, { error: 'This server does not host this topic-partition', correlationId: 5 }],
      ['error', 'kafkajs: Response Produce(key: 0, version: 7)', { error: 'Broker: Message too large' }],
    ]);
  });
});
