import type {
  AbuseType,
  CaseEndReason,
  CaseClock,
  CaseKind,
  CaseOutcome,
  ChildSex,
  DeadlineStage,
  HouseCode,
  ServiceKind,
  ServiceProvider,
  ServiceRecipient,
  SuspectAgeGroup,
  SuspectRelation,
  SuspectSex,
} from '@sagsspor/contracts';

/** What the case knows from the referral the house accepted. */
export interface CaseIntake {
  caseId: string;
  referralId: string;
  childRef: string;
  childSex: ChildSex;
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  referredAt: string;
  municipalityAwareAt: string;
  openedAt: string;
  abuseTypes: AbuseType[];
  caseKind: CaseKind;
}

/** Every event names its case and tenant, so the public mapping needs nothing but the event. */
export interface CaseRef {
  caseId: string;
  houseCode: HouseCode;
  municipalityCode: string;
}

export interface DeliveredService {
  serviceId: string;
  kind: ServiceKind;
  provider: ServiceProvider;
  recipient: ServiceRecipient;
  deliveredAt: string;
}

export interface Suspect {
  suspectId: string;
  sex: SuspectSex;
  relation: SuspectRelation;
  ageGroup: SuspectAgeGroup;
}

export interface CaseClosure {
  closedAt: string;
  outcome: CaseOutcome;
  closingMemoSentAt?: string;
  /** Calendar days from openedAt to closedAt. */
  leadTimeDays: number;
  /** 1 for the closing, +1 for each correction. */
  revision: number;
  /**
   * Why an interrupted or withdrawn case ended (ADR 0074), when the house gave it: absent reads as
   * `not-given` (so do closings stored before it existed); never on a completed case.
   */
  endReason?: CaseEndReason;
  /** The house's note on why it ended: no personal data; stays in this service, never published. */
  endNote?: string;
}

export interface CaseSettlement {
  outcome: CaseOutcome;
  closedAt: string;
  settlementMonth: string;
  tariffYear: number;
  amountDkk: number;
  /** 1 for the first settlement; a correction of a settled case settles it again with the next revision. */
  revision: number;
}

export interface DeadlineStageReached {
  clock: CaseClock;
  stage: DeadlineStage;
  dueDate: string;
  reachedAt: string;
}

export type CaseOpened = { type: 'CaseOpened'; data: CaseIntake };
/** A police video interview of the child is pending: the house may not work with the child until the release. */
export type CaseAwaitingPoliceRelease = { type: 'CaseAwaitingPoliceRelease'; data: CaseRef & { since: string } };
export type CasePoliceReleased = { type: 'CasePoliceReleased'; data: CaseRef & { releasedAt: string; recordedBy: 'boernehus' | 'police' } };
export type CaseServiceDelivered = { type: 'CaseServiceDelivered'; data: CaseRef & DeliveredService };
export type CaseSuspectRegistered = { type: 'CaseSuspectRegistered'; data: CaseRef & Suspect };
export type CaseClosingMemoSent = { type: 'CaseClosingMemoSent'; data: CaseRef & { sentAt: string } };
export type CaseClosed = { type: 'CaseClosed'; data: CaseIntake & CaseClosure };
/** `reason` is the house's free text: it stays in this service, never in a public event. */
export type CaseClosureCorrected = { type: 'CaseClosureCorrected'; data: CaseIntake & CaseClosure & { reason: string; correctedOn: string } };
export type CaseSettled = { type: 'CaseSettled'; data: CaseRef & CaseSettlement };
export type CaseDeadlineReached = { type: 'CaseDeadlineReached'; data: CaseRef & DeadlineStageReached };

/** The case is at this site of its house from now on (ADR 0075). */
export type CaseSiteAssigned = { type: 'CaseSiteAssigned'; data: CaseRef & { siteCode: string } };

export type CaseEvent =
  | CaseOpened
  | CaseSiteAssigned
  | CaseAwaitingPoliceRelease
  | CasePoliceReleased
  | CaseServiceDelivered
  | CaseSuspectRegistered
  | CaseClosingMemoSent
  | CaseClosed
  | CaseClosureCorrected
  | CaseSettled
  | CaseDeadlineReached;

export const caseStreamId = (caseId: string) => `case-${caseId}`;
