import type { CaseClock, CaseEndReason, CaseOutcome, DeadlineStage, ServiceKind, ServiceRecipient, SuspectAgeGroup, SuspectRelation, SuspectSex } from '@sagsspor/contracts';
import type { SiteOfHouse } from '@sagsspor/domain';
import type { CaseIntake } from './case.events';

/**
 * From the referral-accepted integration event: the house took the child in. Carries what this
 * service knew of the child's police video interviews at that moment (looked up, not decided here).
 */
export type OpenCase = { type: 'OpenCase'; data: CaseIntake; policeInterviewPendingSince?: string };

/**
 * What sector-coordination's events now say about the child's police interviews: an interview is
 * pending since a date, or every interview known is covered by a release.
 */
export type ApplyPoliceInterviewStatus = { type: 'ApplyPoliceInterviewStatus'; data: { pendingSince?: string; releasedAt?: string } };

/** The house records that the police released the child. */
export type RecordPoliceRelease = { type: 'RecordPoliceRelease'; data: { releasedAt: string } };

export type RecordService = { type: 'RecordService'; data: { serviceId: string; kind: ServiceKind; deliveredAt: string; recipient: ServiceRecipient } };

export type RegisterSuspect = { type: 'RegisterSuspect'; data: { suspectId: string; sex: SuspectSex; relation: SuspectRelation; ageGroup: SuspectAgeGroup } };

export type SendClosingMemo = { type: 'SendClosingMemo'; data: { sentAt: string } };

/** Why an interrupted or withdrawn case ended (ADR 0074): optional, `not-given` when left out. */
export type EndReasonGiven = { endReason?: CaseEndReason; endNote?: string };

export type CloseCase = { type: 'CloseCase'; data: { closedAt: string; outcome: CaseOutcome; closingMemoSentAt?: string } & EndReasonGiven };

export type CorrectClosure = { type: 'CorrectClosure'; data: { closedAt?: string; outcome?: CaseOutcome; reason: string } & EndReasonGiven };

/** Settles a closed case at the house's tariff for the year of its closing (looked up by the caller). */
export type SettleCase = { type: 'SettleCase'; data: { tariffYear: number; dkkPerCase: number } };

/** A durable deadline fired: the case neared or passed one of its clocks. */
export type ReachDeadline = { type: 'ReachDeadline'; data: { clock: CaseClock; stage: DeadlineStage; dueDate: string; reachedAt: string } };

/**
 * The house puts the case at one of its sites (until then it is at the main site, ADR 0075). Carries
 * the houses' sites (reference data the command handler looks up, not decided here).
 */
export type AssignSite = { type: 'AssignSite'; data: { siteCode: string }; sites?: readonly SiteOfHouse[] };

export type CaseCommand =
  | OpenCase
  | AssignSite
  | ApplyPoliceInterviewStatus
  | RecordPoliceRelease
  | RecordService
  | RegisterSuspect
  | SendClosingMemo
  | CloseCase
  | CorrectClosure
  | SettleCase
  | ReachDeadline;
