import { ageInYears, type CalendarDate } from '@sagsspor/calendar';
import type { ChildSex } from './cpr';
import { DomainError } from './decider';

/**
 * A child as the child registry resolves it at the door (libs/child-identity): the pseudonym, birth
 * date and sex. The CPR stops there; the birth date goes into the command (for the age rule) and
 * never into an event: the events keep the age in whole years on their date (ADR 0099).
 */
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

/**
 * A command as its idempotency fingerprint sees it (HandleOptions.request): without the child's birth
 * date at any depth. A hash of a command with the birth date, kept beside the pseudonym and the
 * command's other facts, would give the date back to anyone trying the few thousand a child can have
 * (ADR 0099). Nothing is lost: the birth date follows from the CPR, which the pseudonym stands for,
 * and a later command's birth date comes from the registry (and is gone after erasure), not the caller.
 */
export function withoutBirthDate(command: unknown): unknown {
  if (Array.isArray(command)) return command.map(withoutBirthDate);
  if (command === null || typeof command !== 'object') return command;
  return Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'childBirthDate').map(([key, value]) => [key, withoutBirthDate(value)]));
}
