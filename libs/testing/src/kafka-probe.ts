import type { Kafka, KafkaMessage } from 'kafkajs';

/** Reads the messages of a topic from the beginning, for assertions (a fresh group each time). */
export async function readAllMessages(kafka: Kafka, topic: string, expected: number, timeoutMs = 30000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `probe-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
      if (messages.length >= expected) resolveDone();
    },
  });
  await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
  // A short grace period to catch messages beyond the expected count.
  await new Promise((r) => setTimeout(r, 500));
  await consumer.disconnect();
  return messages;
}
