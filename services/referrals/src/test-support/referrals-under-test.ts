import { type IntegrationEvent, Topics } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import type { RecordedEvent } from '@sagsspor/event-store';
import { createKafka, fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { type HttpAnswer, readAllMessages, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import type { KafkaMessage } from 'kafkajs';
import { ReferralsModule } from '../app.module';
import { toPublicEvents } from '../public-events';
import { defaultReferralsSettings, type ReferralsSettings } from '../settings';

/** The referrals service in-process on a fresh database and topic namespace (see startServiceUnderTest). */
export function startReferrals(label: string, options: { clock?: Clock; settings?: Partial<ReferralsSettings> } = {}): Promise<ServiceUnderTest> {
  const settings = { ...defaultReferralsSettings, ...options.settings };
  return startServiceUnderTest({ serviceName: 'referrals', label, clock: options.clock, moduleFor: (c, l, o) => ReferralsModule.forRoot(c, l, o, settings) });
}

/** How many events the service has stored (in one stream, or in all). */
export async function eventCount(service: ServiceUnderTest, streamId?: string): Promise<number> {
  const [row] = await service.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE $1::text IS NULL OR stream_id = $1`, [streamId ?? null]);
  return row.n;
}

/** The internal event types of a stream, in order. */
export async function eventTypes(service: ServiceUnderTest, streamId: string): Promise<string[]> {
  const rows: { event_type: string }[] = await service.dataSource.query(`SELECT event_type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
  return rows.map((r) => r.event_type);
}

/** Waits until the relay has published every stored event, then reads them all back from Kafka. */
export async function publishedMessages(service: ServiceUnderTest): Promise<KafkaMessage[]> {
  await waitFor(
    () =>
      service.dataSource.query(
        `SELECT coalesce((SELECT max(global_position) FROM events), 0) <= coalesce((SELECT max(global_position) FROM relay_checkpoints), 0) AS done`,
      ),
    (rows: { done: boolean }[]) => rows[0].done,
    { what: 'the relay to publish every event' },
  );
  const stored: RecordedEvent[] = (
    await service.dataSource.query(`SELECT global_position, stream_id, event_id, event_type, data, metadata, recorded_at FROM events ORDER BY global_position`)
  ).map((r: { stream_id: string; event_type: string; data: object }) => ({ streamId: r.stream_id, type: r.event_type, data: r.data }) as RecordedEvent);
  const expected = stored.flatMap((e) => toPublicEvents(e)).length;
  const kafka = createKafka({ ...service.config.kafka, clientId: `${service.namespace}-probe` });
  return readAllMessages(kafka, qualifiedTopic(service.config.kafka, Topics.referralsEvents), expected);
}

/** The published integration events, decoded from their CloudEvents envelopes. */
export async function publishedEvents(service: ServiceUnderTest): Promise<IntegrationEvent[]> {
  return (await publishedMessages(service)).map(fromKafkaMessage);
}

/** A retry answers as the first request did: same status, same body. */
export function expectSameAnswer(retry: HttpAnswer, first: HttpAnswer): void {
  expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
}
