/**
 * What sector-coordination has told us about a child's police video interviews, one row per fact:
 * an interview requested or conducted on a date, or a release of the child on a date.
 */
export interface PoliceInterviewFact {
  kind: 'interview' | 'release';
  onDate: string;
}

export interface PoliceInterviewStatus {
  /** The earliest interview date not covered by a release: the child awaits release since then. */
  pendingSince?: string;
  /** The latest release. */
  releasedAt?: string;
}

/**
 * A release covers every interview dated on or before it. The status is a function of the set of
 * facts, not of the order they arrived in: an interview known before the case opens, or a release
 * known before the interview, give the same answer.
 */
export function policeInterviewStatus(facts: readonly PoliceInterviewFact[]): PoliceInterviewStatus {
  const releases = facts.filter((f) => f.kind === 'release').map((f) => f.onDate);
  const releasedAt = releases.length > 0 ? releases.reduce((a, b) => (a > b ? a : b)) : undefined;
  const pending = facts.filter((f) => f.kind === 'interview' && (releasedAt === undefined || f.onDate > releasedAt)).map((f) => f.onDate);
  const pendingSince = pending.length > 0 ? pending.reduce((a, b) => (a < b ? a : b)) : undefined;
  return { ...(pendingSince ? { pendingSince } : {}), ...(releasedAt ? { releasedAt } : {}) };
}
