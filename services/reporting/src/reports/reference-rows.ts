import { houses, municipalities, policeDistricts } from '@sagsspor/reference-data';

// The houses, regions, municipalities and police districts the reports group by and name, from the
// reference data the service ships (the ref_* tables hold the same rows, seeded from it, for joins in
// SQL). A report reads them here rather than from the database: they change only with a release, and a
// statement per list cost a round trip per request. Orders are the ones the reports asked the
// database for (text codes in byte order, as the database's C collation sorts them).

export interface NamedRow {
  code: string;
  name: string;
}

export interface MunicipalityRow extends NamedRow {
  regionCode: string;
  defaultHouse: string;
}

const byCode = <T extends { code: string }>(rows: T[]): T[] => rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Municipalities, by code. */
export const referenceMunicipalities: readonly MunicipalityRow[] = byCode(municipalities.map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, defaultHouse: m.defaultHouse })));

/** Regions, by code. */
export const referenceRegions: readonly NamedRow[] = byCode([...new Map(municipalities.map((m) => [m.regionCode, m.regionName]))].map(([code, name]) => ({ code, name })));

/** Houses, by the code of their region. */
export const referenceHouses: readonly NamedRow[] = [...houses].sort((a, b) => (a.regionCode < b.regionCode ? -1 : 1)).map((h) => ({ code: h.code, name: h.name }));

/** Police districts, by code. */
export const referencePoliceDistricts: readonly NamedRow[] = byCode(policeDistricts.map((d) => ({ code: d.code, name: d.name })));

/** A house with the code and name of its region (the house codes are validated before this is asked). */
export function houseWithRegion(houseCode: string): { name: string; regionCode: string; regionName: string } {
  const house = houses.find((h) => h.code === houseCode);
  if (!house) throw new Error(`Unknown house: ${houseCode}`);
  return { name: house.name, regionCode: house.regionCode, regionName: referenceRegions.find((r) => r.code === house.regionCode)!.name };
}

/** Houses, or the one house asked for (none: none of them). */
export const housesIn = (house: string | undefined | null): NamedRow[] => referenceHouses.filter((h) => !house || h.code === house);

/** The name of a house, municipality or police district by its code (their codes do not overlap). */
export const referenceNames: ReadonlyMap<string, string> = new Map([...referenceHouses, ...referenceMunicipalities, ...referencePoliceDistricts].map((r) => [r.code, r.name]));
