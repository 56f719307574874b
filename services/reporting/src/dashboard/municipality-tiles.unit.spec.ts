import { municipalities } from '@sagsspor/reference-data';
import { municipalityTiles } from '../../dashboard/municipality-tiles.js';

// The dashboard's tile-grid map of Denmark (docs/dashboard.md): its positions are data, held
// complete against the reference data, and placed so that each region is one area on the map.
describe('the municipality tile map', () => {
  const tiles = municipalityTiles;
  const at = (code: string) => tiles[code].join(',');

  it('has a tile for each of the 98 municipalities of the reference data, and for nothing else', () => {
    expect(municipalities).toHaveLength(98);
    expect(Object.keys(tiles).sort()).toEqual(municipalities.map((m) => m.code).sort());
  });

  it('puts no two municipalities on the same tile, and every tile on the grid (whole, non-negative column and row)', () => {
    const positions = Object.keys(tiles).map(at);
    expect(positions.filter((p, i) => positions.indexOf(p) !== i)).toEqual([]);
    for (const [code, [column, row]] of Object.entries(tiles)) expect({ code, column: Number.isInteger(column) && column >= 0, row: Number.isInteger(row) && row >= 0 }).toEqual({ code, column: true, row: true });
  });

  it('draws each region as one area of touching tiles (Bornholm, out in the Baltic, apart)', () => {
    const byPosition = new Map(Object.keys(tiles).map((code) => [at(code), code]));
    const regionOf = new Map(municipalities.map((m) => [m.code, m.regionCode]));
    for (const region of new Set(regionOf.values())) {
      const members = municipalities.filter((m) => m.regionCode === region && m.code !== '400').map((m) => m.code);
      const reached = new Set([members[0]]);
      const queue = [members[0]];
      while (queue.length > 0) {
        const [column, row] = tiles[queue.shift()!];
        for (const [dc, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const next = byPosition.get(`${column + dc},${row + dr}`);
          if (next && regionOf.get(next) === region && !reached.has(next)) {
            reached.add(next);
            queue.push(next);
          }
        }
      }
      expect({ region, notReached: members.filter((c) => !reached.has(c)) }).toEqual({ region, notReached: [] });
    }
  });

  it('keeps the country the right way round: Skagen\'s Hjørring north of Sønderborg, Esbjerg west of København, Bornholm furthest east', () => {
    expect(tiles['860'][1]).toBeLessThan(tiles['540'][1]);
    expect(tiles['561'][0]).toBeLessThan(tiles['101'][0]);
    expect(Math.max(...Object.values(tiles).map(([column]) => column))).toBe(tiles['400'][0]);
  });
});
