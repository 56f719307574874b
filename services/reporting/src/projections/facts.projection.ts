import {
  CaseClosedV1,
  CaseClosureCorrectedV1,
  CaseConferenceHeldV1,
  CaseOpenedV1,
  CaseServiceDeliveredV1,
  CaseSiteAssignedV1,
  CaseSuspectRegisteredV1,
  ConsultationRecordedV1,
  ExaminationPerformedV1,
  type IntegrationEvent,
  MandatoryReferralGapClosedV1,
  MandatoryReferralGapOpenedV2,
  ReferralAcceptedV1,
  type ReferralFactsV1,
  ReferralRejectedV1,
  ReferralSubmittedV1,
  ReferralWithdrawnV1,
  VideoInterviewCorrectedV1,
  VideoInterviewRecordedV1,
  VideoInterviewSiteAssignedV1,
  type CaseIntakeV1,
  type VideoInterviewV1,
} from '@sagsspor/contracts';
import { revisionVersion, type RowUpsert, timeVersion } from './domain/row-change';

// The facts projection: each event upserts the row of the thing it describes, writing only the
// columns it owns. Where two events can write the same columns (a closure and its corrections,
// an interview and its corrections, the facts every referral event repeats) the highest version
// wins, so the result does not depend on the order the events arrive in.

const intakeRow = (d: CaseIntakeV1) => ({
  referral_id: d.referralId,
  child_ref: d.childRef,
  child_sex: d.childSex,
  child_age_years: d.childAgeYears,
  municipality_code: d.municipalityCode,
  house_code: d.houseCode,
  case_kind: d.caseKind,
  abuse_types: d.abuseTypes,
  referred_at: d.referredAt,
  municipality_aware_at: d.municipalityAwareAt,
  opened_at: d.openedAt,
});

/** Every referral event repeats the referral's facts; a decision outranks the submission, then the event id decides. */
function referralFacts(event: IntegrationEvent, rank: 1 | 2): RowUpsert {
  const d = event.data as ReferralFactsV1;
  return {
    table: 'referrals',
    key: { municipality_code: d.municipalityCode, referral_id: d.referralId },
    set: {
      child_ref: d.childRef,
      child_sex: d.childSex,
      child_age_years: d.childAgeYears,
      house_code: d.houseCode,
      referred_at: d.referredAt,
      municipality_aware_at: d.municipalityAwareAt,
      abuse_types: d.abuseTypes,
      case_kind: d.caseKind,
      underretning_id: d.underretningId ?? null,
    },
    guard: { column: 'facts_version', version: revisionVersion(rank, event.id) },
  };
}

/** A referral id is unique within its municipality only (ADR 0095). */
const referralDecision = (d: ReferralFactsV1, set: RowUpsert['set']): RowUpsert => ({ table: 'referrals', key: { municipality_code: d.municipalityCode, referral_id: d.referralId }, set });

function videoInterview(event: IntegrationEvent): RowUpsert {
  const d = event.data as VideoInterviewV1;
  return {
    table: 'video_interviews',
    key: { police_district: d.policeDistrict, interview_id: d.interviewId },
    set: {
      revision: d.revision,
      child_ref: d.childRef,
      child_sex: d.childSex,
      child_age_years: d.childAgeYears,
      municipality_code: d.municipalityCode,
      house_code: d.houseCode,
      conducted_at: d.conductedAt,
      reported_to_police_at: d.reportedToPoliceAt ?? null,
      requested_at: d.requestedAt ?? null,
      reinterview: d.reinterview,
      days_from_report: d.daysFromReport ?? null,
      late_against_target: d.lateAgainstTarget,
    },
    guard: { column: 'version', version: revisionVersion(d.revision, event.id) },
  };
}

function caseClosure(event: IntegrationEvent): RowUpsert {
  const d = event.data as CaseClosedV1;
  return {
    table: 'case_closures',
    key: { case_id: d.caseId },
    set: {
      revision: d.revision,
      ...intakeRow(d),
      closed_at: d.closedAt,
      outcome: d.outcome,
      closing_memo_sent_at: d.closingMemoSentAt ?? null,
      lead_time_days: d.leadTimeDays,
    },
    guard: { column: 'version', version: revisionVersion(d.revision, event.id) },
  };
}

type Changes = (event: IntegrationEvent) => RowUpsert[];

const factsChangesByType: Record<string, Changes> = {
  [ReferralSubmittedV1.type]: (e) => [referralFacts(e, 1)],
  [ReferralAcceptedV1.type]: (e) => {
    const d = e.data as ReferralAcceptedV1;
    return [referralFacts(e, 2), referralDecision(d, { accepted_at: d.acceptedAt, case_id: d.caseId })];
  },
  [ReferralRejectedV1.type]: (e) => {
    const d = e.data as ReferralRejectedV1;
    return [referralFacts(e, 2), referralDecision(d, { rejected_at: d.rejectedAt, rejection_reason: d.reason })];
  },
  [ReferralWithdrawnV1.type]: (e) => {
    const d = e.data as ReferralWithdrawnV1;
    return [referralFacts(e, 2), referralDecision(d, { withdrawn_at: d.withdrawnAt, withdrawal_reason: d.reason })];
  },
  [CaseOpenedV1.type]: (e) => {
    const d = e.data as CaseOpenedV1;
    return [{ table: 'case_intakes', key: { case_id: d.caseId }, set: intakeRow(d), guard: { column: 'version', version: timeVersion(e.time, e.id) } }];
  },
  [CaseSiteAssignedV1.type]: (e) => {
    const d = e.data as CaseSiteAssignedV1;
    // The latest assignment is where the case is (ADR 0075).
    return [{ table: 'case_sites', key: { case_id: d.caseId }, set: { house_code: d.houseCode, municipality_code: d.municipalityCode, site_code: d.siteCode }, guard: { column: 'version', version: timeVersion(e.time, e.id) } }];
  },
  [CaseClosedV1.type]: (e) => [caseClosure(e)],
  [CaseClosureCorrectedV1.type]: (e) => [caseClosure(e)],
  [CaseServiceDeliveredV1.type]: (e) => {
    const d = e.data as CaseServiceDeliveredV1;
    return [
      {
        table: 'case_services',
        key: { case_id: d.caseId, service_id: d.serviceId },
        set: { house_code: d.houseCode, municipality_code: d.municipalityCode, kind: d.kind, provider: d.provider, recipient: d.recipient, delivered_at: d.deliveredAt },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [CaseSuspectRegisteredV1.type]: (e) => {
    const d = e.data as CaseSuspectRegisteredV1;
    return [
      {
        table: 'case_suspects',
        key: { case_id: d.caseId, suspect_id: d.suspectId },
        set: { house_code: d.houseCode, sex: d.sex, relation: d.relation, age_group: d.ageGroup },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [ConsultationRecordedV1.type]: (e) => {
    const d = e.data as ConsultationRecordedV1;
    return [
      {
        table: 'consultations',
        key: { consultation_id: d.consultationId },
        set: {
          house_code: d.houseCode,
          municipality_code: d.municipalityCode,
          asked_at: d.askedAt,
          outcome: d.outcome,
          child_ref: d.childRef ?? null,
          child_sex: d.childSex ?? null,
          child_age_years: d.childAgeYears ?? null,
        },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [MandatoryReferralGapOpenedV2.type]: (e) => {
    const d = e.data as MandatoryReferralGapOpenedV2;
    return [
      {
        table: 'mandatory_referral_gaps',
        key: { municipality_code: d.municipalityCode, gap_id: d.gapId },
        set: {
          underretning_id: d.underretningId,
          house_code: d.houseCode,
          child_ref: d.childRef,
          criteria_met_at: d.criteriaMetAt,
          referral_due_by: d.referralDueBy,
          referral_window_days: d.referralWindowDays,
          police_involvement: d.policeInvolvement,
          legal_basis: d.legalBasis,
          opened_at: d.openedAt,
        },
        // A gap opens once; its v1 and v2 twins (ADR 0013) carry the same time and gap but two event
        // ids, so the gap id, not the event id, breaks the tie: the row is the same whichever arrives.
        guard: { column: 'opened_version', version: timeVersion(e.time, d.gapId) },
      },
    ];
  },
  [MandatoryReferralGapClosedV1.type]: (e) => {
    const d = e.data as MandatoryReferralGapClosedV1;
    return [
      {
        table: 'mandatory_referral_gaps',
        key: { municipality_code: d.municipalityCode, gap_id: d.gapId },
        set: { referral_id: d.referralId, referred_at: d.referredAt, days_overdue: d.daysOverdue },
        guard: { column: 'closed_version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [VideoInterviewRecordedV1.type]: (e) => [videoInterview(e)],
  [VideoInterviewCorrectedV1.type]: (e) => [videoInterview(e)],
  [VideoInterviewSiteAssignedV1.type]: (e) => {
    const d = e.data as VideoInterviewSiteAssignedV1;
    // The latest assignment is where the interview is, while its house is the one named (ADR 0076).
    return [
      {
        table: 'video_interview_sites',
        key: { police_district: d.policeDistrict, interview_id: d.interviewId },
        set: { house_code: d.houseCode, municipality_code: d.municipalityCode, site_code: d.siteCode },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [CaseConferenceHeldV1.type]: (e) => {
    const d = e.data as CaseConferenceHeldV1;
    return [
      {
        table: 'case_conferences',
        key: { conference_id: d.conferenceId },
        set: { case_id: d.caseId, house_code: d.houseCode, kind: d.kind, held_at: d.heldAt, participants: JSON.stringify(d.participants) },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
  [ExaminationPerformedV1.type]: (e) => {
    const d = e.data as ExaminationPerformedV1;
    return [
      {
        table: 'examinations',
        key: { examination_id: d.examinationId },
        set: { case_id: d.caseId, kind: d.kind, performed_at: d.performedAt },
        guard: { column: 'version', version: timeVersion(e.time, e.id) },
      },
    ];
  },
};

export const factsEventTypes = Object.keys(factsChangesByType);

/** The row changes an integration event (in its latest version: projections.ts) makes to the facts tables (none for a type they do not hold). */
export function factsChanges(event: IntegrationEvent): RowUpsert[] {
  return factsChangesByType[event.type]?.(event) ?? [];
}
