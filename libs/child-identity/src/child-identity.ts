import { ageInYears, type CalendarDate } from '@sagsspor/calendar';
import { DomainError } from '@sagsspor/event-store';
import { childRefOf } from './child-ref';
import { type ChildSex, parseCpr } from './cpr';

/** What a service keeps of a child: the pseudonym, birth date and sex. The CPR stops here. */
export interface ChildIdentity {
  childRef: string;
  childBirthDate: CalendarDate;
  childSex: ChildSex;
}

/** CPR → identity, or a DomainError naming `field` (422) when the number is not a real CPR. */
export function childIdentityFromCpr(cpr: string, secret: string, field = 'childCpr'): ChildIdentity {
  const parsed = parseCpr(cpr);
  if ('problem' in parsed) throw new DomainError('CHILD.INVALID_CPR', `${field} ${parsed.problem}`, 'invalid');
  return { childRef: childRefOf(cpr, secret), childBirthDate: parsed.birthDate, childSex: parsed.sex };
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
