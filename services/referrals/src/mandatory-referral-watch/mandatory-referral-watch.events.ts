import type { CalendarDate } from '@sagsspor/calendar';
import { type ChildSex, type HouseCode, type MandatoryReferralProvision, mandatoryReferralProvisionOn, type PoliceInvolvementDefinition } from '@sagsspor/contracts';
import { tenantScopedStreamId, type Upcaster } from '@sagsspor/domain';

/** The underretning a watch is about: what the gap events say about it and the child. */
export interface WatchedUnderretning {
  underretningId: string;
  municipalityCode: string;
  /** The municipality's default house (its region's): an underretning names no house. */
  houseCode: HouseCode;
  childRef: string;
  childSex: ChildSex;
  receivedAt: CalendarDate;
}

/** The duty to refer: from the day the criteria were met, N days ("within N days" includes day N). */
export interface ReferralDeadline {
  criteriaMetAt: CalendarDate;
  /**
   * The child's age in whole years on criteriaMetAt, when the duty to refer arose (the gap may open
   * after the child turned 18): decided with the evaluation, never from a stored birth date (ADR 0099).
   * Events stored with `childBirthDate` get it on read (child-age.upcasters.ts).
   */
  childAgeYears: number;
  referralDueBy: CalendarDate;
  referralWindowDays: number;
  policeInvolvement: PoliceInvolvementDefinition;
  /** The provision the duty rests on: the law in force on criteriaMetAt. Events stored before this field get it on read (the upcasters below). */
  legalBasis: MandatoryReferralProvision;
}

/** The referral that answered the duty. */
export interface ReferralOnFile {
  referralId: string;
  referredAt: CalendarDate;
}

export type MandatoryReferralWatchEvent =
  /** The criteria were met and no referral was on file: the deadline is set (or moved, after a correction). */
  | { type: 'MandatoryReferralDeadlineSet'; data: WatchedUnderretning & ReferralDeadline }
  /** The criteria no longer hold (a date withdrawn, or another police-involvement definition) before the deadline. */
  | { type: 'MandatoryReferralWatchStopped'; data: { underretningId: string; municipalityCode: string } }
  /** A referral for the child came by the deadline. */
  | { type: 'MandatoryReferralMadeInTime'; data: WatchedUnderretning & ReferralDeadline & ReferralOnFile }
  | { type: 'MandatoryReferralGapOpened'; data: WatchedUnderretning & ReferralDeadline & { gapId: string; openedAt: CalendarDate } }
  /** A referral for the child came after the deadline; `daysOverdue` counts from referralDueBy to referredAt. */
  | {
      type: 'MandatoryReferralGapClosed';
      data: { gapId: string; underretningId: string; municipalityCode: string; childRef: string; referralDueBy: CalendarDate; daysOverdue: number } & ReferralOnFile;
    };

export const MANDATORY_REFERRAL_WATCH_STREAM_PREFIX = 'mandatory-referral-watch-';
/** One watch stream per underretning (ADR 0011), named like the underretning's (ADR 0095). */
export const mandatoryReferralWatchStreamId = (municipalityCode: string, underretningId: string) =>
  tenantScopedStreamId(MANDATORY_REFERRAL_WATCH_STREAM_PREFIX, municipalityCode, underretningId);
/** One gap at most per underretning. */
export const gapIdFor = (underretningId: string) => `gap-${underretningId}`;

/**
 * The stored shapes of the watch's events before `legalBasis` (ADR 0014): the three events that
 * carry a deadline get it from the day the criteria were met, which is all the law needs.
 */
export const mandatoryReferralWatchUpcasters: readonly Upcaster[] = (['MandatoryReferralDeadlineSet', 'MandatoryReferralMadeInTime', 'MandatoryReferralGapOpened'] as const).map((type) => ({
  type,
  change: 'legalBasis added: Serviceloven § 50 b for a duty that arose before 2024, Barnets lov § 125 after',
  applies: (data) => !('legalBasis' in data),
  upcast: (data) => ({ type, data: { ...data, legalBasis: mandatoryReferralProvisionOn(data.criteriaMetAt as string) } }),
}));
