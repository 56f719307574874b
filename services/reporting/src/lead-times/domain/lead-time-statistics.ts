// The lead-time figures (domain.md section 4), on whole calendar days. Pure.

export interface Share {
  count: number;
  /** Whole percent, half up. */
  percent: number | null;
}

export interface LeadTimeSummary {
  count: number;
  /** Whole days, half up. */
  averageDays: number | null;
  /** Nearest rank: the ⌈n/2⌉-th smallest lead time. */
  medianDays: number | null;
  /** Nearest rank: the ⌈0.9·n⌉-th smallest lead time. */
  p90Days: number | null;
  /** At most 90 days (90 is within). */
  within90: Share;
  within120: Share;
}

/** Half-up rounding of a/b for non-negative whole numbers, without floating point error. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function nearestRank(sorted: readonly number[], percentile: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((percentile * sorted.length) / 100)) - 1];
}

export function share(count: number, of: number): Share {
  return { count, percent: of === 0 ? null : roundHalfUp(count * 100, of) };
}

export function summarize(days: readonly number[]): LeadTimeSummary {
  const sorted = [...days].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    count: n,
    averageDays: n === 0 ? null : roundHalfUp(sorted.reduce((a, b) => a + b, 0), n),
    medianDays: nearestRank(sorted, 50),
    p90Days: nearestRank(sorted, 90),
    within90: share(sorted.filter((d) => d <= 90).length, n),
    within120: share(sorted.filter((d) => d <= 120).length, n),
  };
}

export const ageBuckets = [
  { label: '0-30', min: 0, max: 30 },
  { label: '31-60', min: 31, max: 60 },
  { label: '61-90', min: 61, max: 90 },
  { label: '91-120', min: 91, max: 120 },
  { label: '121+', min: 121, max: Infinity },
] as const;
