// Statistical disclosure control for linked count tables with totals (domain.md section 4,
// ADR 0041, ADR 0044).
//
// Primary suppression hides every count below the threshold (0, 1, 2). That alone protects
// nothing when the totals are published: anyone who knows the rule knows a hidden count is 0-2,
// and the total minus the shown counts may narrow it (Region Midtjylland 2017: 270 - 266 = 4
// over two hidden cells, so both are 2). Secondary suppression hides more cells until, given
// every shown count and total of the year's linked tables and what a reader knows of hidden ones
// (primary: 0..threshold-1, secondary: threshold or more), and every value a reader already has
// from an earlier publication:
// - every primary cell can still be anything from 0 to threshold-1 (its protection interval is
//   the whole range: a reader cannot even tell that it is not 0), and
// - every secondary cell can still be more than one value.
//
// The cells form a tree of totals: each total is the sum of its cells, and a total may be broken
// down more than one way (the nation into regions and into houses: `breakdown` names the way).
// For such a tree of sum constraints the feasible range of every cell is found exactly by interval
// propagation: up (a total lies within the sum of each breakdown's ranges) and then down (a cell
// lies within its total's range minus its siblings' ranges). An independent check computes the
// same ranges by linear programming (disclosure-audit.ts). Pure: no I/O.

export interface TableCell {
  id: string;
  count: number;
  /** Tie-break when choosing a secondary cell: the smaller population is hidden first. */
  population: number;
  /** The total this cell adds up into (undefined for the root). */
  parent?: string;
  /** When the parent is broken down more than one way (regions and houses both add up to the nation), which breakdown this cell is part of. */
  breakdown?: string;
}

export type SuppressionKind = 'primary' | 'secondary';

export interface SuppressionDecision {
  kind: SuppressionKind;
  /** For a secondary cell: the hidden cells it keeps from being narrowed. */
  protects: string[];
}

export interface Range {
  min: number;
  max: number;
}

export interface SuppressionOptions {
  /** Counts below it are not published (3). */
  threshold?: number;
  /** Cells whose current count a reader already has (shown in an earlier publication with the same value): never hidden in addition, and fixed in every range. */
  known?: ReadonlySet<string>;
  /** Cells to hide as secondary from the start, each with the cells it protects: those the joint check of a correction with the year's earlier publications asks for (ADR 0048). */
  alsoHide?: ReadonlyMap<string, readonly string[]>;
}

const byChoiceOrder = (a: TableCell, b: TableCell) => a.count - b.count || a.population - b.population || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** How many candidate subsets of one size are tried before falling back to adding the smallest cell one at a time. */
const MAX_SUBSETS_PER_SIZE = 20_000;

/** What a reader must not learn: a primary cell narrowed inside 0..threshold-1, or a secondary cell pinned to one value. */
export function isProtected(kind: SuppressionKind, range: Range, threshold = 3): boolean {
  return kind === 'primary' ? range.min <= 0 && range.max >= threshold - 1 : range.max > range.min;
}

export class TotalsTree {
  readonly byId: Map<string, TableCell>;
  /** Each total's breakdowns: the cells of each add up to it. */
  readonly breakdowns = new Map<string, TableCell[][]>();
  /** Parents before children. */
  readonly topDown: TableCell[] = [];

  constructor(cells: readonly TableCell[]) {
    this.byId = new Map(cells.map((c) => [c.id, c]));
    if (this.byId.size !== cells.length) throw new Error('two cells have the same id');
    const groups = new Map<string, Map<string, TableCell[]>>();
    for (const c of cells) {
      if (c.parent === undefined) continue;
      if (!this.byId.has(c.parent)) throw new Error(`cell ${c.id} adds up into unknown total ${c.parent}`);
      const ofParent = groups.get(c.parent) ?? new Map<string, TableCell[]>();
      ofParent.set(c.breakdown ?? '', [...(ofParent.get(c.breakdown ?? '') ?? []), c]);
      groups.set(c.parent, ofParent);
    }
    for (const [parent, ofParent] of groups) {
      this.breakdowns.set(parent, [...ofParent.values()]);
      for (const [breakdown, kids] of ofParent) {
        const sum = kids.reduce((s, k) => s + k.count, 0);
        if (sum !== this.byId.get(parent)!.count) throw new Error(`total ${parent} is ${this.byId.get(parent)!.count} but its cells${breakdown ? ` by ${breakdown}` : ''} add up to ${sum}`);
      }
    }
    const visit = (c: TableCell) => {
      this.topDown.push(c);
      for (const k of this.childrenOf(c.id)) visit(k);
    };
    for (const root of cells.filter((c) => c.parent === undefined)) visit(root);
    if (this.topDown.length !== cells.length) throw new Error('the cells do not form a tree of totals');
  }

  /** Every cell directly under the total, in all its breakdowns. */
  childrenOf(id: string): TableCell[] {
    return (this.breakdowns.get(id) ?? []).flat();
  }

  /** The cells that add up with this one: its siblings in its breakdown. */
  siblingsOf(cell: TableCell): TableCell[] {
    if (cell.parent === undefined) return [];
    return this.childrenOf(cell.parent).filter((c) => c !== cell && (c.breakdown ?? '') === (cell.breakdown ?? ''));
  }
}

/** The exact feasible range of every cell, given which cells are hidden and how, and which hidden values a reader already has. */
export function feasibleRanges(cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>, options: SuppressionOptions = {}): Map<string, Range> {
  return rangesOf(new TotalsTree(cells), hidden, options.threshold ?? 3, options.known ?? new Set());
}

function rangesOf(tree: TotalsTree, hidden: ReadonlyMap<string, SuppressionKind>, threshold: number, known: ReadonlySet<string>): Map<string, Range> {
  const range = new Map<string, Range>();
  for (const c of tree.topDown) {
    const kind = known.has(c.id) ? undefined : hidden.get(c.id);
    range.set(c.id, kind === undefined ? { min: c.count, max: c.count } : kind === 'primary' ? { min: 0, max: threshold - 1 } : { min: threshold, max: Infinity });
  }
  const sumOf = (cells: TableCell[], of: ReadonlyMap<string, Range> = range) => cells.reduce((s, c) => ({ min: s.min + of.get(c.id)!.min, max: s.max + of.get(c.id)!.max }), { min: 0, max: 0 });
  const narrow = (id: string, to: Range) => {
    const r = range.get(id)!;
    range.set(id, { min: Math.max(r.min, to.min), max: Math.min(r.max, to.max) });
  };
  for (const c of [...tree.topDown].reverse()) {
    for (const kids of tree.breakdowns.get(c.id) ?? []) narrow(c.id, sumOf(kids));
  }
  for (const c of tree.topDown) {
    const total = range.get(c.id)!;
    for (const kids of tree.breakdowns.get(c.id) ?? []) {
      const before = new Map(kids.map((k) => [k.id, range.get(k.id)!]));
      for (const k of kids) {
        // Summed without subtracting (two unbounded siblings would make ∞ − ∞).
        const others = sumOf(kids.filter((o) => o !== k), before);
        narrow(k.id, { min: total.min - others.max, max: total.max - others.min });
      }
    }
  }
  return range;
}

function* combinations<T>(items: readonly T[], k: number, start = 0, chosen: T[] = []): Generator<T[]> {
  if (chosen.length === k) {
    yield [...chosen];
    return;
  }
  for (let i = start; i <= items.length - (k - chosen.length); i++) {
    chosen.push(items[i]);
    yield* combinations(items, k, i + 1, chosen);
    chosen.pop();
  }
}

const binomial = (n: number, k: number) => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};

/** The cell to hide next for a hidden cell that can still be narrowed: the smallest shown cell beside it (or its total, or under it), else the smallest anywhere. */
export function nextCellToHide(tree: TotalsTree, exposed: string, candidate: (c: TableCell) => boolean): string | undefined {
  const cell = tree.byId.get(exposed);
  const neighbours = cell ? [...tree.siblingsOf(cell), ...tree.childrenOf(cell.id), ...(cell.parent ? [tree.byId.get(cell.parent)!] : [])].filter(candidate).sort(byChoiceOrder) : [];
  return (neighbours[0] ?? tree.topDown.filter(candidate).sort(byChoiceOrder)[0])?.id;
}

/**
 * Decides which cells to hide. Primary: every count below `threshold`. Secondary, one total at a
 * time from the bottom up (all its breakdowns at once): when a hidden cell under the total is not
 * protected (`isProtected`), hide the fewest shown cells that protect every hidden cell there, the
 * total itself counting as one cell: subsets of the cells under the total by size and, within a
 * size, preferring the smallest counts (then the smallest population, then the id); at each size
 * the cells under the total are tried before any set that hides the total. Cells a reader already
 * knows are never chosen. A last pass hides the smallest shown neighbour of any cell still not
 * protected, else the smallest shown cell anywhere (a fallback; ordinary tables never need it).
 */
export function suppressTable(cells: readonly TableCell[], options: SuppressionOptions = {}): Map<string, SuppressionDecision> {
  const threshold = options.threshold ?? 3;
  const known = options.known ?? new Set<string>();
  const tree = new TotalsTree(cells);
  const hidden = new Map<string, SuppressionKind>(cells.filter((c) => c.count < threshold).map((c) => [c.id, 'primary']));
  const protects = new Map<string, string[]>();
  const hide = (ids: string[], protecting: string[]) => {
    for (const id of ids) {
      hidden.set(id, 'secondary');
      protects.set(id, protecting);
    }
  };
  for (const [id, protecting] of options.alsoHide ?? []) if (tree.byId.has(id) && !hidden.has(id) && !known.has(id)) hide([id], [...protecting]);
  const exposedAmong = (group: readonly TableCell[]) => {
    const ranges = rangesOf(tree, hidden, threshold, known);
    return group.filter((c) => hidden.has(c.id) && !known.has(c.id) && !isProtected(hidden.get(c.id)!, ranges.get(c.id)!, threshold)).map((c) => c.id);
  };
  const candidate = (c: TableCell) => !hidden.has(c.id) && !known.has(c.id);

  for (const total of [...tree.topDown].reverse()) {
    const group = tree.childrenOf(total.id);
    if (group.length === 0) continue;
    const exposed = exposedAmong(group);
    if (exposed.length === 0) continue;
    const chosen = fewestCellsProtecting(total, group);
    if (chosen) hide(chosen, exposed);
  }

  // Fallback: while anything can still be narrowed, hide the smallest shown cell beside it (or its total, or under it), else anywhere.
  for (;;) {
    const exposed = exposedAmong(tree.topDown)[0];
    if (exposed === undefined) break;
    const next = nextCellToHide(tree, exposed, candidate);
    if (!next) break; // nothing left to hide: the audit reports it
    hide([next], [exposed]);
  }

  return new Map([...hidden].map(([id, kind]) => [id, { kind, protects: kind === 'secondary' ? (protects.get(id) ?? []) : [] }]));

  function fewestCellsProtecting(total: TableCell, group: TableCell[]): string[] | undefined {
    const candidates = group.filter(candidate).sort(byChoiceOrder);
    const withTotal = candidate(total);
    const checked = group;
    for (let k = 1; k <= candidates.length + (withTotal ? 1 : 0); k++) {
      const tooMany = binomial(candidates.length, k) > MAX_SUBSETS_PER_SIZE;
      if (tooMany) return greedily(candidates.slice(k - 1), checked, candidates.slice(0, k - 1).map((c) => c.id)) ?? (withTotal ? greedily(candidates, checked, [total.id]) : undefined);
      for (const subset of k <= candidates.length ? combinations(candidates, k) : []) {
        const ids = subset.map((c) => c.id);
        if (protectsAll(ids, checked)) return ids;
      }
      if (!withTotal) continue;
      for (const subset of combinations(candidates, k - 1)) {
        const ids = [...subset.map((c) => c.id), total.id];
        if (protectsAll(ids, checked)) return ids;
      }
    }
    return undefined;
  }

  function greedily(rest: TableCell[], checked: TableCell[], start: string[]): string[] | undefined {
    const ids = [...start];
    if (ids.length > 0 && protectsAll(ids, checked)) return ids;
    for (const c of rest) {
      ids.push(c.id);
      if (protectsAll(ids, checked)) return ids;
    }
    return undefined;
  }

  function protectsAll(ids: string[], checked: TableCell[]): boolean {
    for (const id of ids) hidden.set(id, 'secondary');
    // The group, and the chosen cells themselves (a hidden total must not be pinned by its own total).
    const ok = exposedAmong([...checked, ...ids.filter((id) => !checked.some((c) => c.id === id)).map((id) => tree.byId.get(id)!)]).length === 0;
    for (const id of ids) hidden.delete(id);
    return ok;
  }
}
