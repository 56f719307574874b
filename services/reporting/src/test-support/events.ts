import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '@sagsspor/calendar';
import { CaseClosedV1, CaseClosureCorrectedV1, CaseOpenedV1, definitionOf, type IntegrationEvent, type IntegrationEventDefinition } from '@sagsspor/contracts';
import { createKafka, qualifiedTopic, toKafkaMessage } from '@sagsspor/messaging';
import type { ServiceUnderTest } from '@sagsspor/service-testing';

export function integrationEvent<T>(definition: IntegrationEventDefinition<T>, data: T, id: string = randomUUID()): IntegrationEvent<T> {
  return { id, type: definition.type, source: definition.source, time: new Date().toISOString(), data };
}

/** Publishes events to the service's namespaced contract topics, as the other services' relays would. */
export async function publish(service: ServiceUnderTest, events: IntegrationEvent[]): Promise<void> {
  const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'reporting-test-publisher' });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const byTopic = new Map<string, IntegrationEvent[]>();
    for (const e of events) {
      const topic = qualifiedTopic(service.config.kafka, definitionOf(e.type)!.topic);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
    }
    for (const [topic, list] of byTopic) {
      for (let i = 0; i < list.length; i += 500) {
        await producer.send({ topic, acks: -1, messages: list.slice(i, i + 500).map((e) => toKafkaMessage({ ...e, partitionKey: keyOf(e) })) });
      }
    }
  } finally {
    await producer.disconnect();
  }
}

const keyOf = (e: IntegrationEvent) => {
  const d = e.data as Record<string, string>;
  return d.caseId ?? d.referralId ?? d.interviewId ?? d.gapId ?? d.consultationId ?? d.underretningId ?? e.id;
};

const childRef = (n: number) => n.toString(16).padStart(64, '0');

export interface CaseSpec {
  caseId?: string;
  municipalityCode: string;
  houseCode: 'midt' | 'nord' | 'syd' | 'hovedstaden' | 'sjaelland';
  referredAt: string;
  openedAt: string;
  closedAt?: string;
  child?: number;
  childSex?: 'female' | 'male';
  childAgeYears?: number;
  abuseTypes?: ('violence' | 'sexual' | 'psychological')[];
  municipalityAwareAt?: string;
}

let children = 0;

/** The opening and (when closedAt is given) the closing event of a case. */
export function caseEvents(spec: CaseSpec): IntegrationEvent[] {
  const caseId = spec.caseId ?? randomUUID();
  const intake = {
    caseId,
    referralId: `REF-${caseId.slice(0, 8)}`,
    childRef: childRef(spec.child ?? ++children),
    childSex: spec.childSex ?? 'female',
    childAgeYears: spec.childAgeYears ?? 9,
    municipalityCode: spec.municipalityCode,
    houseCode: spec.houseCode,
    caseKind: 'abuse' as const,
    abuseTypes: spec.abuseTypes ?? ['violence'],
    referredAt: spec.referredAt,
    municipalityAwareAt: spec.municipalityAwareAt ?? addDays(spec.referredAt, -5),
    openedAt: spec.openedAt,
  };
  const events: IntegrationEvent[] = [integrationEvent(CaseOpenedV1, intake)];
  if (spec.closedAt) events.push(integrationEvent(CaseClosedV1, { ...intake, closedAt: spec.closedAt, outcome: 'completed', leadTimeDays: daysBetween(spec.openedAt, spec.closedAt), revision: 1 }));
  return events;
}

/** A correction of a closed case's closing date (the next revision). */
export function closureCorrection(closed: IntegrationEvent, closedAt: string, revision = 2): IntegrationEvent {
  const d = closed.data as CaseClosedV1;
  return integrationEvent(CaseClosureCorrectedV1, { ...d, closedAt, leadTimeDays: daysBetween(d.openedAt, closedAt), revision });
}
