import fc from 'fast-check';
import { feasibleRanges, isProtected, type Range, type SuppressionKind, suppressTable, type TableCell } from './suppression';

// An oracle that knows nothing of interval propagation: it enumerates every assignment of the
// hidden leaves that agrees with the shown counts and totals and with what a reader knows of
// hidden cells (primary 0-2, secondary 3+), and records each hidden cell's smallest and largest value.
function bruteForceRanges(cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>): Map<string, Range> {
  const children = new Map<string, TableCell[]>();
  for (const c of cells) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
  const leaves = cells.filter((c) => !children.has(c.id));
  const root = cells.find((c) => !c.parent)!;
  if (hidden.has(root.id)) throw new Error('the oracle needs a shown root to bound the search');
  const valueOfNode = (id: string, leafValues: Map<string, number>): number => (children.has(id) ? children.get(id)!.reduce((s, k) => s + valueOfNode(k.id, leafValues), 0) : leafValues.get(id)!);
  const allowed = (id: string, v: number) => {
    const kind = hidden.get(id);
    const cell = cells.find((c) => c.id === id)!;
    return kind === undefined ? v === cell.count : kind === 'primary' ? v <= 2 : v >= 3;
  };
  const ranges = new Map<string, Range>();
  const values = new Map<string, number>();
  const record = () => {
    for (const c of cells) {
      const v = valueOfNode(c.id, values);
      if (!allowed(c.id, v)) return;
    }
    for (const c of cells) {
      if (!hidden.has(c.id)) continue;
      const v = valueOfNode(c.id, values);
      const r = ranges.get(c.id);
      ranges.set(c.id, { min: Math.min(r?.min ?? v, v), max: Math.max(r?.max ?? v, v) });
    }
  };
  const assign = (i: number, used: number) => {
    if (used > root.count) return;
    if (i === leaves.length) return record();
    const leaf = leaves[i];
    const kind = hidden.get(leaf.id);
    const options = kind === undefined ? [leaf.count] : kind === 'primary' ? [0, 1, 2] : Array.from({ length: Math.max(0, root.count - used - 2) }, (_, v) => v + 3);
    for (const v of options) {
      values.set(leaf.id, v);
      assign(i + 1, used + v);
    }
  };
  assign(0, 0);
  return ranges;
}

/** A national table: regions of municipalities, counts mostly small. */
const tableArbitrary = (maxRegions: number, maxMunicipalities: number, maxCount: number) =>
  fc.array(fc.array(fc.record({ count: fc.integer({ min: 0, max: maxCount }), population: fc.integer({ min: 1, max: 50 }) }), { minLength: 1, maxLength: maxMunicipalities }), { minLength: 1, maxLength: maxRegions }).map((regions) => {
    const cells: TableCell[] = [];
    regions.forEach((ms, r) => {
      ms.forEach((m, i) => cells.push({ id: `m${r}.${i}`, count: m.count, population: m.population, parent: `r${r}` }));
      cells.push({ id: `r${r}`, count: ms.reduce((s, m) => s + m.count, 0), population: ms.reduce((s, m) => s + m.population, 0), parent: 'dk' });
    });
    cells.push({ id: 'dk', count: cells.filter((c) => c.id.startsWith('r')).reduce((s, c) => s + c.count, 0), population: 1 });
    return cells;
  });

const hiddenOf = (decisions: ReturnType<typeof suppressTable>) => new Map([...decisions].map(([id, d]) => [id, d.kind]));
const allProtected = (cells: readonly TableCell[], hidden: ReadonlyMap<string, SuppressionKind>) => {
  const ranges = feasibleRanges(cells, hidden);
  return [...hidden].every(([id, kind]) => isProtected(kind, ranges.get(id)!));
};
/**
 * Whether any suppression can protect the table: hiding a cell only widens every hidden cell's
 * range, so if hiding every cell does not do it, nothing does (a total of 3 or 4 made of counts
 * 0-2 only: hidden, it is known to be 3 or more, so its cells cannot all be 0).
 */
const protectable = (cells: readonly TableCell[]) => allProtected(cells, new Map(cells.map((c) => [c.id, c.count < 3 ? 'primary' : 'secondary'])));

describe('secondary suppression', () => {
  it('Region Midtjylland 2017: Holstebro and Ikast-Brande (2 each) would be derivable from 270 − 266; Lemvig (3, the smallest shown) is hidden too', () => {
    const published: [string, number, number][] = [
      ['710', 12, 11821], ['766', 50, 10686], ['657', 9, 19224], ['661', 2, 12656], ['615', 22, 19180], ['756', 2, 9223], ['665', 3, 3867], ['707', 11, 6940], ['727', 9, 4849], ['730', 8, 20053],
      ['760', 10, 12493], ['741', 5, 554], ['740', 8, 20590], ['746', 24, 15237], ['779', 8, 9381], ['671', 11, 4340], ['706', 6, 8505], ['791', 32, 21395], ['751', 38, 62903],
    ];
    const cells: TableCell[] = [...published.map(([id, count, population]) => ({ id, count, population, parent: '1082' })), { id: '1082', count: 270, population: 273897 }];
    const primaryOnly = feasibleRanges(cells, new Map([['661', 'primary'], ['756', 'primary']]));
    expect([primaryOnly.get('661'), primaryOnly.get('756')]).toEqual([{ min: 2, max: 2 }, { min: 2, max: 2 }]);
    const decisions = suppressTable(cells);
    expect(decisions).toEqual(
      new Map([
        ['661', { kind: 'primary', protects: [] }],
        ['756', { kind: 'primary', protects: [] }],
        ['665', { kind: 'secondary', protects: ['661', '756'] }],
      ]),
    );
    const ranges = feasibleRanges(cells, hiddenOf(decisions));
    expect([ranges.get('661'), ranges.get('756'), ranges.get('665')]).toEqual([{ min: 0, max: 2 }, { min: 0, max: 2 }, { min: 3, max: 7 }]);
  });

  it('computes exactly the ranges that enumerating every consistent assignment gives', () => {
    fc.assert(
      fc.property(
        tableArbitrary(3, 3, 6).chain((cells) => fc.tuple(fc.constant(cells), fc.subarray(cells.filter((c) => c.id !== 'dk')))),
        ([cells, toHide]) => {
          const hidden = new Map<string, SuppressionKind>(toHide.map((c) => [c.id, c.count < 3 ? 'primary' : 'secondary']));
          const exact = bruteForceRanges(cells, hidden);
          const computed = feasibleRanges(cells, hidden);
          for (const id of hidden.keys()) expect([id, computed.get(id)]).toEqual([id, exact.get(id)]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves every primary count anything from 0 to 2 and every secondary count more than one value, over many random national tables', () => {
    fc.assert(
      fc.property(tableArbitrary(5, 12, 9), (cells) => {
        const decisions = suppressTable(cells);
        if (!protectable(cells)) return expect(allProtected(cells, hiddenOf(decisions))).toBe(false);
        for (const c of cells) if (c.count < 3) expect(decisions.get(c.id)?.kind).toBe('primary');
        for (const [id, d] of decisions) if (d.kind === 'secondary') expect(cells.find((c) => c.id === id)!.count).toBeGreaterThanOrEqual(3);
        const ranges = feasibleRanges(cells, hiddenOf(decisions));
        for (const [id, d] of decisions) {
          expect([id, ranges.get(id)!.max > ranges.get(id)!.min]).toEqual([id, true]);
          if (d.kind === 'primary') expect([id, ranges.get(id)]).toEqual([id, { min: 0, max: 2 }]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is checked against the oracle too on small tables (no primary narrowed inside 0-2, no secondary pinned)', () => {
    fc.assert(
      fc.property(tableArbitrary(3, 3, 5), (cells) => {
        const decisions = suppressTable(cells);
        if (decisions.has('dk') || !protectable(cells)) return;
        const ranges = bruteForceRanges(cells, hiddenOf(decisions));
        for (const [id, d] of decisions) expect([id, d.kind, ranges.get(id), isProtected(d.kind, ranges.get(id)!)]).toEqual([id, d.kind, ranges.get(id), true]);
      }),
      { numRuns: 300 },
    );
  });

  it('does not leave two hidden counts that share a remainder of 3 narrowed to 1-2 (the issue 22 case)', () => {
    // 20 = 9 + 8 + 1 + 2: hiding the 1 and the 2 leaves 3 for them, so each is 1 or 2: someone was counted.
    const cells: TableCell[] = [
      { id: 'a', count: 9, population: 10, parent: 't' },
      { id: 'b', count: 8, population: 10, parent: 't' },
      { id: 'c', count: 1, population: 10, parent: 't' },
      { id: 'd', count: 2, population: 10, parent: 't' },
      { id: 't', count: 20, population: 40 },
    ];
    expect(feasibleRanges(cells, new Map([['c', 'primary'], ['d', 'primary']])).get('c')).toEqual({ min: 1, max: 2 });
    const decisions = suppressTable(cells);
    expect([...decisions.keys()].sort()).toEqual(['b', 'c', 'd']);
    const ranges = feasibleRanges(cells, hiddenOf(decisions));
    expect([ranges.get('c'), ranges.get('d'), ranges.get('b')]).toEqual([{ min: 0, max: 2 }, { min: 0, max: 2 }, { min: 7, max: 11 }]);
  });

  it('never hides a cell a reader already has from an earlier publication, and fixes it in every range', () => {
    const cells: TableCell[] = [
      { id: 'a', count: 9, population: 10, parent: 't' },
      { id: 'b', count: 3, population: 10, parent: 't' },
      { id: 'c', count: 2, population: 10, parent: 't' },
      { id: 'd', count: 2, population: 10, parent: 't' },
      { id: 't', count: 16, population: 40 },
    ];
    expect([...suppressTable(cells).keys()].sort()).toEqual(['b', 'c', 'd']);
    // b was shown as 3 before and is 3 still: hiding it now would protect nothing.
    const decisions = suppressTable(cells, { known: new Set(['b']) });
    expect([...decisions.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(feasibleRanges(cells, new Map([['b', 'secondary'], ['c', 'primary'], ['d', 'primary']]), { known: new Set(['b']) }).get('c')).toEqual({ min: 2, max: 2 });
  });

  it('hides as few cells as possible (brute-force minimum, the total counting as one), the total only when no as small choice of cells under it can do', () => {
    fc.assert(
      fc.property(tableArbitrary(1, 7, 6), (national) => {
        // One region on its own: its total is the root.
        const cells = national.filter((c) => c.id !== 'dk').map((c) => (c.id === 'r0' ? { ...c, parent: undefined } : c));
        const primary = new Map<string, SuppressionKind>(cells.filter((c) => c.count < 3).map((c) => [c.id, 'primary']));
        const shown = cells.filter((c) => c.count >= 3);
        const safe = (extra: TableCell[]) => {
          const hidden = new Map([...primary, ...extra.map((c) => [c.id, 'secondary'] as const)]);
          const ranges = hidden.has('r0') ? feasibleRanges(cells, hidden) : bruteForceRanges(cells, hidden);
          return [...hidden].every(([id, kind]) => isProtected(kind, ranges.get(id)!));
        };
        let minimum: number | undefined;
        let needsTotal = false;
        for (let k = 0; k <= shown.length && minimum === undefined; k++) {
          const subsets = subsetsOf(shown, k).filter(safe);
          if (subsets.length > 0) {
            minimum = k;
            needsTotal = subsets.every((s) => s.some((c) => c.id === 'r0'));
          }
        }
        const decisions = suppressTable(cells);
        if (minimum === undefined) return expect(protectable(cells)).toBe(false);
        const secondaries = [...decisions].filter(([, d]) => d.kind === 'secondary').map(([id]) => id);
        expect(secondaries).toHaveLength(minimum);
        if (needsTotal) expect(secondaries).toContain('r0');
        else expect(secondaries).not.toContain('r0');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a table whose totals do not add up', () => {
    expect(() => suppressTable([{ id: 'a', count: 2, population: 1, parent: 't' }, { id: 't', count: 3, population: 1 }])).toThrow(/add up to 2/);
  });
});

function subsetsOf<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsetsOf(rest, k - 1).map((s) => [first, ...s]), ...subsetsOf(rest, k)];
}
