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
