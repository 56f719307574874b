/** Kafka topic names. One topic per producing service; `.v1` is the contract version. */
export const Topics = {
  referralsEvents: 'sagsspor.referrals.events.v1',
  caseLifecycleEvents: 'sagsspor.case-lifecycle.events.v1',
  sectorCoordinationEvents: 'sagsspor.sector-coordination.events.v1',
  inboundPoliceVideoInterviews: 'sagsspor.inbound.police.video-interviews.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The dead-letter topic of a topic: where messages go that could not be handled. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * One topic as Sagsspor needs it, the one declaration that the services apply at start, the
 * Kubernetes manifests are checked against, and the AsyncAPI documents show (ADR 0097).
 */
export interface TopicDeclaration {
  name: string;
  /**
   * A message's key is its aggregate's stream id, so one aggregate's events stay in order on one
   * partition, and a consumer group uses at most one consumer per partition. Adding partitions later
   * moves keys and breaks that order while old and new messages are in flight: chosen up front.
   */
  partitions: number;
  /** Kafka `retention.ms`: -1 keeps every message. */
  retentionMs: number;
  /** Kafka `cleanup.policy`: `delete` (by retention), never compacted. */
  cleanupPolicy: 'delete';
  /** Why it is kept that long, in a sentence (AsyncAPI, manifests). */
  retentionReason: string;
}

const DAY_MS = 86_400_000;
/** 12 event partitions allow 1, 2, 3, 4, 6 or 12 consumers of a group with an even share each. */
const EVENT_PARTITIONS = 12;
const DEAD_LETTER_PARTITIONS = 3;

/**
 * How a production cluster (deploy/k8s, three brokers) keeps every topic: three copies, two in sync
 * before a write counts. A single local broker keeps one copy; the services create topics with the
 * broker's default replication.
 */
export const productionTopicReplication = { replicas: 3, minInSyncReplicas: 2 } as const;

const eventTopic = (name: string): TopicDeclaration[] => [
  {
    name,
    partitions: EVENT_PARTITIONS,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    retentionReason: 'The integration log: a new consumer group (a new read model, a rebuilt projection) reads it from the beginning, so nothing is ever deleted.',
  },
  {
    name: deadLetterTopicOf(name),
    partitions: DEAD_LETTER_PARTITIONS,
    retentionMs: -1,
    cleanupPolicy: 'delete',
    retentionReason: 'A dead letter is an event somebody still has to handle: kept until replayed, never deleted.',
  },
];

/** Every topic Sagsspor uses, with its dead-letter topic. */
export const topicDeclarations: readonly TopicDeclaration[] = [
  ...eventTopic(Topics.referralsEvents),
  ...eventTopic(Topics.caseLifecycleEvents),
  ...eventTopic(Topics.sectorCoordinationEvents),
  {
    name: Topics.inboundPoliceVideoInterviews,
    partitions: EVENT_PARTITIONS,
    retentionMs: 7 * DAY_MS,
    cleanupPolicy: 'delete',
    retentionReason:
      'A transport into sector-coordination, not a log (the service records what it received as its own events). Its messages carry the child\'s CPR encrypted to sector-coordination\'s key, which crypto-shredding cannot reach, so they are deleted after 7 days (ADR 0081).',
  },
  {
    name: deadLetterTopicOf(Topics.inboundPoliceVideoInterviews),
    partitions: DEAD_LETTER_PARTITIONS,
    retentionMs: 30 * DAY_MS,
    cleanupPolicy: 'delete',
    retentionReason: 'Refused police messages, with the encrypted CPR: deleted after 30 days, the time operations have to get them sent again (ADR 0081).',
  },
];

/** The declaration of a topic (not namespaced); throws for a topic nobody declared. */
export function topicDeclarationOf(name: string): TopicDeclaration {
  const declaration = topicDeclarations.find((d) => d.name === name);
  if (!declaration) throw new Error(`topic ${name} is not declared in libs/contracts/src/topics.ts (topicDeclarations)`);
  return declaration;
}

/** The topic-level settings declared for a topic, as Kafka names them (other topic settings are left as they are). */
export function topicConfigOf(declaration: TopicDeclaration): Record<string, string> {
  return { 'cleanup.policy': declaration.cleanupPolicy, 'retention.ms': String(declaration.retentionMs), 'retention.bytes': '-1' };
}
