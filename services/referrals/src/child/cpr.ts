// CPR numbers (domain.md section 3). Pure functions: the CPR is read here, turned into a
// pseudonym, and never stored or passed on in clear.

export interface ParsedCpr {
  birthDate: string;
  sex: 'female' | 'male';
}

export type CprProblem = { field: string; message: string };

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;

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
  const match = CPR_PATTERN.exec(cpr);
  if (!match) return { problem: 'must be a CPR number, DDMMYY-SSSS' };
  const [, dd, mm, yy, seventh, rest] = match;
  const year = centuryOf(Number(seventh), Number(yy)) + Number(yy);
  const birthDate = `${year}-${mm}-${dd}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate) {
    return { problem: 'must be a CPR number with a real birth date (DDMMYY)' };
  }
  const lastDigit = Number(rest[2]);
  return { birthDate, sex: lastDigit % 2 === 1 ? 'male' : 'female' };
}

/** Whole years between a birth date and a calendar date (both YYYY-MM-DD). */
export function ageInYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
