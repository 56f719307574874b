import { addDays } from '@sagsspor/calendar';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { municipalities as allMunicipalities } from '@sagsspor/reference-data';
import { type CaseThroughTheApis, folk1aExport, inParallel, putPopulation, referAcceptAndClose, sharedFixture } from './cases-through-the-apis';
import { getJson, type RunningPlatform, startPlatform } from './platform';
import { migratePlatformPseudonyms, pseudonymsLeft, readReports } from './pseudonym-migration';

// Region Midtjylland 2017 (the annual statistics' appendix table, shared/fixtures/
// usage_2017_region_midt.csv) reproduced through the public APIs only: 270 cases referred,
// accepted and closed in 2017 with each municipality as handlekommune, the population imported
// as FOLK1A 2017K1, then the usage report.
//
// The published table leaks its two suppressed counts: Holstebro and Ikast-Brande are hidden
// (0-2 each), but the total 270 minus the 266 shown leaves 4, so both must be 2. Sagsspor hides
// one more cell: Lemvig (3), the smallest shown count of the region. Then the hidden counts add up
// to 7 with Holstebro and Ikast-Brande 0-2 each and Lemvig 3 or more: Holstebro and Ikast-Brande
// can each be 0, 1 or 2, and Lemvig 3 to 7.

const published = sharedFixture('usage_2017_region_midt.csv');
const municipalities = published.filter((r) => r.municipality_code !== 'TOTAL');
const total = published.find((r) => r.municipality_code === 'TOTAL')!;
const SECONDARY = { code: '665', name: 'Lemvig' };

describe('usage 2017, Region Midtjylland, through the public APIs', () => {
  let platform: RunningPlatform;
  let rows: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    platform = await startPlatform('usage-midt-2017', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3601));
    const population = new Map(allMunicipalities.map((m) => [m.code, 10_000]));
    for (const m of municipalities) population.set(m.municipality_code, Number(m.population_0_17));
    await putPopulation(platform, 2017, folk1aExport(2017, population));

    let child = 0;
    const cases: CaseThroughTheApis[] = municipalities.flatMap((m) =>
      Array.from({ length: Number(m.closed_cases_2017) }, (_, i) => {
        const referredAt = addDays('2017-01-09', (i * 7) % 200);
        return {
          referralId: `MIDT17-${m.municipality_code}-${i}`,
          municipalityCode: m.municipality_code,
          houseCode: 'midt',
          birthDate: addDays('2007-06-01', child++), // one child per case, 8-10 years old in 2017
          municipalityAwareAt: addDays(referredAt, -4),
          referredAt,
          acceptedAt: addDays(referredAt, 3),
          closedAt: addDays(referredAt, 60 + (i % 90)),
        };
      }),
    );
    expect(cases).toHaveLength(Number(total.closed_cases_2017));
    await inParallel(cases, 32, (c, i) => referAcceptAndClose(platform, c, i).then(() => undefined));

    const ops = await authHeaders('ops');
    const report = await waitFor(
      () => getJson(`${platform.url('reporting')}/v1/reports/usage?year=2017&groupBy=municipality&region=1082`, ops),
      (r) => r.status === 200 && r.body.rows.find((row: { code: string }) => row.code === '1082')?.closedCases === 270,
      { timeoutMs: 120000, intervalMs: 500, what: 'reporting to count the 270 closed cases' },
    );
    rows = Object.fromEntries(report.body.rows.map((r: { code: string }) => [r.code, r]));
  }, 900000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('shows every municipality as published: cases, population, rate (2 decimals), interval value; suppressed where published suppressed', () => {
    for (const m of municipalities.filter((r) => r.municipality_code !== SECONDARY.code)) {
      const row = rows[m.municipality_code];
      expect([m.municipality_name, row.population0to17]).toEqual([m.municipality_name, Number(m.population_0_17)]);
      if (m.published_as === 'suppressed') {
        expect([m.municipality_name, row.closedCases, row.casesPer1000, row.intervalValue, row.suppressed]).toEqual([m.municipality_name, null, null, null, 'primary']);
      } else {
        expect([m.municipality_name, row.closedCases, row.casesPer1000, row.intervalValue, row.suppressed]).toEqual([
          m.municipality_name,
          Number(m.closed_cases_2017),
          Number(m.cases_per_1000),
          Number(m.interval_value),
          null,
        ]);
      }
    }
  });

  it('shows the region total as published: 270 cases, 273,897 children, 0.99 per 1,000, interval 2', () => {
    expect(rows['1082']).toMatchObject({ level: 'region', name: total.municipality_name, closedCases: 270, population0to17: 273897, casesPer1000: 0.99, intervalValue: 2, suppressed: null });
  });

  it(`hides ${SECONDARY.name} (3 cases, the smallest shown count) in addition, so Holstebro's and Ikast-Brande's 2 + 2 cannot be worked out from 270 − 266`, () => {
    expect(rows[SECONDARY.code]).toMatchObject({
      name: SECONDARY.name,
      closedCases: null,
      casesPer1000: null,
      intervalValue: null,
      population0to17: 3867,
      suppressed: 'secondary',
      suppressionReason: expect.stringContaining('Holstebro and Ikast-Brande'),
    });
    const secondary = Object.values(rows).filter((r) => r.suppressed === 'secondary');
    expect(secondary.map((r) => r.code)).toEqual([SECONDARY.code]);
  });

  it('answers byte for byte the same after every child got a new random pseudonym everywhere (ADR 0099), and no old pseudonym is left', async () => {
    const paths = [
      '/v1/reports/usage?year=2017&groupBy=municipality&region=1082',
      '/v1/reports/usage?year=2017&groupBy=municipality&format=csv&locale=da',
      '/v1/reports/annual-statistics?year=2017',
      '/v1/reports/lead-times?year=2017&house=midt',
      '/v1/reports/activity',
    ];
    const admin = await authHeaders('admin');
    const before = await readReports(platform, paths, admin);
    for (const p of paths) expect({ p, status: before.get(p)!.slice(0, 3) }).toEqual({ p, status: '200' });
    const { before: pseudonyms } = await migratePlatformPseudonyms(platform);
    expect(pseudonyms.size).toBeGreaterThanOrEqual(270);
    const after = await waitFor(() => readReports(platform, paths, admin), (answers) => paths.every((p) => answers.get(p) === before.get(p)), { timeoutMs: 120000, intervalMs: 2000, what: 'the reports as before' }).catch(() => readReports(platform, paths, admin));
    for (const p of paths) expect({ p, text: after.get(p) }).toEqual({ p, text: before.get(p) });
    expect(await pseudonymsLeft(platform, pseudonyms)).toEqual([]);
  }, 900000);
});
