import { readFileSync } from 'node:fs';
import path from 'node:path';

// Reference data is data: CSV files versioned with the code (from the published sources),
// parsed at start-up. Reporting will load versioned copies into its database (populations, tariffs).

export interface Municipality {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  defaultHouse: string;
}
export interface House {
  code: string;
  name: string;
  regionCode: string;
  sites: string[];
}
/** A site (an address) of a house: Syd has three, Midt opened Herning in 2021 (ADR 0075). */
export interface HouseSite {
  /** `<house>-<place>`, e.g. `midt-herning`. */
  code: string;
  houseCode: string;
  name: string;
  /** The site a case or interview is at when none is given: one per house. */
  main: boolean;
  /** The document the site is taken from (shared/sources, shared/fixtures), or that it is our choice. */
  source: string;
}
export interface PoliceDistrict {
  code: string;
  name: string;
}
export interface Tariff {
  houseCode: string;
  year: number;
  dkkPerCase: number;
  note: string;
}

const dataDir = path.join(__dirname, '..', 'src', 'data');

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(dataDir, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

export const municipalities: readonly Municipality[] = readCsv('municipalities.csv').map((r) => ({
  code: r.municipality_code,
  name: r.municipality_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  defaultHouse: r.default_house,
}));

export const houses: readonly House[] = readCsv('houses.csv').map((r) => ({
  code: r.house_code,
  name: r.house_name,
  regionCode: r.region_code,
  sites: r.sites ? r.sites.split(';') : [],
}));

export const houseSites: readonly HouseSite[] = readCsv('house_sites.csv').map((r) => ({
  code: r.site_code,
  houseCode: r.house_code,
  name: r.site_name,
  main: r.main === 'true',
  source: r.source,
}));

/** Every site code, for validation and the contracts' vocabulary. */
export const siteCodes: readonly string[] = houseSites.map((s) => s.code);

/** The sites of a house, its main site first. */
export function sitesOf(houseCode: string): HouseSite[] {
  return houseSites.filter((s) => s.houseCode === houseCode).sort((a, b) => Number(b.main) - Number(a.main));
}

/** The site a house's case or interview is at when none is given. */
export function mainSiteOf(houseCode: string): HouseSite | undefined {
  return houseSites.find((s) => s.houseCode === houseCode && s.main);
}

export const policeDistricts: readonly PoliceDistrict[] = readCsv('police_districts.csv').map((r) => ({ code: r.district_code, name: r.district_name }));

export const tariffs: readonly Tariff[] = readCsv('tariffs.csv').map((r) => ({
  houseCode: r.house_code,
  year: Number(r.year),
  dkkPerCase: Number(r.tariff_dkk_per_case),
  note: r.note,
}));

const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));

export function findMunicipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}
