import type { TableCell } from '../../usage/domain/suppression';

// What a publication leaves a reader with, and what the next publication of the year must
// protect against (ADR 0045). Pure.

/** A cell as published: its count, or null where it was hidden. */
export interface PublishedCell {
  id: string;
  count: number | null;
}

/** The cells as a publication shows them. */
export function publishedCells(cells: readonly TableCell[], hidden: ReadonlySet<string>): PublishedCell[] {
  return cells.map((c) => ({ id: c.id, count: hidden.has(c.id) ? null : c.count }));
}

/**
 * The cells whose current count a reader already has: shown in an earlier publication of the
 * year with the count they have now. The next suppression treats them as shown (they are never
 * hidden in addition, since that would protect nothing), so no difference between two
 * publications narrows a hidden cell any more than one publication does.
 */
export function knownFromEarlier(earlier: readonly (readonly PublishedCell[])[], cells: readonly TableCell[]): Set<string> {
  const now = new Map(cells.map((c) => [c.id, c.count]));
  return new Set(earlier.flatMap((published) => published.filter((c) => c.count !== null && now.get(c.id) === c.count).map((c) => c.id)));
}

/** Whether a new publication would show exactly what the latest one shows (then it is not made). */
export function sameAsLatest(latest: readonly PublishedCell[] | undefined, next: readonly PublishedCell[]): boolean {
  if (!latest || latest.length !== next.length) return false;
  const before = new Map(latest.map((c) => [c.id, c.count]));
  return next.every((c) => before.has(c.id) && before.get(c.id) === c.count);
}
