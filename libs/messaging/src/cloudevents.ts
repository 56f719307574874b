import type { IntegrationEvent } from '@sagsspor/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the attributes travel as
 * `ce_*` headers, the data as the message value, the partition key as the message key.
 */
export interface OutgoingCloudEvent {
  id: string;
  type: string;
  source: string;
  subject?: string;
  time: string;
  partitionKey: string;
  data: unknown;
  traceparent?: string;
}

export function toKafkaMessage(event: OutgoingCloudEvent): Message {
  const headers: IHeaders = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    'content-type': 'application/json',
  };
  if (event.subject) headers.ce_subject = event.subject;
  if (event.traceparent) headers.traceparent = event.traceparent;
  return { key: event.partitionKey, value: JSON.stringify(event.data), headers };
}

/** A message that is not a well-formed CloudEvent: never retried, straight to the DLQ. */
export class MalformedMessageError extends Error {
  readonly code = 'MESSAGING.MALFORMED_MESSAGE';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

export function fromKafkaMessage(message: KafkaMessage): IntegrationEvent {
  const h = (name: string) => headerText(message.headers, name);
  const missing = ['ce_specversion', 'ce_id', 'ce_type', 'ce_source'].filter((n) => !h(n));
  if (missing.length > 0) throw new MalformedMessageError(`not a CloudEvent: missing header(s) ${missing.join(', ')}`);
  if (h('ce_specversion') !== '1.0') throw new MalformedMessageError(`unsupported CloudEvents specversion '${h('ce_specversion')}'`);
  const contentType = h('content-type') ?? 'application/json';
  if (!contentType.startsWith('application/json')) throw new MalformedMessageError(`unsupported content-type '${contentType}'`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    // JSON.parse's message quotes the input, which may hold personal data: keep only the position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new MalformedMessageError(`value is not valid JSON${position ? ` (at position ${position})` : ''}`);
  }
  return {
    id: h('ce_id')!,
    type: h('ce_type')!,
    source: h('ce_source')!,
    subject: h('ce_subject'),
    time: h('ce_time') ?? new Date(Number(message.timestamp)).toISOString(),
    data,
    traceparent: h('traceparent'),
  };
}
