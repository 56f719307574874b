import fc from 'fast-check';
import { auditSuppression, solverIntervals } from './disclosure-audit';
import { linkedTableArbitrary } from '../test-support/linked-tables';
import { feasibleRanges, isProtected, type SuppressionKind, suppressTable, type TableCell } from './domain/suppression';

// The solver check (HiGHS, integer programming) against the suppression and its interval
// propagation, over random linked tables: municipalities under regions, and the nation broken
// down both into regions and into houses (a house's cases come from any region).

const hiddenOf = (decisions: ReturnType<typeof suppressTable>) => new Map([...decisions].map(([id, d]) => [id, d.kind]));
/** Hiding a cell only widens every hidden cell's range: if hiding all of them does not protect the table, nothing does. */
const protectable = (cells: readonly TableCell[], known: ReadonlySet<string> = new Set()) => {
  const all = new Map<string, SuppressionKind>(cells.filter((c) => !known.has(c.id)).map((c) => [c.id, c.count < 3 ? 'primary' : 'secondary']));
  const ranges = feasibleRanges(cells, all, { known });
  return [...all].every(([id, kind]) => isProtected(kind, ranges.get(id)!));
};

describe('the disclosure audit by linear programming (HiGHS)', () => {
  it('Region Midtjylland 2017: the published suppression leaves Holstebro and Ikast-Brande at exactly 2; with Lemvig hidden too each can be 0-2', async () => {
    const published: [string, number][] = [['710', 12], ['766', 50], ['657', 9], ['661', 2], ['615', 22], ['756', 2], ['665', 3], ['707', 11], ['727', 9], ['730', 8], ['760', 10], ['741', 5], ['740', 8], ['746', 24], ['779', 8], ['671', 11], ['706', 6], ['791', 32], ['751', 38]];
    const cells: TableCell[] = [...published.map(([id, count]) => ({ id, count, population: 1, parent: '1082' })), { id: '1082', count: 270, population: 19 }];
    const asPublished = await auditSuppression(cells, new Map([['661', { kind: 'primary', protects: [] }], ['756', { kind: 'primary', protects: [] }]]));
    expect(asPublished).toMatchObject({ passed: false, cells: [{ id: '661', interval: { min: 2, max: 2 }, protected: false }, { id: '756', interval: { min: 2, max: 2 }, protected: false }] });
    const audit = await auditSuppression(cells, suppressTable(cells));
    expect(audit.passed).toBe(true);
    expect(audit.cells).toEqual([
      { id: '661', kind: 'primary', protects: [], interval: { min: 0, max: 2 }, protected: true },
      { id: '756', kind: 'primary', protects: [], interval: { min: 0, max: 2 }, protected: true },
      { id: '665', kind: 'secondary', protects: ['661', '756'], interval: { min: 3, max: 7 }, protected: true },
    ]);
  });

  it('finds the same interval as the propagation for every hidden cell of random linked tables, hidden any way, with cells known from an earlier publication', async () => {
    await fc.assert(
      fc.asyncProperty(
        linkedTableArbitrary(3, 4, 6).chain((cells) => fc.tuple(fc.constant(cells), fc.subarray(cells), fc.subarray(cells.filter((c) => c.count >= 3), { maxLength: Math.min(2, cells.filter((c) => c.count >= 3).length) }))),
        async ([cells, toHide, knownCells]) => {
          const hidden = new Map<string, SuppressionKind>(toHide.map((c) => [c.id, c.count < 3 ? 'primary' : 'secondary']));
          const known = new Set(knownCells.map((c) => c.id));
          const propagated = feasibleRanges(cells, hidden, { known });
          const solved = await solverIntervals(cells, hidden, { known });
          for (const [id, interval] of solved) expect([id, interval]).toEqual([id, propagated.get(id)]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('after suppression of random linked tables, no primary count is narrowed inside 0-2 and no secondary one pinned, by the solver, and the audit agrees with it', async () => {
    await fc.assert(
      fc.asyncProperty(linkedTableArbitrary(4, 5, 9), async (cells) => {
        const decisions = suppressTable(cells);
        const audit = await auditSuppression(cells, decisions);
        if (!protectable(cells)) return expect(audit.passed).toBe(false);
        expect(audit.cells.filter((c) => !c.protected)).toEqual([]);
        for (const c of audit.cells) if (c.kind === 'primary') expect([c.id, c.interval]).toEqual([c.id, { min: 0, max: 2 }]);
        const propagated = feasibleRanges(cells, hiddenOf(decisions));
        for (const c of audit.cells) expect([c.id, c.interval]).toEqual([c.id, { min: propagated.get(c.id)!.min, max: Number.isFinite(propagated.get(c.id)!.max) ? propagated.get(c.id)!.max : null }]);
      }),
      { numRuns: 60 },
    );
  });

  it('protects a correction jointly with the earlier publication: the cells it showed with the same count stay fixed, and the audit with them passes', async () => {
    await fc.assert(
      fc.asyncProperty(linkedTableArbitrary(3, 5, 9), fc.integer({ min: 0, max: 1000 }), async (cells, pick) => {
        fc.pre(protectable(cells));
        const first = suppressTable(cells);
        // A correction moves one case from one municipality to another in the same region.
        const municipalities = cells.filter((c) => c.id.startsWith('m'));
        const from = municipalities.filter((c) => c.count > 0)[pick % Math.max(1, municipalities.filter((c) => c.count > 0).length)];
        const to = municipalities.filter((c) => from && c.parent === from.parent && c !== from)[pick % 7];
        fc.pre(from !== undefined && to !== undefined);
        const corrected = cells.map((c) => (c === from ? { ...c, count: c.count - 1 } : c === to ? { ...c, count: c.count + 1 } : c));
        const known = new Set(cells.filter((c) => !first.has(c.id) && corrected.find((d) => d.id === c.id)!.count === c.count).map((c) => c.id));
        const second = suppressTable(corrected, { known });
        for (const id of second.keys()) expect([id, known.has(id) && second.get(id)!.kind === 'secondary']).toEqual([id, false]);
        const audit = await auditSuppression(corrected, second, { known });
        if (protectable(corrected, known)) expect(audit.cells.filter((c) => !c.protected)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
