import type { CalendarDate } from '@sagsspor/calendar';
import type { ChildSex, ConsultationOutcome, HouseCode } from '@sagsspor/contracts';

/**
 * A child named in a consultative inquiry: the pseudonym, the age in whole years on askedAt and the
 * sex. The CPR (and with it the birth date) is sealed in the child registry only (ADR 0099); events
 * stored with `childBirthDate` get the age on read (child-age.upcasters.ts).
 */
export interface ConsultedChild {
  childRef: string;
  childAgeYears: number;
  childSex: ChildSex;
}

export interface ConsultationFacts {
  consultationId: string;
  houseCode: HouseCode;
  municipalityCode: string;
  askedAt: CalendarDate;
  outcome: ConsultationOutcome;
  child?: ConsultedChild;
}

export type ConsultationEvent = { type: 'ConsultationRecorded'; data: ConsultationFacts };

export const consultationStreamId = (consultationId: string) => `consultation-${consultationId}`;
