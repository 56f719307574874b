import { randomUUID } from 'node:crypto';
import { CaseClosedV1, type CaseClosedV1 as CaseClosed, CaseOpenedV1, type CaseIntakeV1, Topics } from '@sagsspor/contracts';
import { createKafka, qualifiedTopic, toKafkaMessage } from '@sagsspor/messaging';
import type { ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import type { Producer } from 'kafkajs';

/** Plays case-lifecycle in a test: publishes its case events on the test's namespaced topic. */
export async function caseLifecycleFor(service: ServiceUnderTest) {
  const producer: Producer = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'fake-case-lifecycle' }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const topic = qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents);
  const publish = (definition: typeof CaseOpenedV1 | typeof CaseClosedV1, data: CaseIntakeV1 | CaseClosed) =>
    producer.send({
      topic,
      acks: -1,
      messages: [toKafkaMessage({ id: randomUUID(), type: definition.type, source: definition.source, time: new Date().toISOString(), partitionKey: `case-${data.caseId}`, subject: `case-${data.caseId}`, data })],
    });
  const knownCase = (caseId: string) => service.dataSource.query(`SELECT opened_at::text AS opened_at, closed_at::text AS closed_at FROM known_cases WHERE case_id = $1`, [caseId]);
  return {
    intake: (caseId: string, changes: Partial<CaseIntakeV1> = {}): CaseIntakeV1 => ({ ...CaseOpenedV1.example, caseId, ...changes }),
    open: async (intake: CaseIntakeV1) => {
      await publish(CaseOpenedV1, intake);
      await waitFor(() => knownCase(intake.caseId), (rows) => rows.length === 1, { what: `case ${intake.caseId} to be known` });
    },
    close: async (intake: CaseIntakeV1, closedAt: string, revision = 1) => {
      await publish(CaseClosedV1, { ...intake, closedAt, outcome: 'completed', leadTimeDays: 30, revision });
      await waitFor(() => knownCase(intake.caseId), (rows) => rows[0]?.closed_at === closedAt, { what: `case ${intake.caseId} to be known as closed` });
    },
    stop: () => producer.disconnect(),
  };
}
