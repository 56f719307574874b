import { randomUUID } from 'node:crypto';
import type { IntegrationEventDefinition, ReferralAcceptedV1 } from '@sagsspor/contracts';
import { ReferralAcceptedV1 as ReferralAccepted } from '@sagsspor/contracts';
import type { Clock } from '@sagsspor/domain';
import { createKafka, qualifiedTopic, toKafkaMessage } from '@sagsspor/messaging';
import { type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import type { Producer } from 'kafkajs';
import { CaseLifecycleModule } from '../app.module';
import type { CaseLifecycleSettings } from '../settings';

export function startCaseLifecycle(label: string, options: { clock?: Clock; settings?: CaseLifecycleSettings } = {}): Promise<ServiceUnderTest> {
  const settings = options.settings ?? { deadlineWarningDays: 14 };
  return startServiceUnderTest({ serviceName: 'case-lifecycle', label, clock: options.clock, moduleFor: (c, l, o) => CaseLifecycleModule.forRoot(c, l, o, settings) });
}

/** A Kafka producer that puts contract events on the service's namespaced topics, as the other services' relays do. */
export async function eventPublisher(service: ServiceUnderTest) {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'case-lifecycle-int' });
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    kafka,
    /** Publishes `data` as `definition` (CloudEvents binary mode); returns the CloudEvents id used. */
    publish: async <T>(definition: IntegrationEventDefinition<T>, data: T, options: { id?: string; key?: string } = {}): Promise<string> => {
      const id = options.id ?? randomUUID();
      const message = toKafkaMessage({ id, type: definition.type, source: definition.source, time: new Date().toISOString(), partitionKey: options.key ?? id, data });
      await producer.send({ topic: qualifiedTopic(service.config.kafka, definition.topic), acks: -1, messages: [message] });
      return id;
    },
    disconnect: () => producer.disconnect(),
  };
}

let childCounter = 0;
/** A childRef of its own for each scenario (64 hex digits). */
export function newChildRef(): string {
  childCounter++;
  return `${randomUUID().replace(/-/g, '')}${childCounter.toString(16).padStart(32, '0')}`.slice(0, 64);
}

/** ReferralAcceptedV1 from the contract's example, with a case and child of its own. */
export function referralAccepted(over: Partial<ReferralAcceptedV1> = {}): ReferralAcceptedV1 {
  const { underretningId: _u, ...example } = ReferralAccepted.example;
  return { ...example, caseId: randomUUID(), referralId: `INT-HEN-${randomUUID().slice(0, 8)}`, childRef: newChildRef(), ...over };
}

/** The internal events of a case's stream, in order. */
export async function caseEvents(service: ServiceUnderTest, caseId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows: { event_type: string; data: Record<string, unknown> }[] = await service.dataSource.query(`SELECT event_type, data FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`case-${caseId}`]);
  return rows.map((r) => ({ type: r.event_type, data: r.data }));
}

export function waitForCaseEvent(service: ServiceUnderTest, caseId: string, done: (events: { type: string; data: Record<string, unknown> }[]) => boolean, what: string) {
  return waitFor(() => caseEvents(service, caseId), done, { timeoutMs: 30000, what });
}
