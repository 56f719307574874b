import type { CalendarDate } from '@sagsspor/calendar';
import type { ChildSex, ConsultationOutcome, HouseCode } from '@sagsspor/contracts';

/** A child named in a consultative inquiry: the pseudonym, birth date and sex. The CPR is in the vault only. */
export interface ConsultedChild {
  childRef: string;
  childBirthDate: CalendarDate;
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
