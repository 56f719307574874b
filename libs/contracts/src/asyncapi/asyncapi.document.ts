// The AsyncAPI 3.0 description of every Kafka topic, built from the contracts themselves (catalog,
// inbound messages, subscriptions), so the document cannot drift from the code: `npm run docs`
// writes docs/asyncapi.yaml and a unit test checks the file is current and valid.
import { inboundMessageCatalog, integrationEventCatalog } from '../catalog';
import type { IntegrationEventDefinition } from '../integration-event';
import { subscriptions } from '../subscriptions';
import { deadLetterTopicOf, productionTopicReplication, type TopicDeclaration, topicDeclarationOf, Topics } from '../topics';
import { supersededVersions, supersessionOf } from '../versions';

type Json = Record<string, unknown>;

const services = ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'] as const;
const camel = (text: string) => text.replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
const pascal = (text: string) => camel(text).replace(/^\w/, (c) => c.toUpperCase());
const channelId = (topic: string) => camel(topic.replace(/^sagsspor\./, '').replace(/\.v\d+$/, ''));
const messageId = (definition: IntegrationEventDefinition) => pascal(definition.type.replace(/^dk\.(sagsspor|politi)\./, '').replace(/\.v(\d+)$/, '-v$1').replace(/^[a-z-]+\./, ''));
/**
 * A channel's Kafka binding from the topic's one declaration (ADR 0097): partitions, production
 * replicas, retention and cleanup policy. Also the source the police document is checked against.
 */
export function kafkaChannelBinding(declaration: TopicDeclaration): Json {
  return {
    kafka: {
      partitions: declaration.partitions,
      replicas: productionTopicReplication.replicas,
      topicConfiguration: { 'cleanup.policy': [declaration.cleanupPolicy], 'retention.ms': declaration.retentionMs, 'retention.bytes': -1 },
      bindingVersion: '0.5.0',
    },
  };
}

/** The retention of a topic in words, for its channel's description. */
export function retentionInWords(declaration: TopicDeclaration): string {
  const kept = declaration.retentionMs < 0 ? 'Kept forever (retention.ms -1)' : `Messages are deleted after ${declaration.retentionMs / 86_400_000} days (retention.ms ${declaration.retentionMs})`;
  return `${kept}. ${declaration.retentionReason}`;
}
const ref = (path: string) => ({ $ref: path });

const cloudEventHeaders: Json = {
  type: 'object',
  description:
    'CloudEvents 1.0, Kafka protocol binding, binary content mode: the context attributes travel as Kafka headers, the event data is the message value (JSON). Written by toKafkaMessage in libs/messaging/src/cloudevents.ts.',
  required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      description:
        "The internal event's event_id (a uuid) from the producer's event store; when one internal event becomes several public events, the later ones get `<event_id>-<n>`. The same committed event always gets the same id, so a re-sent message is recognised by the consumers' inboxes.",
    },
    ce_type: { type: 'string', description: 'The integration event type; it carries the contract version (`...v1`).' },
    ce_source: { type: 'string', description: 'The producing service, `/sagsspor/<service>`.' },
    ce_time: { type: 'string', format: 'date-time', description: 'When the internal event was recorded in the event store (UTC, ISO 8601).' },
    ce_subject: {
      type: 'string',
      description:
        'The stream (aggregate) the event is about; the same value as the message key. Never personal data. For an id a caller gives it names the tenant too (`referral-751:AAR-HEN-2025-0042`, `video-interview-oestjylland:OJP-VA-2025-0815`, ADR 0095): the one string that identifies the resource platform-wide.',
    },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description: 'W3C trace context of what caused the event (the HTTP request, or the consumed event that led to it).',
    },
  },
};

const deadLetterHeaders: Json = {
  type: 'object',
  description:
    'Every header of the original message plus the dlq_* headers written by InboxConsumer (libs/messaging/src/consumer.ts). All header values are strings. The value and key are the original message\'s, byte for byte, unless it held a CPR number outside a CPR field: then each text holding one (in the key, a header or the value) is replaced by "[removed: held a CPR number]" and dlq_redacted is set (docs/data-protection.md).',
  required: ['dlq_error_code', 'dlq_error_message', 'dlq_original_topic', 'dlq_original_partition', 'dlq_original_offset', 'dlq_consumer_group', 'dlq_attempts', 'dlq_failed_at'],
  properties: {
    dlq_error_code: {
      type: 'string',
      description:
        'Stable, machine-readable code: MESSAGING.MALFORMED_MESSAGE (not a CloudEvent, unsupported content-type, value not JSON), MESSAGING.SCHEMA_VIOLATION (data does not match the contract schema), an INBOUND.* or domain code (e.g. INBOUND.INVALID_CPR, CASE.ALREADY_OPENED), or MESSAGING.HANDLER_FAILED.',
    },
    dlq_error_message: { type: 'string', maxLength: 2000, description: 'What was wrong, for a human: names the fields.' },
    dlq_original_topic: { type: 'string' },
    dlq_original_partition: { type: 'string', pattern: '^\\d+$' },
    dlq_original_offset: { type: 'string', pattern: '^\\d+$' },
    dlq_consumer_group: { type: 'string', description: 'The consumer group that gave up on the message.' },
    dlq_attempts: { type: 'string', pattern: '^\\d+$', description: 'How many times the handler ran (0 when the message could not be decoded).' },
    dlq_failed_at: { type: 'string', format: 'date-time' },
    dlq_redacted: { type: 'string', enum: ['cpr'], description: 'Set when CPR numbers were removed from the letter: it is not the message as sent, and is never replayed; the sender must send it again.' },
  },
  additionalProperties: { type: 'string' },
};

/** What the document says of a version that is superseded, or that supersedes one: the deprecation window (ADR 0013). */
function versionNotes(definition: IntegrationEventDefinition): Json {
  const old = supersessionOf(definition.type);
  if (old) {
    return {
      description: `**Deprecated**: superseded by \`${old.by.type}\`. The producer publishes both versions of each event until ${old.publishedUntil} (the deprecation window), then only the new one; move to it before then. The topic keeps this version forever, so a consumer that rebuilds reads both: read this one as the new one (libs/contracts \`inLatestVersion\`). ${old.reason}`,
      'x-sagsspor-deprecation': { supersededBy: old.by.type, publishedUntil: old.publishedUntil },
    };
  }
  const replaces = supersededVersions.filter((v) => v.by.type === definition.type);
  if (replaces.length === 0) return {};
  return {
    description: replaces
      .map((v) => `Replaces \`${v.superseded.type}\`, which the producer still publishes beside it, for the same fact and with the same \`ce_subject\`, until ${v.publishedUntil}. A consumer that reads both gets each fact twice (\`ce_id\` \`<id>\` and \`<id>-1\`) and must count it once. ${v.reason}`)
      .join('\n\n'),
  };
}

function message(definition: IntegrationEventDefinition, headers: Json): Json {
  return {
    name: definition.type,
    title: messageId(definition),
    summary: definition.description,
    ...versionNotes(definition),
    contentType: 'application/json',
    headers,
    payload: definition.schema,
    correlationId: { location: '$message.header#/ce_id' },
    bindings: { kafka: { key: { type: 'string', description: 'The stream id of the aggregate (keeps its events in order on one partition).' }, bindingVersion: '0.5.0' } },
    examples: [{ name: 'example', headers: { ce_specversion: '1.0', ce_id: '6c0f5d1e-2b7a-4c1d-9e8f-3a2b1c0d9e8f', ce_type: definition.type, ce_source: definition.source, ce_time: '2025-03-12T09:15:00.000Z', 'content-type': 'application/json' }, payload: definition.example }],
  };
}

export interface AsyncApiOptions {
  version: string;
}

/** The whole AsyncAPI document as a plain object (YAML-serialised by the caller). */
export function buildAsyncApiDocument({ version }: AsyncApiOptions): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = { DeadLetter: { name: 'dead-letter', title: 'Dead letter', summary: 'A message a consumer could not handle, with the reason.', contentType: 'application/json', headers: ref('#/components/schemas/DeadLetterHeaders') } };

  const topics = [...new Set([...integrationEventCatalog.map((d) => d.topic), Topics.inboundPoliceVideoInterviews])];
  for (const topic of topics) {
    const definitions = [...integrationEventCatalog, ...inboundMessageCatalog].filter((d) => d.topic === topic);
    const id = channelId(topic);
    const inbound = topic === Topics.inboundPoliceVideoInterviews;
    for (const d of definitions) messages[messageId(d)] = message(d, inbound ? ref('#/components/schemas/InboundCloudEventHeaders') : ref('#/components/schemas/CloudEventHeaders'));
    channels[id] = {
      address: topic,
      title: topic,
      description: inbound
        ? `Police video-interview systems put the interviews they conduct here (the same content as POST /v1/video-interviews, with the CPR encrypted). sector-coordination records each one; a later message with the same interviewId and policeDistrict corrects the earlier one (an interview id is unique within its police district, ADR 0095). Invalid messages go to the dead-letter topic with their reason; nothing is dropped silently. The integrator's guide to this topic, with the exact checks and examples, is docs/asyncapi-police-inbound.yaml. ${retentionInWords(topicDeclarationOf(topic))}`
        : `Public integration events of the ${topic.split('.')[1]} service, published by its relay from the service's event store in commit order. ${retentionInWords(topicDeclarationOf(topic))}`,
      messages: Object.fromEntries(definitions.map((d) => [camel(messageId(d)), ref(`#/components/messages/${messageId(d)}`)])),
      bindings: kafkaChannelBinding(topicDeclarationOf(topic)),
    };
    channels[`${id}Dlq`] = {
      address: deadLetterTopicOf(topic),
      title: deadLetterTopicOf(topic),
      description: `Dead letters of ${topic}: messages a consumer of that topic could not handle, with the reason in the headers. Replay procedure: docs/operations.md. ${retentionInWords(topicDeclarationOf(deadLetterTopicOf(topic)))}`,
      messages: { deadLetter: ref('#/components/messages/DeadLetter') },
      bindings: kafkaChannelBinding(topicDeclarationOf(deadLetterTopicOf(topic))),
    };
    const producer = services.find((s) => topic === `sagsspor.${s}.events.v1`);
    if (producer) {
      operations[`${camel(producer)}Publishes`] = {
        action: 'send',
        title: `${producer} publishes its events`,
        summary: 'The relay sends every committed event that has a public mapping, in commit order (idempotent producer, acks from all in-sync replicas).',
        channel: ref(`#/channels/${id}`),
        messages: definitions.map((d) => ref(`#/channels/${id}/messages/${camel(messageId(d))}`)),
      };
    } else {
      operations.policeSystemsPublish = {
        action: 'send',
        title: 'a police video-interview system sends an interview',
        summary: 'Produce with key = interviewId, CloudEvents binary mode, acks=all. Encrypt the CPR to the key at GET /v1/video-interviews/encryption-key on sector-coordination.',
        channel: ref(`#/channels/${id}`),
        messages: definitions.map((d) => ref(`#/channels/${id}/messages/${camel(messageId(d))}`)),
      };
    }
  }
  for (const s of subscriptions) {
    const id = channelId(s.topic);
    const group = `sagsspor-${s.service}-${s.consumer}`;
    const definitions = [...integrationEventCatalog, ...inboundMessageCatalog].filter((d) => s.eventTypes.includes(d.type));
    operations[`${camel(s.service)}${pascal(s.consumer)}Receives${pascal(id)}`] = {
      action: 'receive',
      title: `${s.service} consumes ${s.topic}`,
      summary: `${s.purpose} Consumer group ${group}; other event types on the topic are acknowledged and skipped. Idempotent: the ce_id goes into an inbox table in the same transaction as the effect.`,
      channel: ref(`#/channels/${id}`),
      messages: definitions.map((d) => ref(`#/channels/${id}/messages/${camel(messageId(d))}`)),
      bindings: { kafka: { groupId: { type: 'string', enum: [group] }, bindingVersion: '0.5.0' } },
    };
    operations[`${camel(s.service)}${pascal(s.consumer)}DeadLetters${pascal(id)}`] = {
      action: 'send',
      title: `${s.service} dead-letters what it cannot handle from ${s.topic}`,
      channel: ref(`#/channels/${id}Dlq`),
      messages: [ref(`#/channels/${id}Dlq/messages/deadLetter`)],
    };
  }
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Sagsspor integration events',
      version,
      description: [
        'Every Kafka topic Sagsspor publishes and consumes, with the public integration events of libs/contracts. Generated from the contracts by `npm run docs`; do not edit by hand.',
        '',
        '- Envelope: CloudEvents 1.0 in Kafka binary mode (`ce_*` headers, JSON data as the message value, key = stream id, so one aggregate\'s events stay in order on one partition).',
        '- Delivery is at least once. Consumers deduplicate on `ce_id` in an inbox table, in the same database transaction as their effect.',
        '- Events from different topics arrive in any order; every consumer reaches the same result whatever the order.',
        '- No message carries a CPR number or a name: a child is known only by `childRef`, a keyed HMAC-SHA256 pseudonym of the CPR. No event has a free-text field. The inbound police topic carries the CPR only as a JWE encrypted to sector-coordination.',
        '- A released version never changes what it admits (a unit test compares each with its snapshot in libs/contracts/released). A change is a new type (`...v2`) on the same topic, published beside the old one for a deprecation window; the superseded version says so and until when (ADR 0013, docs/evolving-events.md).',
        '- With `KAFKA_TOPIC_NAMESPACE` set, every address and consumer group is prefixed with `<namespace>.`.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The single-node broker started by `npm start` / `deploy/infra.sh up`. PLAINTEXT, no authentication.' },
      production: { host: 'kafka-bootstrap.sagsspor.svc:9093', protocol: 'kafka-secure', description: 'The Strimzi cluster of deploy/k8s: TLS, SCRAM-SHA-512 users per service.' },
    },
    channels,
    operations,
    components: {
      schemas: {
        CloudEventHeaders: cloudEventHeaders,
        InboundCloudEventHeaders: {
          ...cloudEventHeaders,
          description:
            'CloudEvents 1.0 binary mode, as for our own events: ce_type `dk.politi.video-interview.v1`, ce_source the police system (e.g. `/politi/oestjylland/video-interviews`), ce_id unique per message (a retry may reuse it). ce_time is optional here (fromKafkaMessage in libs/messaging takes the Kafka timestamp without it); every other required header missing dead-letters the message (MESSAGING.MALFORMED_MESSAGE).',
          required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source'],
          properties: {
            ...(cloudEventHeaders.properties as Json),
            ce_time: { type: 'string', format: 'date-time', description: 'When the police system sent the message (UTC, ISO 8601). Optional: without it, the Kafka message timestamp is used.' },
            'content-type': { type: 'string', pattern: '^application/json', description: 'Optional: application/json is assumed without it; a content type that does not start with application/json is dead-lettered.' },
          },
        },
        DeadLetterHeaders: deadLetterHeaders,
      },
      messages,
    },
  };
}
