import { regionMidt2017 } from '../../test-support/region-midt-2017';
import { feasibleRanges, suppressTable, type TableCell } from '../../usage/domain/suppression';
import { knownFromEarlier, publishedCells, sameAsLatest } from './publication';

const midt = regionMidt2017.filter((m) => m.code !== 'TOTAL');
const table = (closed: (code: string, n: number) => number): TableCell[] => {
  const cells = midt.map((m) => ({ id: m.code, count: closed(m.code, m.closed), population: m.population, parent: '1082' }));
  return [...cells, { id: '1082', count: cells.reduce((s, c) => s + c.count, 0), population: 273897 }];
};
const hiddenIds = (decisions: ReturnType<typeof suppressTable>) => [...decisions.keys()].sort();

describe('publications of a year', () => {
  const first = table((_, n) => n);
  const firstDecisions = suppressTable(first);
  const published = publishedCells(first, new Set(firstDecisions.keys()));
  // A correction: three more cases closed in Lemvig (3 → 6). Samsø (5) is now the smallest shown count.
  const corrected = table((code, n) => (code === '665' ? n + 3 : n));

  it('publication 1 of Region Midtjylland 2017 hides Holstebro and Ikast-Brande, and Lemvig in addition', () => {
    expect(hiddenIds(firstDecisions)).toEqual(['661', '665', '756']);
    expect(published.find((c) => c.id === '665')).toEqual({ id: '665', count: null });
  });

  it('a correction protected on its own would hide Samsø instead: with Samsø known from publication 1, Holstebro and Ikast-Brande are both 2', () => {
    const alone = suppressTable(corrected);
    expect(hiddenIds(alone)).toEqual(['661', '741', '756']);
    const known = knownFromEarlier([published], corrected);
    const ranges = feasibleRanges(corrected, new Map([...alone].map(([id, d]) => [id, d.kind])), { known });
    expect([ranges.get('661'), ranges.get('756')]).toEqual([{ min: 2, max: 2 }, { min: 2, max: 2 }]);
  });

  it('protected jointly with publication 1, the correction hides Lemvig again (hidden before, so not known), and nothing can be narrowed', () => {
    const known = knownFromEarlier([published], corrected);
    expect(known.has('741')).toBe(true);
    expect(known.has('665')).toBe(false);
    expect(known.has('1082')).toBe(false); // 270 then, 273 now
    const jointly = suppressTable(corrected, { known });
    expect(hiddenIds(jointly)).toEqual(['661', '665', '756']);
    const ranges = feasibleRanges(corrected, new Map([...jointly].map(([id, d]) => [id, d.kind])), { known });
    expect([ranges.get('661'), ranges.get('756'), ranges.get('665')]).toEqual([{ min: 0, max: 2 }, { min: 0, max: 2 }, { min: 6, max: 10 }]);
  });

  it('knows a cell only while its count is what an earlier publication showed', () => {
    expect(knownFromEarlier([[{ id: 'a', count: 5 }, { id: 'b', count: null }, { id: 'c', count: 4 }]], [{ id: 'a', count: 5, population: 1 }, { id: 'b', count: 2, population: 1 }, { id: 'c', count: 6, population: 1 }])).toEqual(new Set(['a']));
  });

  it('makes no new publication when the cells show what the latest one shows', () => {
    expect(sameAsLatest(published, publishedCells(first, new Set(firstDecisions.keys())))).toBe(true);
    expect(sameAsLatest(published, publishedCells(corrected, new Set(firstDecisions.keys())))).toBe(false);
    expect(sameAsLatest(undefined, published)).toBe(false);
  });
});
