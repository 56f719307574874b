import { houses, municipalities } from '@sagsspor/reference-data';
import { regionMidt2017 } from '../test-support/region-midt-2017';
import { toCsv } from '../reports/csv';
import { usageCsv } from './usage.query';
import { intervalValue, ratioTo2Decimals, type UsageInput, usageReport, type UsageRow, usageTables } from './usage.report';

const midtMunicipalities = regionMidt2017.filter((m) => m.code !== 'TOTAL');
const regions = [...new Map(municipalities.map((m) => [m.regionCode, m.regionName]))].map(([code, name]) => ({ code, name }));
const input = (overrides: Partial<UsageInput> = {}): UsageInput => ({
  groupBy: 'municipality',
  basis: 'region',
  municipalities: municipalities.map((m) => ({ code: m.code, name: m.name, regionCode: m.regionCode, defaultHouse: m.defaultHouse })),
  regions,
  houses: houses.map((h) => ({ code: h.code, name: h.name })),
  population: new Map(municipalities.map((m) => [m.code, regionMidt2017.find((p) => p.code === m.code)?.population ?? 10_000])),
  closedByMunicipality: new Map(midtMunicipalities.map((m) => [m.code, m.closed])),
  // Every case of the table at Børnehus Midt: the house table adds up to the same national total.
  closedByHouse: new Map([['midt', 270]]),
  ...overrides,
});

describe('usage report', () => {
  it('reproduces Region Midtjylland 2017 as published, with Lemvig hidden in addition', () => {
    const rows = usageReport(input()).filter((r) => r.partOf === '1082' || r.code === '1082');
    for (const published of midtMunicipalities) {
      const row = rows.find((r) => r.code === published.code)!;
      expect(row.population0to17).toBe(published.population);
      if (published.code === '665') {
        expect(row).toMatchObject({ closedCases: null, casesPer1000: null, intervalValue: null, suppressed: 'secondary', suppressionReason: expect.stringMatching(/Holstebro and Ikast-Brande.*Region Midtjylland total/) });
      } else if (published.publishedAs === 'suppressed') {
        expect(row).toMatchObject({ closedCases: null, casesPer1000: null, intervalValue: null, ratio: null, suppressed: 'primary' });
      } else {
        expect([row.code, row.closedCases, row.casesPer1000, row.intervalValue, row.suppressed]).toEqual([published.code, published.closed, published.casesPer1000, published.intervalValue, null]);
      }
    }
    expect(rows.find((r) => r.code === '1082')).toMatchObject({ level: 'region', closedCases: 270, population0to17: 273897, casesPer1000: 0.99, intervalValue: 2, suppressed: null });
  });

  it('computes expected cases from the region\'s rate (or the nation\'s) and the ratio actual/expected', () => {
    const aarhus = usageReport(input()).find((r) => r.code === '751')!;
    // 62,903 × 270 / 273,897 = 62.007…; 38 / 62.007 = 0.6128…
    expect(aarhus).toMatchObject({ expectedCases: 62.01, ratio: 0.61 });
    const national = usageReport(input({ basis: 'national' })).find((r) => r.code === '751')!;
    expect(national.expectedCases).not.toBe(aarhus.expectedCases);
  });

  it('groups by region and by house with a national total', () => {
    // Every municipality outside Region Midtjylland with 5 cases (nothing to hide there), each case at its default house.
    const closedByMunicipality = new Map(municipalities.map((m) => [m.code, midtMunicipalities.find((p) => p.code === m.code)?.closed ?? 5]));
    const closedByHouse = new Map(houses.map((h) => [h.code, municipalities.filter((m) => m.defaultHouse === h.code).reduce((s, m) => s + closedByMunicipality.get(m.code)!, 0)]));
    const national = [...closedByMunicipality.values()].reduce((a, b) => a + b, 0);
    const byRegion = usageReport(input({ groupBy: 'region', closedByMunicipality, closedByHouse }));
    expect(byRegion.map((r) => r.code)).toEqual([...regions.map((r) => r.code), 'DK']);
    expect(byRegion.find((r) => r.code === 'DK')).toMatchObject({ level: 'national', closedCases: national, ratio: 1 });
    expect(byRegion.find((r) => r.code === '1082')).toMatchObject({ closedCases: 270, suppressed: null });
    const byHouse = usageReport(input({ groupBy: 'house', closedByMunicipality, closedByHouse }));
    expect(byHouse.find((r) => r.code === 'midt')).toMatchObject({ level: 'house', closedCases: 270, population0to17: 273897, suppressed: null });
    expect(byHouse.find((r) => r.code === 'DK')).toMatchObject({ closedCases: national });
    // 2017 by house (the annual statistics): 1,665 in all, more than the municipalities given add up to: the house table has a total of its own.
    const annual = new Map([['hovedstaden', 352], ['midt', 272], ['nord', 230], ['sjaelland', 316], ['syd', 495]]);
    expect(usageReport(input({ groupBy: 'house', closedByHouse: annual })).find((r) => r.code === 'DK')).toMatchObject({ closedCases: 1665, suppressed: null });
  });

  it('protects the linked tables together: with cases in Region Midtjylland only, the national total is hidden once (it would pin the empty regions and houses to 0), not the region and the house', () => {
    const tables = usageTables(input());
    const row = (rows: UsageRow[], code: string) => rows.find((r) => r.code === code)!;
    expect(row(tables.region, 'DK')).toMatchObject({ closedCases: null, suppressed: 'secondary', suppressionReason: expect.stringContaining('total hidden') });
    expect(row(tables.house, 'DK')).toMatchObject({ closedCases: null, suppressed: 'secondary' });
    expect([row(tables.region, '1082').closedCases, row(tables.municipality, '1082').closedCases, row(tables.house, 'midt').closedCases]).toEqual([270, 270, 270]);
    // The regions' expected cases come from the national rate, which would give the hidden total away.
    expect(row(tables.region, '1082')).toMatchObject({ expectedCases: null, ratio: null });
    for (const r of [...tables.region, ...tables.house].filter((r) => r.code !== '1082' && r.code !== 'midt' && r.code !== 'DK')) expect([r.code, r.suppressed]).toEqual([r.code, 'primary']);
  });

  it('rounds half up on whole numbers and takes the interval from the unrounded rate (Viborg 1.4957 shows 1.50, interval 3)', () => {
    expect(ratioTo2Decimals(32 * 1000, 21395)).toBe(1.5);
    expect(intervalValue(32, 21395)).toBe(3);
    expect(ratioTo2Decimals(1005, 1000 * 100)).toBe(0.01);
    expect(ratioTo2Decimals(201, 200)).toBe(1.01);
    expect([intervalValue(1, 2000), intervalValue(1, 2001), intervalValue(1, 1000), intervalValue(3, 2000), intervalValue(1, 500)]).toEqual([2, 1, 3, 4, 5]);
  });

  it('composes the suppression reasons in Danish for a Danish CSV: the same cells hidden, the JSON\'s reasons English', () => {
    const english = usageReport(input());
    const danish = usageReport(input(), 'da');
    expect(danish.map((r) => ({ ...r, suppressionReason: null }))).toEqual(english.map((r) => ({ ...r, suppressionReason: null })));
    const lemvig = danish.find((r) => r.code === '665')!;
    expect(lemvig.suppressionReason).toBe('skjult derudover: ellers kunne det diskretionerede antal for Holstebro og Ikast-Brande indsnævres ud fra totalen for Region Midtjylland');
    expect(danish.find((r) => r.suppressed === 'primary')!.suppressionReason).toBe('færre end 3 sager (0, 1 eller 2): offentliggøres ikke');
    expect(english.find((r) => r.code === '665')!.suppressionReason).toMatch(/^hidden in addition: .*Holstebro and Ikast-Brande.*Region Midtjylland total$/);
  });

  it('writes the Danish CSV in Danish all the way: level, suppression kind and reason', () => {
    const csv = toCsv(usageCsv(usageReport(input(), 'da').filter((r) => r.partOf === '1082' || r.code === '1082'), 'aktuelle tal, ikke offentliggjort'), 'da');
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.includes(';665;'))).toBe(
      'kommune;665;Lemvig;;3867;;;3,81;;sekundær;skjult derudover: ellers kunne det diskretionerede antal for Holstebro og Ikast-Brande indsnævres ud fra totalen for Region Midtjylland;aktuelle tal, ikke offentliggjort',
    );
    expect(lines.find((l) => l.startsWith('region;1082;'))).toMatch(/^region;1082;Region Midtjylland;270;273897;0,99;2;/);
    expect(lines.some((l) => /;primær;færre end 3 sager \(0, 1 eller 2\): offentliggøres ikke;aktuelle tal, ikke offentliggjort$/.test(l))).toBe(true);
    expect(csv).not.toMatch(/municipality|secondary|primary|hidden|fewer than|live|publication/);
  });
});
