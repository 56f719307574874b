import type { CalendarDate } from '@sagsspor/calendar';
import { tenantScopedStreamId } from '@sagsspor/domain';
import type { ChildSex, Concern, NotReferredReason, PoliceInvolvementDefinition, UnderretningDecisionsV1, UnderretningSource } from '@sagsspor/contracts';

/**
 * What the municipality told us when the underretning arrived. No CPR: the child is its childRef,
 * and of the birth date only the age in whole years on receivedAt is kept (ADR 0099): the exact date
 * stays sealed with the CPR in the child registry. Events stored with `childBirthDate` get the age
 * on read (child-age.upcasters.ts).
 */
export interface UnderretningFacts {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
  /** The child's age in whole years on receivedAt. */
  childAgeYears: number;
  childSex: ChildSex;
  receivedAt: CalendarDate;
  concerns: Concern[];
  source: UnderretningSource;
}

/** The dates the municipality can record for an underretning, as named in the public contract. */
export type DecisionField = keyof UnderretningDecisionsV1;
export const decisionFields: readonly DecisionField[] = ['childInvestigationDecidedAt', 'policeReportedAt', 'policeConsultedAt', 'hospitalInvolvedAt', 'preventiveMeasureAt'];

/** Every decision date known, the latest value of each. */
export type UnderretningDecisions = Partial<Record<DecisionField, CalendarDate>>;

/** One evaluation of the three mandatory-referral criteria (Barnets lov § 125), with the definition it used. */
export interface CriteriaEvaluation {
  policeInvolvement: PoliceInvolvementDefinition;
  abuseSuspected: boolean;
  investigationDecided: boolean;
  policeOrHospitalInvolved: boolean;
  met: boolean;
  /** When all three held: the date the last of them came to hold. */
  metAt?: CalendarDate;
  /**
   * When all three held: the child's age in whole years on metAt, decided with the evaluation (from
   * the birth date in the command) so the watch and its gap need no birth date. Evaluations stored
   * before this field lack it; only new evaluations reach the watch.
   */
  childAgeYears?: number;
}

interface UnderretningRef {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
}

export type UnderretningEvent =
  | { type: 'UnderretningReceived'; data: UnderretningFacts }
  /** `decisions` is the whole set after the change; `corrected` names the dates that replaced (or withdrew) an earlier value. */
  | { type: 'UnderretningDecisionsRecorded'; data: UnderretningRef & { decisions: UnderretningDecisions; corrected: DecisionField[] } }
  /** Evaluated in the same decision as every change (receipt included), so the history says what held when. */
  | { type: 'MandatoryReferralCriteriaEvaluated'; data: UnderretningRef & CriteriaEvaluation }
  /**
   * Why the child was not referred (ADR 0074): the whole set of reasons now recorded (a later event
   * replaces it), and the municipality's note, which stays in this service (never published).
   */
  | { type: 'UnderretningNotReferredReasonsRecorded'; data: UnderretningRef & NotReferredReasons & { recordedOn: CalendarDate } };

/** The reasons (codes from Ankestyrelsen's study) and an optional note without personal data. */
export interface NotReferredReasons {
  reasons: NotReferredReason[];
  note?: string;
}

export const UNDERRETNING_STREAM_PREFIX = 'underretning-';
/** The municipality's id is unique within the municipality only (ADR 0095). */
export const underretningStreamId = (municipalityCode: string, underretningId: string) => tenantScopedStreamId(UNDERRETNING_STREAM_PREFIX, municipalityCode, underretningId);
