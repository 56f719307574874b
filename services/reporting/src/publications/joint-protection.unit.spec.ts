import fc from 'fast-check';
import { linkedTableArbitrary } from '../test-support/linked-tables';
import { auditSuppression, jointIntervals, type Release } from '../usage/disclosure-audit';
import { type SuppressionKind, suppressTable, type TableCell } from '../usage/domain/suppression';
import { type EarlierPublication, knownFromEarlier, publishedCells, releaseOf } from './domain/publication';
import { protectJointly } from './joint-protection';

// ADR 0048: a correction checked together with the year's earlier publications, by a reader who
// knows which counts the correction changed (the worst case): a count that did not change is one
// value in both publications.

const region = (counts: number[]): TableCell[] => [...counts.map((count, i) => ({ id: `m${i}`, count, population: 10 + i, parent: 'r' })), { id: 'r', count: counts.reduce((a, b) => a + b, 0), population: 100 }];
const hiddenOf = (decisions: ReadonlyMap<string, { kind: SuppressionKind }>) => new Map([...decisions].map(([id, d]) => [id, d.kind]));
const publication = (number: number, cells: TableCell[], hidden: Iterable<string>): EarlierPublication => ({ number, cells: publishedCells(cells, new Set(hidden)), trueCells: cells });

describe('a correction protected jointly with the earlier publications of the year', () => {
  // Worked example (docs/services/reporting.md): five municipalities with 8, 1, 3, 8 and 7 cases, 27 in all.
  const first = region([8, 1, 3, 8, 7]);
  const firstHidden = suppressTable(first);
  const published = publication(1, first, firstHidden.keys());
  // A correction: the fourth municipality had 5, not 8.
  const corrected = region([8, 1, 3, 5, 7]);

  it('publication 1 hides the 1 (primary) and the 7 (secondary): 27 − 8 − 3 − 8 = 8 leaves the 1 anywhere in 0-2', async () => {
    expect([...firstHidden.keys()].sort()).toEqual(['m1', 'm4']);
    expect((await auditSuppression(first, firstHidden)).passed).toBe(true);
  });

  it('protected only against what publication 1 showed, the correction hides the 5 and shows the 7: alone it passes, read with publication 1 it gives the 1 away', async () => {
    const known = knownFromEarlier([published.cells], corrected);
    expect([...known].sort()).toEqual(['m0', 'm2']);
    const alone = suppressTable(corrected, { known });
    expect([...alone.keys()].sort()).toEqual(['m1', 'm3']);
    expect((await auditSuppression(corrected, alone, { known })).passed).toBe(true);
    // Publication 1: m1 + m4 = 8. Publication 2 shows m4 = 7, unchanged: so m1 = 1.
    const together = await auditSuppression(corrected, alone, { known }, [releaseOf(published)!]);
    expect(together.passed).toBe(false);
    expect(together.cells.find((c) => c.id === 'm1')).toMatchObject({ interval: { min: 1, max: 1 }, protected: false });
    expect(together.earlierExposed).toEqual([{ release: 0, id: 'm1', interval: { min: 1, max: 1 } }]);
  });

  it('protected jointly, it hides the 7 again instead of the 5 (the cells publication 1 hid), and the two publications together narrow nothing', async () => {
    const { decisions, audit, alsoHide } = await protectJointly(corrected, [published]);
    expect(alsoHide).toEqual(new Map([['m4', ['m1']]]));
    expect([...decisions.keys()].sort()).toEqual(['m1', 'm4']);
    expect(decisions.get('m4')).toEqual({ kind: 'secondary', protects: ['m1'] });
    expect(audit.passed).toBe(true);
    // Both publications say m1 + m4 = 8: m1 is still anything in 0-2, and m4 6-8.
    expect(Object.fromEntries(audit.cells.map((c) => [c.id, c.interval]))).toEqual({ m1: { min: 0, max: 2 }, m4: { min: 6, max: 8 } });
    expect(audit.method).toMatch(/earlier one\(s\) together/);
  });

  it('keeps a publication made before the true counts were kept to what it showed', async () => {
    const legacy: EarlierPublication = { ...published, trueCells: null };
    expect(releaseOf(legacy)).toBeUndefined();
    const { decisions, known } = await protectJointly(corrected, [legacy]);
    expect([...known].sort()).toEqual(['m0', 'm2']);
    expect([...decisions.keys()].sort()).toEqual(['m1', 'm3']);
  });

  it('over random linked tables and chains of corrections: no primary cell of any publication narrowed inside 0-2 and no secondary cell of the latest pinned, by the solver over all of them; or nothing could protect it', async () => {
    const correct = (cells: TableCell[], pick: number, delta: number): TableCell[] => {
      const municipalities = cells.filter((c) => c.id.startsWith('m'));
      const m = municipalities[pick % municipalities.length];
      const region = m.parent!;
      const house = `h${region.slice(1)}`;
      // A case of the municipality, handled by its region's house, added or taken away (no count below 0).
      const change = Math.max(-m.count, -cells.find((c) => c.id === house)!.count, delta);
      return cells.map((c) => ([m.id, region, house, 'dk'].includes(c.id) ? { ...c, count: c.count + change } : c));
    };
    await fc.assert(
      fc.asyncProperty(linkedTableArbitrary(3, 4, 8), fc.array(fc.tuple(fc.nat(50), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 2 }), async (cells, corrections) => {
        const publications: EarlierPublication[] = [];
        let current = cells;
        for (const step of [undefined, ...corrections]) {
          if (step) current = correct(current, ...step);
          const { decisions, audit, known } = await protectJointly(current, publications);
          if (!audit.passed) {
            // Hiding every cell a reader does not already have is the most any suppression can do.
            const everything = new Map(current.filter((c) => !known.has(c.id)).map((c) => [c.id, { kind: (c.count < 3 ? 'primary' : 'secondary') as SuppressionKind, protects: [] }]));
            expect((await auditSuppression(current, everything, { known }, publications.map((p) => releaseOf(p)!))).passed).toBe(false);
            return;
          }
          const releases: Release[] = [...publications.map((p) => releaseOf(p)!), { cells: current, hidden: hiddenOf(decisions) }];
          const intervals = await jointIntervals(releases);
          releases.forEach((release, r) => {
            for (const [id, range] of intervals[r]) {
              if (release.hidden.get(id) === 'primary') expect([r, id, range]).toEqual([r, id, { min: 0, max: 2 }]);
              else if (r === releases.length - 1) expect([id, range.max > range.min]).toEqual([id, true]);
            }
          });
          publications.push(publication(publications.length + 1, current, decisions.keys()));
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
