import { CaseClosedV1, CaseClosureCorrectedV1, CaseOpenedV1, CaseServiceDeliveredV1, CaseSettledV1, CaseSuspectRegisteredV1 } from './events/case-lifecycle.events';
import { CaseSiteAssignedV1 } from './events/case-site.events';
import {
  ConsultationRecordedV1,
  MandatoryReferralGapClosedV1,
  MandatoryReferralGapOpenedV1,
  MandatoryReferralGapOpenedV2,
  ReferralAcceptedV1,
  ReferralRejectedV1,
  ReferralSubmittedV1,
  ReferralWithdrawnV1,
  UnderretningDecisionsRecordedV1,
  UnderretningReceivedV1,
} from './events/referrals.events';
import {
  CaseConferenceHeldV1,
  ChildReleasedByPoliceV1,
  ExaminationPerformedV1,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  VideoInterviewRequestedV1,
} from './events/sector-coordination.events';
import { VideoInterviewSiteAssignedV1 } from './events/video-interview-site.events';
import { CaseEndReasonRecordedV1, UnderretningNotReferredReasonsRecordedV1 } from './events/reasons.events';
import { PoliceVideoInterviewMessageV1 } from './inbound/police-video-interview.message';
import { Topics } from './topics';

/**
 * Who consumes what: one row per consumer group (`sagsspor-<service>-<consumer>`) and topic. The
 * services register their consumers from their own code; this table documents them (AsyncAPI) and a
 * test in each consuming service checks that its registration matches.
 */
export interface Subscription {
  service: 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting';
  consumer: string;
  topic: string;
  /** The event types the consumer acts on; others on the topic are acknowledged and skipped. */
  eventTypes: string[];
  purpose: string;
}

export const subscriptions: readonly Subscription[] = [
  {
    service: 'case-lifecycle',
    consumer: 'cases',
    topic: Topics.referralsEvents,
    eventTypes: [ReferralAcceptedV1.type],
    purpose: 'Opens the børnehus case (stream case-<caseId>) for each accepted referral.',
  },
  {
    service: 'case-lifecycle',
    consumer: 'cases',
    topic: Topics.sectorCoordinationEvents,
    eventTypes: [VideoInterviewRequestedV1.type, VideoInterviewRecordedV1.type, VideoInterviewCorrectedV1.type, ChildReleasedByPoliceV1.type, CaseConferenceHeldV1.type, ExaminationPerformedV1.type],
    purpose: 'Keeps the police-release gate (an interview pending for the child, or released) and references conferences and examinations on the case.',
  },
  {
    service: 'sector-coordination',
    consumer: 'known-cases',
    topic: Topics.caseLifecycleEvents,
    eventTypes: [CaseOpenedV1.type, CaseClosedV1.type, CaseClosureCorrectedV1.type],
    purpose: 'Knows which cases exist, their house and whether they are open, so conferences and examinations belong to an open case of the caller\'s house.',
  },
  {
    service: 'sector-coordination',
    consumer: 'police-video-interviews',
    topic: Topics.inboundPoliceVideoInterviews,
    eventTypes: [PoliceVideoInterviewMessageV1.type],
    purpose: 'Records (or corrects) the video interviews police systems push; invalid messages go to the dead-letter topic with their reason.',
  },
  ...(
    [
      [Topics.referralsEvents, [UnderretningReceivedV1, ConsultationRecordedV1, ReferralSubmittedV1, ReferralAcceptedV1, ReferralRejectedV1, ReferralWithdrawnV1, MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, MandatoryReferralGapClosedV1, UnderretningDecisionsRecordedV1, UnderretningNotReferredReasonsRecordedV1]],
      [Topics.caseLifecycleEvents, [CaseOpenedV1, CaseServiceDeliveredV1, CaseSuspectRegisteredV1, CaseClosedV1, CaseClosureCorrectedV1, CaseSettledV1, CaseEndReasonRecordedV1, CaseSiteAssignedV1]],
      [Topics.sectorCoordinationEvents, [VideoInterviewRecordedV1, VideoInterviewCorrectedV1, VideoInterviewSiteAssignedV1, CaseConferenceHeldV1, ExaminationPerformedV1]],
    ] as const
  ).map(([topic, definitions]) => ({
    service: 'reporting' as const,
    consumer: 'projections',
    topic,
    eventTypes: definitions.map((d) => d.type),
    purpose: 'Projects the public events it reports on into the reporting read models (usage, lead times, video interviews not referred, referral gaps, annual statistics, settlement statements, forecasts).',
  })),
];
