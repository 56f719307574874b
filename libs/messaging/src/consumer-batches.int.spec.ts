import { deadLetterTopicOf, ExaminationPerformedV1, Topics } from '@sagsspor/contracts';
import { migratedTestDataSource, readAllMessages, uniqueNamespace, waitFor } from '@sagsspor/testing';
import fc from 'fast-check';
import type { Kafka, Producer } from 'kafkajs';
import { toKafkaMessage } from './cloudevents';
import { InboxConsumer } from './consumer';
import { createKafka, ensureTopics, qualifiedTopic } from './kafka-config';
import { MessagingSchema1763900000001 } from './schema.migration';

// A Kafka batch is handled in one transaction, and taken apart when that fails. Whatever the
// batches, the effect must be the one of handling each message alone, in partition order: every
// event once, a poison message dead-lettered alone, its batch-mates applied. The handler's effect
// depends on order (value × 3 + n), so a reordering or a double application would show.

type Operation = { id: number; account: 'a' | 'b' | 'c'; n: number; poison: boolean };

const operations = fc
  .array(fc.record({ account: fc.constantFrom('a' as const, 'b' as const, 'c' as const), n: fc.integer({ min: 1, max: 9 }), poison: fc.integer({ min: 0, max: 7 }).map((x) => x === 0), repeat: fc.integer({ min: 0, max: 4 }).map((x) => x === 0) }), { minLength: 1, maxLength: 60 })
  .map((drawn) => {
    const sent: Operation[] = [];
    drawn.forEach(({ account, n, poison, repeat }, i) => sent.push(repeat && sent.length > 0 ? sent[sent.length - 1] : { id: i, account, n, poison }));
    return sent;
  });

/** Each message alone, in order: the first delivery of an id counts, poison never does. */
function oneByOne(sent: readonly Operation[]): Record<string, string> {
  const seen = new Set<number>();
  const ledger: Record<string, bigint> = {};
  for (const op of sent) {
    if (seen.has(op.id)) continue;
    seen.add(op.id);
    if (!op.poison) ledger[op.account] = (ledger[op.account] ?? 0n) * 3n + BigInt(op.n);
  }
  return Object.fromEntries(Object.entries(ledger).map(([k, v]) => [k, v.toString()]));
}

const eventId = (run: number, op: Operation) => `${String(run).padStart(8, '0')}-0000-4000-8000-${String(op.id).padStart(12, '0')}`;
const examinationId = (op: Operation) => `${op.poison ? 'poison' : 'acct'}-${op.account}-n${op.n}-m${op.id}`;

describe('InboxConsumer batches on real Kafka and PostgreSQL: a batch has the effect of its messages one by one', () => {
  let db: Awaited<ReturnType<typeof migratedTestDataSource>>;
  let kafka: Kafka;
  let producer: Producer;
  let run = 0;

  beforeAll(async () => {
    db = await migratedTestDataSource('consumer_batches', [MessagingSchema1763900000001]);
    await db.dataSource.query('CREATE TABLE ledger (run int, account text, value numeric NOT NULL, PRIMARY KEY (run, account))');
    kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'consumer-batches-test' });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await db.close();
  });

  async function consume(sent: readonly Operation[]): Promise<{ ledger: Record<string, string>; deadLetterIds: string[]; transactions: number }> {
    run += 1;
    const settings = { topicNamespace: uniqueNamespace(`batches-${run}`) };
    const topic = qualifiedTopic(settings, Topics.sectorCoordinationEvents);
    await ensureTopics(kafka, [topic, deadLetterTopicOf(topic)].map((name) => ({ name, partitions: 1 })));
    // All of it in one produce request, so the consumer gets it as one batch (or a few).
    const last = { id: 1_000_000, account: 'a' as const, n: 0, poison: false };
    await producer.send({
      topic,
      messages: [...sent, last].map((op) =>
        toKafkaMessage({ id: eventId(run, op), type: ExaminationPerformedV1.type, source: ExaminationPerformedV1.source, time: '2025-01-02T10:00:00Z', partitionKey: 'one', data: { examinationId: examinationId(op), caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', kind: 'forensic', performedAt: '2025-01-02' } }),
      ),
    });
    const thisRun = run;
    const consumer = new InboxConsumer({
      groupId: `batches-${thisRun}`,
      topics: [Topics.sectorCoordinationEvents],
      kafka,
      settings,
      dataSource: db.dataSource,
      maxAttempts: 2,
      handlers: {
        [ExaminationPerformedV1.type]: async (event, { manager }) => {
          const [kind, account, n] = (event.data as { examinationId: string }).examinationId.split('-');
          if (Number(n.slice(1)) === 0) return;
          await manager.query(
            `INSERT INTO ledger (run, account, value) VALUES ($1, $2, $3) ON CONFLICT (run, account) DO UPDATE SET value = ledger.value * 3 + EXCLUDED.value`,
            [thisRun, account, Number(n.slice(1))],
          );
          if (kind === 'poison') throw new Error('this one always fails');
        },
      },
    });
    await consumer.start();
    try {
      const handledLast = async () => (await db.dataSource.query('SELECT 1 FROM inbox WHERE consumer_group = $1 AND event_id = $2', [`batches-${thisRun}`, eventId(thisRun, last)])).length;
      await waitFor(handledLast, (found) => found === 1, { what: 'the last message of the run', timeoutMs: 60000 });
    } finally {
      await consumer.stop();
    }
    const rows: { account: string; value: string }[] = await db.dataSource.query('SELECT account, value::text AS value FROM ledger WHERE run = $1', [thisRun]);
    // Rows written by one transaction share its xmin: the number of inbox transactions of the run.
    const [{ transactions }] = await db.dataSource.query('SELECT count(DISTINCT xmin::text)::int AS transactions FROM inbox WHERE consumer_group = $1', [`batches-${thisRun}`]);
    const poisoned = sent.filter((op) => op.poison).length;
    const dead = poisoned === 0 ? [] : await readAllMessages(kafka, deadLetterTopicOf(topic), poisoned);
    return { ledger: Object.fromEntries(rows.map((r) => [r.account, r.value])), deadLetterIds: dead.map((m) => m.headers!.ce_id!.toString()).sort(), transactions };
  }

  it('gives the one-by-one ledger, and dead-letters each poison delivery alone, whatever the mix', async () => {
    await fc.assert(
      fc.asyncProperty(operations, async (sent) => {
        const { ledger, deadLetterIds } = await consume(sent);
        expect(ledger).toEqual(oneByOne(sent));
        // Every delivery of a poison message fails alone (its inbox row never commits, so a redelivery is tried again).
        expect(deadLetterIds).toEqual(sent.filter((op) => op.poison).map((op) => eventId(run, op)).sort());
      }),
      { numRuns: 6 },
    );
  }, 300000);

  it('handles a batch of 200 messages in a few transactions, not one per message', async () => {
    const sent: Operation[] = Array.from({ length: 200 }, (_, i) => ({ id: i, account: (['a', 'b', 'c'] as const)[i % 3], n: 1 + (i % 9), poison: false }));
    const { ledger, transactions } = await consume(sent);
    expect(ledger).toEqual(oneByOne(sent));
    expect(transactions).toBeLessThanOrEqual(10); // 201 messages; one by one they would be 201
  }, 120000);
});
