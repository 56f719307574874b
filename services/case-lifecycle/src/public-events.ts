import {
  CaseClosedV1,
  CaseEndReasonRecordedV1,
  type CaseClosedV1 as CaseClosed,
  CaseClosingMemoSentV1,
  CaseClosureCorrectedV1,
  CaseDeadlineReachedV1,
  CaseOpenedV1,
  type CaseOpenedV1 as CaseOpened,
  CasePoliceReleasedV1,
  CaseServiceDeliveredV1,
  CaseSettledV1,
  CaseSiteAssignedV1,
  CaseSuspectRegisteredV1,
} from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { PublicEvent } from '@sagsspor/messaging';
import type { CaseClosure, CaseEvent, CaseIntake } from './case/case.events';

function intakeOf(d: CaseIntake): CaseOpened {
  return {
    caseId: d.caseId,
    referralId: d.referralId,
    childRef: d.childRef,
    childSex: d.childSex,
    childAgeYears: d.childAgeYears,
    municipalityCode: d.municipalityCode,
    houseCode: d.houseCode,
    caseKind: d.caseKind,
    abuseTypes: d.abuseTypes,
    referredAt: d.referredAt,
    municipalityAwareAt: d.municipalityAwareAt,
    openedAt: d.openedAt,
  };
}

/**
 * Why an interrupted or withdrawn case ended, as a code, right after its closing or correction
 * (ADR 0074); `not-given` for a closing stored before the reason existed. The house's note stays here.
 */
function endReasonOf(d: CaseIntake & CaseClosure): CaseEndReasonRecordedV1[] {
  if (d.outcome === 'completed') return [];
  return [{ caseId: d.caseId, houseCode: d.houseCode, municipalityCode: d.municipalityCode, outcome: d.outcome, closedAt: d.closedAt, reason: d.endReason ?? 'not-given', revision: d.revision }];
}

function closureOf(d: CaseIntake & CaseClosure): CaseClosed {
  return {
    ...intakeOf(d),
    closedAt: d.closedAt,
    outcome: d.outcome,
    ...(d.closingMemoSentAt ? { closingMemoSentAt: d.closingMemoSentAt } : {}),
    leadTimeDays: d.leadTimeDays,
    revision: d.revision,
  };
}

/** Internal case events → public integration events, field by field (the correction's reason never leaves). */
export function toPublicEvents(event: RecordedEvent): PublicEvent[] {
  const internal = { type: event.type, data: event.data } as CaseEvent;
  const subject = event.streamId;
  switch (internal.type) {
    case 'CaseOpened':
      return [{ definition: CaseOpenedV1, data: intakeOf(internal.data), subject }];
    case 'CaseSiteAssigned': {
      const { caseId, houseCode, municipalityCode, siteCode } = internal.data;
      return [{ definition: CaseSiteAssignedV1, data: { caseId, houseCode, municipalityCode, siteCode }, subject }];
    }
    case 'CaseAwaitingPoliceRelease':
      return [];
    case 'CasePoliceReleased': {
      const { caseId, houseCode, releasedAt } = internal.data;
      return [{ definition: CasePoliceReleasedV1, data: { caseId, houseCode, releasedAt }, subject }];
    }
    case 'CaseServiceDelivered': {
      const { caseId, houseCode, municipalityCode, serviceId, kind, provider, recipient, deliveredAt } = internal.data;
      return [{ definition: CaseServiceDeliveredV1, data: { caseId, houseCode, municipalityCode, serviceId, kind, provider, recipient, deliveredAt }, subject }];
    }
    case 'CaseSuspectRegistered': {
      const { caseId, houseCode, suspectId, sex, relation, ageGroup } = internal.data;
      return [{ definition: CaseSuspectRegisteredV1, data: { caseId, houseCode, suspectId, sex, relation, ageGroup }, subject }];
    }
    case 'CaseClosingMemoSent': {
      const { caseId, houseCode, sentAt } = internal.data;
      return [{ definition: CaseClosingMemoSentV1, data: { caseId, houseCode, sentAt }, subject }];
    }
    case 'CaseClosed':
      return [{ definition: CaseClosedV1, data: closureOf(internal.data), subject }, ...endReasonOf(internal.data).map((data) => ({ definition: CaseEndReasonRecordedV1, data, subject }))];
    case 'CaseClosureCorrected':
      return [{ definition: CaseClosureCorrectedV1, data: closureOf(internal.data), subject }, ...endReasonOf(internal.data).map((data) => ({ definition: CaseEndReasonRecordedV1, data, subject }))];
    case 'CaseSettled': {
      const { caseId, municipalityCode, houseCode, outcome, closedAt, settlementMonth, tariffYear, amountDkk, revision } = internal.data;
      return [{ definition: CaseSettledV1, data: { caseId, municipalityCode, houseCode, outcome, closedAt, settlementMonth, tariffYear, amountDkk, revision }, subject }];
    }
    case 'CaseDeadlineReached': {
      const { caseId, houseCode, municipalityCode, clock, stage, dueDate, reachedAt } = internal.data;
      return [{ definition: CaseDeadlineReachedV1, data: { caseId, houseCode, municipalityCode, clock, stage, dueDate, reachedAt }, subject }];
    }
    default:
      return [];
  }
}
