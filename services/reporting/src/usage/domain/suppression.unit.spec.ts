import fc from 'fast-check';
import { feasibleRanges, type Range, type SuppressionKind, suppressTable, type TableCell } from './suppression';

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

  it('leaves every hidden count with more than one possible value, over many random national tables', () => {
    fc.assert(
      fc.property(tableArbitrary(5, 12, 9), (cells) => {
        const decisions = suppressTable(cells);
        for (const c of cells) if (c.count < 3) expect(decisions.get(c.id)?.kind).toBe('primary');
        for (const [id, d] of decisions) if (d.kind === 'secondary') expect(cells.find((c) => c.id === id)!.count).toBeGreaterThanOrEqual(3);
        const ranges = feasibleRanges(cells, hiddenOf(decisions));
        for (const id of decisions.keys()) expect([id, ranges.get(id)!.max > ranges.get(id)!.min]).toEqual([id, true]);
      }),
      { numRuns: 500 },
    );
  });

  it('is checked against the oracle too on small tables (ranges of the final choice hold more than one value)', () => {
    fc.assert(
      fc.property(tableArbitrary(3, 3, 5), (cells) => {
        const decisions = suppressTable(cells);
        if (decisions.has('dk')) return;
        const ranges = bruteForceRanges(cells, hiddenOf(decisions));
        for (const id of decisions.keys()) expect([id, ranges.get(id)!.max > ranges.get(id)!.min]).toEqual([id, true]);
      }),
      { numRuns: 300 },
    );
  });

  it('hides as few cells as possible under a shown total (brute-force minimum), and the total only when no choice of cells can do', () => {
    fc.assert(
      fc.property(tableArbitrary(1, 7, 6), (national) => {
        // One region on its own: its total is the root.
        const cells = national.filter((c) => c.id !== 'dk').map((c) => (c.id === 'r0' ? { ...c, parent: undefined } : c));
        const primary = new Map<string, SuppressionKind>(cells.filter((c) => c.count < 3).map((c) => [c.id, 'primary']));
        const shownLeaves = cells.filter((c) => c.parent && c.count >= 3);
        const safe = (extra: TableCell[]) => {
          const hidden = new Map([...primary, ...extra.map((c) => [c.id, 'secondary'] as const)]);
          if (hidden.has('r0')) return true;
          const ranges = bruteForceRanges(cells, hidden);
          return [...hidden.keys()].every((id) => ranges.get(id)!.max > ranges.get(id)!.min);
        };
        let minimum: number | undefined;
        for (let k = 0; k <= shownLeaves.length && minimum === undefined; k++) {
          if (subsetsOf(shownLeaves, k).some(safe)) minimum = k;
        }
        const decisions = suppressTable(cells);
        const secondaries = [...decisions].filter(([, d]) => d.kind === 'secondary').map(([id]) => id);
        if (minimum === undefined) {
          expect(secondaries).toContain('r0');
        } else {
          expect(secondaries).not.toContain('r0');
          expect(secondaries).toHaveLength(minimum);
        }
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
