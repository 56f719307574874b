import fc from 'fast-check';
import type { TableCell } from '../usage/domain/suppression';

/** A national table linked two ways: regions of municipalities, and houses, both adding up to the nation. */
export const linkedTableArbitrary = (maxRegions: number, maxMunicipalities: number, maxCount: number) =>
  fc
    .array(fc.array(fc.record({ count: fc.integer({ min: 0, max: maxCount }), population: fc.integer({ min: 1, max: 50 }) }), { minLength: 1, maxLength: maxMunicipalities }), { minLength: 1, maxLength: maxRegions })
    .chain((regions) => fc.tuple(fc.constant(regions), fc.array(fc.tuple(fc.nat(regions.length - 1), fc.nat(regions.length - 1), fc.nat(4)), { maxLength: 4 })))
    .map(([regions, transfers]) => {
      const cells: TableCell[] = [];
      const houses = regions.map((ms) => ms.reduce((s, m) => s + m.count, 0));
      // Cases of one region's municipalities handled by another region's house.
      for (const [from, to, n] of transfers) {
        const moved = Math.min(n, houses[from]);
        houses[from] -= moved;
        houses[to] += moved;
      }
      regions.forEach((ms, r) => {
        ms.forEach((m, i) => cells.push({ id: `m${r}.${i}`, count: m.count, population: m.population, parent: `r${r}` }));
        cells.push({ id: `r${r}`, count: ms.reduce((s, m) => s + m.count, 0), population: ms.reduce((s, m) => s + m.population, 0), parent: 'dk', breakdown: 'region' });
        cells.push({ id: `h${r}`, count: houses[r], population: ms.reduce((s, m) => s + m.population, 0), parent: 'dk', breakdown: 'house' });
      });
      cells.push({ id: 'dk', count: houses.reduce((a, b) => a + b, 0), population: 1 });
      return cells;
    });

