/**
 * Generated CPR numbers for tests and demo data. The 7th digit fits the birth date's century (4: 2000-2036, 0: 1900s);
 * the serials are arbitrary test values, never a real person's number on purpose (no check for modulus 11,
 * which numbers issued since 2007 need not pass either).
 */
export function generateCpr(birthDate: string, sex: 'female' | 'male', seed = 0): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const yy = String(y % 100).padStart(2, '0');
  // 7th digit: 4 means 2000s for YY <= 36 and 1900s above; 0 means 1900s.
  const century = y >= 2000 ? 4 : 0;
  const serial = String(seed % 100).padStart(2, '0');
  const last = (seed % 5) * 2 + (sex === 'male' ? 1 : 0);
  return `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${yy}-${century}${serial}${last}`;
}
