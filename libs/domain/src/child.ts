import { ageInYears, type CalendarDate } from '@sagsspor/calendar';
import type { ChildSex } from './cpr';
import { DomainError } from './decider';

/** What a service keeps of a child: the pseudonym, birth date and sex. The CPR stops at the door (libs/child-identity). */
export interface ChildIdentity {
  childRef: string;
  childBirthDate: CalendarDate;
  childSex: ChildSex;
}

export const CHILD_AGE_LIMIT = 17;

/**
 * The child's age in whole years on a business date, or a DomainError (422) when it is not a
 * child (0-17) on that date. `code` is the caller's, e.g. `REFERRAL.NOT_A_CHILD`.
 */
export function childAgeOn(birthDate: CalendarDate, onDate: CalendarDate, code: string, dateField: string): number {
  const age = ageInYears(birthDate, onDate);
  if (age < 0) throw new DomainError(code, `the child is not born on ${dateField} ${onDate}: the CPR number gives birth date ${birthDate}`, 'invalid');
  if (age > CHILD_AGE_LIMIT) throw new DomainError(code, `the child must be 0-17 years old on ${dateField} ${onDate}; the CPR number gives ${age}`, 'invalid');
  return age;
}
