import type { SuppressionKind, TableCell } from '../../usage/domain/suppression';

// What a publication leaves a reader with, and what the next publication of the year must
// protect against (ADR 0045, ADR 0048). Pure.

/** A cell as published: its count, or null where it was hidden. */
export interface PublishedCell {
  id: string;
  count: number | null;
}

/** An earlier publication of the year as the next one is protected against it. */
export interface EarlierPublication {
  number: number;
  /** What it showed. */
  cells: PublishedCell[];
  /** Its true counts, kept privately for the joint check (null for a publication made before they were kept). */
  trueCells: TableCell[] | null;
}

/** The cells as a publication shows them. */
export function publishedCells(cells: readonly TableCell[], hidden: ReadonlySet<string>): PublishedCell[] {
  return cells.map((c) => ({ id: c.id, count: hidden.has(c.id) ? null : c.count }));
}

/**
 * The cells whose current count a reader already has: shown in an earlier publication of the
 * year with the count they have now. The next suppression treats them as shown (they are never
 * hidden in addition, since that would protect nothing).
 */
export function knownFromEarlier(earlier: readonly (readonly PublishedCell[])[], cells: readonly TableCell[]): Set<string> {
  const now = new Map(cells.map((c) => [c.id, c.count]));
  return new Set(earlier.flatMap((published) => published.filter((c) => c.count !== null && now.get(c.id) === c.count).map((c) => c.id)));
}

/**
 * An earlier publication as the joint check sees it: its true counts and what it hid (a hidden
 * count below the threshold was primary, any other secondary). Undefined when its true counts
 * were not kept: then only what it showed counts (`knownFromEarlier`).
 */
export function releaseOf(publication: EarlierPublication, threshold = 3): { cells: TableCell[]; hidden: Map<string, SuppressionKind> } | undefined {
  if (!publication.trueCells) return undefined;
  const trueCount = new Map(publication.trueCells.map((c) => [c.id, c.count]));
  const hidden = new Map(publication.cells.filter((c) => c.count === null).map((c): [string, SuppressionKind] => [c.id, (trueCount.get(c.id) ?? 0) < threshold ? 'primary' : 'secondary']));
  return { cells: publication.trueCells, hidden };
}

/** Whether a new publication would show exactly what the latest one shows (then it is not made). */
export function sameAsLatest(latest: readonly PublishedCell[] | undefined, next: readonly PublishedCell[]): boolean {
  if (!latest || latest.length !== next.length) return false;
  const before = new Map(latest.map((c) => [c.id, c.count]));
  return next.every((c) => before.has(c.id) && before.get(c.id) === c.count);
}
