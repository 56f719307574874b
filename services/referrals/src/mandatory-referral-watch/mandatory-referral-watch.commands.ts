import type { CalendarDate } from '@sagsspor/calendar';
import type { PoliceInvolvementDefinition } from '@sagsspor/contracts';
import type { ReferralOnFile, WatchedUnderretning } from './mandatory-referral-watch.events';

/**
 * After every evaluation of an underretning's criteria. The window is the setting in force, and
 * `referralOnFile` the earliest referral for the child dated on or after receipt, as the handler found them.
 */
export type ObserveCriteria = {
  type: 'ObserveCriteria';
  data: {
    underretning: WatchedUnderretning;
    /** `childAgeYears`: the child's age on metAt, which the underretning's evaluation decided when the criteria were met. */
    evaluation: { met: boolean; metAt?: CalendarDate; childAgeYears?: number; policeInvolvement: PoliceInvolvementDefinition };
    referralWindowDays: number;
    referralOnFile?: ReferralOnFile;
  };
};

/** The durable deadline fired (the day after referralDueBy began in Copenhagen). */
export type FireReferralDeadline = { type: 'FireReferralDeadline'; data: { underretningId: string; municipalityCode: string; referralDueBy: CalendarDate; referralOnFile?: ReferralOnFile } };

/** A referral for the watched child was submitted. */
export type RecordReferral = { type: 'RecordReferral'; data: { underretningId: string; municipalityCode: string } & ReferralOnFile };

export type MandatoryReferralWatchCommand = ObserveCriteria | FireReferralDeadline | RecordReferral;
