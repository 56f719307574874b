import { referenceDatasets } from '../reference/reference-data.seed';
import { housesIn, referenceHouses, referenceMunicipalities, referenceNames, referencePoliceDistricts, referenceRegions } from './reference-rows';

// The reports read the reference rows from memory; the database's ref_* tables are seeded from the
// same data. These are the rows, and in the order, the reports' SELECTs gave them.
describe('the reference rows the reports group by and name', () => {
  const seeded = (name: string) => referenceDatasets.find((d) => d.name === name)!.rows;
  const cOrder = (codes: string[]) => [...codes].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  it('are the seeded rows of ref_regions, ref_houses, ref_municipalities and ref_police_districts', () => {
    expect(referenceRegions.map((r) => [r.code, r.name])).toEqual(cOrder(seeded('regions').map((r) => r[0] as string)).map((code) => seeded('regions').find((r) => r[0] === code)));
    expect(new Set(referenceHouses.map((h) => `${h.code}|${h.name}`))).toEqual(new Set(seeded('houses').map((r) => `${r[0]}|${r[1]}`)));
    expect(referenceMunicipalities.map((m) => [m.code, m.name, m.regionCode, m.defaultHouse])).toEqual(cOrder(seeded('municipalities').map((r) => r[0] as string)).map((code) => seeded('municipalities').find((r) => r[0] === code)));
    expect(referencePoliceDistricts.map((d) => [d.code, d.name])).toEqual(cOrder(seeded('police-districts').map((r) => r[0] as string)).map((code) => seeded('police-districts').find((r) => r[0] === code)));
    expect([referenceRegions.length, referenceHouses.length, referenceMunicipalities.length, referencePoliceDistricts.length]).toEqual([5, 5, 98, 12]);
  });

  it('orders the houses by their region code (ORDER BY region_code): Nord, Midt, Syd, Hovedstaden, Sjælland', () => {
    expect(referenceHouses.map((h) => h.code)).toEqual(['nord', 'midt', 'syd', 'hovedstaden', 'sjaelland']);
    expect(housesIn('syd')).toEqual([{ code: 'syd', name: 'Børnehus Syd' }]);
    expect(housesIn(undefined)).toHaveLength(5);
  });

  it('names a house, a municipality or a police district by its code, and no code is two of them', () => {
    expect(referenceNames.size).toBe(5 + 98 + 12);
    expect([referenceNames.get('midt'), referenceNames.get('751'), referenceNames.get('oestjylland')]).toEqual(['Børnehus Midt', 'Aarhus', expect.stringContaining('Østjylland')]);
  });
});
