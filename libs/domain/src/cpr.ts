// CPR numbers (domain.md section 3). Pure functions: the CPR is read here, turned into a
// pseudonym, and never stored or passed on in clear (only in the encrypted vault).
import type { CalendarDate } from '@sagsspor/calendar';

export type ChildSex = 'female' | 'male';

export interface ParsedCpr {
  birthDate: CalendarDate;
  sex: ChildSex;
}

/** The shape of a CPR number, with or without the hyphen: what request validation checks first. */
export const CPR_FORMAT = /^\d{6}-?\d{4}$/;
const CPR_PARTS = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

/** The century from the 7th digit: 0-3 → 1900s; 4 and 9 → 2000s if YY ≤ 36 else 1900s; 5-8 → 2000s if YY ≤ 57 else 1800s. */
function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

/**
 * Reads birth date and sex from a CPR number. Never rejects for modulus 11: numbers issued
 * since 2007 need not pass it. Returns a problem (never throws) for a malformed number.
 */
export function parseCpr(cpr: string): ParsedCpr | { problem: string } {
  const match = CPR_PARTS.exec(cpr);
  if (!match) return { problem: 'must be a CPR number, DDMMYY-SSSS' };
  const [, dd, mm, yy, seventh, rest] = match;
  const year = centuryOf(Number(seventh), Number(yy)) + Number(yy);
  const birthDate = `${year}-${mm}-${dd}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate) {
    return { problem: 'must be a CPR number with a real birth date (DDMMYY)' };
  }
  return { birthDate, sex: Number(rest[2]) % 2 === 1 ? 'male' : 'female' };
}

/** The CPR written without the hyphen: one child, one form. */
export function normaliseCpr(cpr: string): string {
  return cpr.replace('-', '');
}
