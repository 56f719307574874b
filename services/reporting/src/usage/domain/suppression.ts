// Statistical disclosure control for count tables with totals (domain.md section 4).
//
// Primary suppression hides every count below the threshold (0, 1, 2). That alone protects
// nothing when the totals are published: anyone who knows the rule knows a hidden count is 0-2,
// and the total minus the shown counts may pin it down (Region Midtjylland 2017: 270 - 266 = 4
// over two hidden cells, so both are 2). Secondary suppression hides more cells until every
// hidden count's feasible range, given all shown counts and totals and what a reader knows of
// hidden ones (primary: 0..threshold-1, secondary: threshold or more), holds more than one value.
//
// The table is a tree: each total is the sum of its children (a region of its municipalities,
// the nation of its regions). For a tree of sum constraints the feasible range of every cell is
// found exactly by interval propagation: up (a total lies within the sums of its children's
// ranges) and then down (a child lies within its total's range minus its siblings' ranges).
// Pure: no I/O.

export interface TableCell {
  id: string;
  count: number;
  /** Tie-break when choosing a secondary cell: the smaller population is hidden first. */
  population: number;
  /** The total this cell adds up into (undefined for the root). */
  parent?: string;
}

export type SuppressionKind = 'primary' | 'secondary';

export interface SuppressionDecision {
  kind: SuppressionKind;
  /** For a secondary cell: the hidden cells it keeps from being worked out. */
  protects: string[];
}

export interface Range {
  min: number;
  max: number;
}

const byChoiceOrder = (a: TableCell, b: TableCell) => a.count - b.count || a.population - b.population || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** How many candidate subsets of one size are tried before falling back to adding the smallest cell one at a time. */
const MAX_SUBSETS_PER_SIZE = 20_000;

class Tree {
  readonly byId: Map<string, TableCell>;
  readonly children = new Map<string, TableCell[]>();
  /** Parents before children. */
  readonly topDown: TableCell[] = [];

  constructor(cells: readonly TableCell[]) {
    this.byId = new Map(cells.map((c) => [c.id, c]));
    for (const c of cells) {
      if (c.parent === undefined) continue;
      if (!this.byId.has(c.parent)) throw new Error(`cell ${c.id} adds up into unknown total ${c.parent}`);
      this.children.set(c.parent, [...(this.children.get(c.parent) ?? []), c]);
    }
    for (const [parent, kids] of this.children) {
      const sum = kids.reduce((s, k) => s + k.count, 0);
      if (sum !== this.byId.get(parent)!.count) throw new Error(`total ${parent} is ${this.byId.get(parent)!.count} but its cells add up to ${sum}`);
    }
    const visit = (c: TableCell) => {
      this.topDown.push(c);
      for (const k of this.children.get(c.id) ?? []) visit(k);
    };
    for (const root of cells.filter((c) => c.parent === undefined)) visit(root);
    if (this.topDown.length !== cells.length) throw new Error('the cells do not form a tree of totals');
  }
}

/** The exact feasible range of every cell, given which cells are hidden and how. */
export function feasibleRanges(cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>, threshold = 3): Map<string, Range> {
  return rangesOf(new Tree(cells), hidden, threshold);
}

function rangesOf(tree: Tree, hidden: ReadonlyMap<string, SuppressionKind>, threshold: number): Map<string, Range> {
  const range = new Map<string, Range>();
  for (const c of tree.topDown) {
    const kind = hidden.get(c.id);
    range.set(c.id, kind === undefined ? { min: c.count, max: c.count } : kind === 'primary' ? { min: 0, max: threshold - 1 } : { min: threshold, max: Infinity });
  }
  const sumOf = (cells: TableCell[], of: ReadonlyMap<string, Range> = range) => cells.reduce((s, c) => ({ min: s.min + of.get(c.id)!.min, max: s.max + of.get(c.id)!.max }), { min: 0, max: 0 });
  const narrow = (id: string, to: Range) => {
    const r = range.get(id)!;
    range.set(id, { min: Math.max(r.min, to.min), max: Math.min(r.max, to.max) });
  };
  for (const c of [...tree.topDown].reverse()) {
    const kids = tree.children.get(c.id);
    if (kids) narrow(c.id, sumOf(kids));
  }
  for (const c of tree.topDown) {
    const kids = tree.children.get(c.id);
    if (!kids) continue;
    const total = range.get(c.id)!;
    const before = new Map(kids.map((k) => [k.id, range.get(k.id)!]));
    for (const k of kids) {
      // Summed without subtracting (two unbounded siblings would make ∞ − ∞).
      const others = sumOf(kids.filter((o) => o !== k), before);
      narrow(k.id, { min: total.min - others.max, max: total.max - others.min });
    }
  }
  return range;
}

const isExposed = (r: Range) => r.min >= r.max;

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

/**
 * Decides which cells to hide. Primary: every count below `threshold`. Secondary, one total at a
 * time from the bottom up: when a hidden cell under a total can be worked out, hide the fewest
 * shown cells under the same total that stop it, preferring the smallest counts (then the
 * smallest population, then the id); only when no choice of cells under the total can protect
 * them is the total itself hidden. A last pass adds the smallest shown neighbour of any cell
 * still exposed (a fallback for hidden totals; ordinary tables never need it).
 */
export function suppressTable(cells: readonly TableCell[], threshold = 3): Map<string, SuppressionDecision> {
  const tree = new Tree(cells);
  const hidden = new Map<string, SuppressionKind>(cells.filter((c) => c.count < threshold).map((c) => [c.id, 'primary']));
  const protects = new Map<string, string[]>();
  const hide = (ids: string[], protecting: string[]) => {
    for (const id of ids) {
      hidden.set(id, 'secondary');
      protects.set(id, protecting);
    }
  };
  const exposedAmong = (group: TableCell[]) => {
    const ranges = rangesOf(tree, hidden, threshold);
    return group.filter((c) => hidden.has(c.id) && isExposed(ranges.get(c.id)!)).map((c) => c.id);
  };

  for (const total of [...tree.topDown].reverse()) {
    const group = tree.children.get(total.id);
    if (!group) continue;
    const exposed = exposedAmong(group);
    if (exposed.length === 0) continue;
    const chosen = fewestCellsProtecting(group) ?? (hidden.has(total.id) ? undefined : hideTotalThenFewest(total, group, exposed));
    if (chosen) hide(chosen, exposed);
  }

  // Fallback: while anything can still be worked out, hide the smallest shown cell beside it (or its total).
  for (;;) {
    const ranges = rangesOf(tree, hidden, threshold);
    const exposed = tree.topDown.find((c) => hidden.has(c.id) && isExposed(ranges.get(c.id)!));
    if (!exposed) break;
    const siblings = exposed.parent === undefined ? [] : tree.children.get(exposed.parent)!;
    const neighbours = [...siblings, ...(tree.children.get(exposed.id) ?? [])].filter((c) => !hidden.has(c.id)).sort(byChoiceOrder);
    const parent = exposed.parent === undefined ? undefined : tree.byId.get(exposed.parent)!;
    const next = neighbours[0] ?? (parent && !hidden.has(parent.id) ? parent : undefined);
    if (!next) break; // everything around it is hidden already: its range is only its bounds
    hide([next.id], [exposed.id]);
  }

  return new Map([...hidden].map(([id, kind]) => [id, { kind, protects: kind === 'secondary' ? (protects.get(id) ?? []) : [] }]));

  function fewestCellsProtecting(group: TableCell[]): string[] | undefined {
    const candidates = group.filter((c) => !hidden.has(c.id)).sort(byChoiceOrder);
    for (let k = 1; k <= candidates.length; k++) {
      if (binomial(candidates.length, k) > MAX_SUBSETS_PER_SIZE) return greedily(candidates.slice(k - 1), group, candidates.slice(0, k - 1).map((c) => c.id));
      for (const subset of combinations(candidates, k)) {
        const ids = subset.map((c) => c.id);
        if (protectsAll(ids, group)) return ids;
      }
    }
    return undefined;
  }

  function greedily(rest: TableCell[], group: TableCell[], start: string[]): string[] | undefined {
    const ids = [...start];
    for (const c of rest) {
      ids.push(c.id);
      if (protectsAll(ids, group)) return ids;
    }
    return undefined;
  }

  function protectsAll(ids: string[], group: TableCell[]): boolean {
    for (const id of ids) hidden.set(id, 'secondary');
    const ok = exposedAmong(group).length === 0;
    for (const id of ids) hidden.delete(id);
    return ok;
  }

  function hideTotalThenFewest(total: TableCell, group: TableCell[], exposed: string[]): string[] {
    hide([total.id], exposed);
    return exposedAmong(group).length === 0 ? [] : (fewestCellsProtecting(group) ?? []);
  }
}
