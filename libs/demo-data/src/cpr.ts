/**
 * Generated CPR numbers for demo data, never a real person's on purpose: the birth date and sex are the
 * child's, the 7th digit fits the century (the rules in domain.md section 3) and the rest is a counter,
 * so every child in a plan has its own number. Like `generateCpr` in libs/testing, but with room for
 * national volumes: 3,000 numbers per birth date and sex, split into ten slots of 300 by year and seed.
 */
export class DemoCprs {
  private readonly used = new Map<string, number>();
  private readonly slot: number;

  constructor(seed: number, year: number) {
    this.slot = (((year + seed) % 10) + 10) % 10;
  }

  next(birthDate: string, sex: 'female' | 'male'): string {
    const key = `${birthDate}:${sex}`;
    const count = this.used.get(key) ?? 0;
    if (count >= 300) throw new Error(`more than 300 demo children born on ${birthDate} (${sex}) in one year`);
    this.used.set(key, count + 1);
    return demoCpr(birthDate, sex, this.slot * 300 + count);
  }
}

/** The `index`-th (0-2999) demo CPR number for a birth date and sex. */
export function demoCpr(birthDate: string, sex: 'female' | 'male', index: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const yy = y % 100;
  // 7th digits that give this century: 2000-2036 → 4-9; 1937-1999 → 0-3, 4, 9.
  const centuryDigits = y >= 2000 ? [4, 5, 6, 7, 8, 9] : [0, 1, 2, 3, 4, 9];
  if (y >= 2000 && yy > 36) throw new Error(`demo CPRs cover births up to 2036, not ${birthDate}`);
  const last = (index % 5) * 2 + (sex === 'male' ? 1 : 0);
  const middle = Math.floor(index / 5) % 100;
  const seventh = centuryDigits[Math.floor(index / 500) % 6];
  return `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(yy).padStart(2, '0')}-${seventh}${String(middle).padStart(2, '0')}${last}`;
}
