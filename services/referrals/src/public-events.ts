import {
  ConsultationRecordedV1,
  MandatoryReferralCriteriaEvaluatedV1,
  MandatoryReferralGapClosedV1,
  MandatoryReferralGapOpenedV1,
  MandatoryReferralGapOpenedV2,
  ReferralAcceptedV1,
  type ReferralFactsV1,
  ReferralRejectedV1,
  ReferralSubmittedV1,
  ReferralWithdrawnV1,
  UnderretningDecisionsRecordedV1,
  UnderretningNotReferredReasonsRecordedV1,
  UnderretningReceivedV1,
} from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import type { ConsultationEvent } from './consultation/consultation.events';
import type { MandatoryReferralWatchEvent } from './mandatory-referral-watch/mandatory-referral-watch.events';
import type { ReferralEvent, ReferralFacts } from './referral/referral.events';
import type { UnderretningEvent } from './underretning/underretning.events';

export type ReferralsServiceEvent = UnderretningEvent | ReferralEvent | ConsultationEvent | MandatoryReferralWatchEvent;

/** What every public referral event says: the age at the referral date, as the internal event keeps it. */
function referralFactsV1(d: ReferralFacts): ReferralFactsV1 {
  return {
    referralId: d.referralId,
    childRef: d.childRef,
    childSex: d.childSex,
    childAgeYears: d.childAgeYears,
    municipalityCode: d.municipalityCode,
    houseCode: d.houseCode,
    referredAt: d.referredAt,
    municipalityAwareAt: d.municipalityAwareAt,
    abuseTypes: d.abuseTypes,
    caseKind: d.caseKind,
    ...(d.underretningId === undefined ? {} : { underretningId: d.underretningId }),
  };
}

/** The public event(s) of one internal event, without the envelope. */
function publicEventsOf(internal: ReferralsServiceEvent): Omit<PublicEvent, 'subject'>[] {
  switch (internal.type) {
    case 'UnderretningReceived': {
      const d = internal.data;
      const data: UnderretningReceivedV1 = {
        underretningId: d.underretningId,
        municipalityCode: d.municipalityCode,
        childRef: d.childRef,
        childSex: d.childSex,
        childAgeYears: d.childAgeYears,
        receivedAt: d.receivedAt,
        concerns: d.concerns,
        source: d.source,
      };
      return [{ definition: UnderretningReceivedV1, data }];
    }
    case 'UnderretningDecisionsRecorded': {
      const d = internal.data;
      const data: UnderretningDecisionsRecordedV1 = { underretningId: d.underretningId, municipalityCode: d.municipalityCode, childRef: d.childRef, ...d.decisions };
      return [{ definition: UnderretningDecisionsRecordedV1, data }];
    }
    case 'MandatoryReferralCriteriaEvaluated': {
      const d = internal.data;
      const data: MandatoryReferralCriteriaEvaluatedV1 = {
        underretningId: d.underretningId,
        municipalityCode: d.municipalityCode,
        childRef: d.childRef,
        policeInvolvement: d.policeInvolvement,
        abuseSuspected: d.abuseSuspected,
        investigationDecided: d.investigationDecided,
        policeOrHospitalInvolved: d.policeOrHospitalInvolved,
        met: d.met,
        ...(d.metAt === undefined ? {} : { metAt: d.metAt }),
      };
      return [{ definition: MandatoryReferralCriteriaEvaluatedV1, data }];
    }
    case 'UnderretningNotReferredReasonsRecorded': {
      // Codes only: the municipality's note stays here (ADR 0074), as the rejection note does.
      const d = internal.data;
      const data: UnderretningNotReferredReasonsRecordedV1 = { underretningId: d.underretningId, municipalityCode: d.municipalityCode, reasons: d.reasons, recordedOn: d.recordedOn };
      return [{ definition: UnderretningNotReferredReasonsRecordedV1, data }];
    }
    case 'MandatoryReferralGapOpened': {
      const d = internal.data;
      const data: MandatoryReferralGapOpenedV1 = {
        gapId: d.gapId,
        underretningId: d.underretningId,
        municipalityCode: d.municipalityCode,
        houseCode: d.houseCode,
        childRef: d.childRef,
        childSex: d.childSex,
        // The age when the duty to refer arose, on criteriaMetAt (the gap may open after the child turned 18).
        childAgeYears: d.childAgeYears,
        criteriaMetAt: d.criteriaMetAt,
        referralDueBy: d.referralDueBy,
        referralWindowDays: d.referralWindowDays,
        policeInvolvement: d.policeInvolvement,
        openedAt: d.openedAt,
      };
      // Both versions until v1's deprecation window ends (ADR 0013); v1 first, so it keeps the id it always had.
      const v2: MandatoryReferralGapOpenedV2 = { ...data, legalBasis: d.legalBasis };
      return [
        { definition: MandatoryReferralGapOpenedV1, data },
        { definition: MandatoryReferralGapOpenedV2, data: v2 },
      ];
    }
    case 'MandatoryReferralGapClosed': {
      const d = internal.data;
      const data: MandatoryReferralGapClosedV1 = {
        gapId: d.gapId,
        underretningId: d.underretningId,
        municipalityCode: d.municipalityCode,
        childRef: d.childRef,
        referralId: d.referralId,
        referredAt: d.referredAt,
        daysOverdue: d.daysOverdue,
      };
      return [{ definition: MandatoryReferralGapClosedV1, data }];
    }
    case 'ConsultationRecorded': {
      const d = internal.data;
      const data: ConsultationRecordedV1 = {
        consultationId: d.consultationId,
        houseCode: d.houseCode,
        municipalityCode: d.municipalityCode,
        askedAt: d.askedAt,
        outcome: d.outcome,
        ...(d.child ? { childRef: d.child.childRef, childSex: d.child.childSex, childAgeYears: d.child.childAgeYears } : {}),
      };
      return [{ definition: ConsultationRecordedV1, data }];
    }
    case 'ReferralSubmitted':
      return [{ definition: ReferralSubmittedV1, data: referralFactsV1(internal.data) satisfies ReferralSubmittedV1 }];
    case 'ReferralAccepted': {
      const data: ReferralAcceptedV1 = { ...referralFactsV1(internal.data), caseId: internal.data.caseId, acceptedAt: internal.data.acceptedAt };
      return [{ definition: ReferralAcceptedV1, data }];
    }
    case 'ReferralRejected': {
      // The free-text note stays here: public events carry codes, never text.
      const data: ReferralRejectedV1 = { ...referralFactsV1(internal.data), rejectedAt: internal.data.rejectedAt, reason: internal.data.reason };
      return [{ definition: ReferralRejectedV1, data }];
    }
    case 'ReferralWithdrawn': {
      const data: ReferralWithdrawnV1 = { ...referralFactsV1(internal.data), withdrawnAt: internal.data.withdrawnAt, reason: internal.data.reason };
      return [{ definition: ReferralWithdrawnV1, data }];
    }
    // The watch's own bookkeeping stays internal.
    case 'MandatoryReferralDeadlineSet':
    case 'MandatoryReferralWatchStopped':
    case 'MandatoryReferralMadeInTime':
      return [];
    default: {
      // A new internal event must be mapped (or listed as internal) above: this does not compile otherwise.
      const _unmapped: never = internal;
      return [];
    }
  }
}

/**
 * Internal events → public integration events, field by field: only the pseudonym, sex, age,
 * codes and business dates leave the service. The subject is the stream (never personal data).
 */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as ReferralsServiceEvent;
  return publicEventsOf(internal).map((p) => ({ ...p, subject: event.streamId }));
}
