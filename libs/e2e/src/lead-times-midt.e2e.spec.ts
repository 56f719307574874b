import { addDays } from '@sagsspor/calendar';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { type CaseThroughTheApis, inParallel, referAcceptAndClose } from './cases-through-the-apis';
import { getJson, type RunningPlatform, startPlatform } from './platform';
import { migratePlatformPseudonyms, pseudonymsLeft, readReports } from './pseudonym-migration';

// Børnehus Midt's own lead-time table (domain.md section 4, sources/004): cases built through the
// public APIs to match it, then the lead-time report must show the same figures.
//
// | period          | closed | average days | ≤ 120 days | %    | ≤ 90 days | %    |
// | 2024            | 788    | 130          | 362        | 46 % | 147       | 19 % |
// | 2025 (Jan-Oct)  | 936    | 149          | 293        | 31 % | 93        | 10 % |

interface Row {
  from: string;
  to: string;
  closed: number;
  averageDays: number;
  within120: number;
  within120Percent: number;
  within90: number;
  within90Percent: number;
}

const table: Row[] = [
  { from: '2024-01-01', to: '2024-12-31', closed: 788, averageDays: 130, within120: 362, within120Percent: 46, within90: 147, within90Percent: 19 },
  { from: '2025-01-01', to: '2025-10-31', closed: 936, averageDays: 149, within120: 293, within120Percent: 31, within90: 93, within90Percent: 10 },
];

/**
 * Lead times that give the row: within 90 (with two cases of exactly 90 days), 91-120 (one of 91,
 * one of 120), and above 120 (one of 121) filled so that the total is the average × the count.
 */
function leadTimesFor(row: Row): number[] {
  const within90 = [...Array(row.within90 - 2).fill(60), 90, 90];
  const to120 = [...Array(row.within120 - row.within90 - 2).fill(110), 91, 120];
  const above = row.closed - row.within120;
  const rest = row.averageDays * row.closed - [...within90, ...to120].reduce((a, b) => a + b, 0) - 121;
  const base = Math.floor(rest / (above - 1));
  const longer = rest - base * (above - 1);
  return [...within90, ...to120, 121, ...Array(longer).fill(base + 1), ...Array(above - 1 - longer).fill(base)];
}

describe('lead times of Børnehus Midt, through the public APIs', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform('lead-times-midt', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 3601) + 10);
    let child = 0;
    const cases: CaseThroughTheApis[] = table.flatMap((row, r) => {
      const span = Math.round((Date.parse(row.to) - Date.parse(row.from)) / 86_400_000);
      return leadTimesFor(row).map((days, i) => {
        const closedAt = addDays(row.from, (i * 37) % (span + 1));
        const acceptedAt = addDays(closedAt, -days);
        const referredAt = addDays(acceptedAt, -(i % 10));
        return {
          referralId: `LT-${r}-${i}`,
          municipalityCode: ['751', '730', '791', '657'][i % 4],
          houseCode: 'midt',
          birthDate: addDays('2012-01-01', child++), // one child per case, 6-13 years old at every date
          municipalityAwareAt: addDays(referredAt, -3),
          referredAt,
          acceptedAt,
          closedAt,
        };
      });
    });
    await inParallel(cases, 32, (c, i) => referAcceptAndClose(platform, c, i).then(() => undefined));
    const ops = await authHeaders('ops');
    await waitFor(
      () => getJson(`${platform.url('reporting')}/v1/reports/lead-times?from=2024-01-01&to=2025-10-31&house=midt`, ops),
      (r) => r.status === 200 && r.body.all.closed.count === 788 + 936,
      { timeoutMs: 180000, intervalMs: 1000, what: 'reporting to count every closed case' },
    );
  }, 1800000);
  afterAll(async () => {
    await platform?.stop();
  });

  it.each(table)('$from to $to: $closed closed, average $averageDays days, $within120 within 120 days ($within120Percent %), $within90 within 90 days ($within90Percent %)', async (row) => {
    const { status, body } = await getJson(`${platform.url('reporting')}/v1/reports/lead-times?from=${row.from}&to=${row.to}&house=midt`, await authHeaders('boernehus', { house: 'midt' }));
    expect(status).toBe(200);
    expect(body.all.closed).toMatchObject({
      count: row.closed,
      averageDays: row.averageDays,
      within120: { count: row.within120, percent: row.within120Percent },
      within90: { count: row.within90, percent: row.within90Percent },
    });
  });

  it('answers byte for byte the same after every child got a new random pseudonym everywhere (ADR 0099), and no old pseudonym is left', async () => {
    const paths = [
      ...table.map((row) => `/v1/reports/lead-times?from=${row.from}&to=${row.to}&house=midt`),
      ...table.map((row) => `/v1/reports/lead-times?from=${row.from}&to=${row.to}&house=midt&format=csv&locale=da`),
      '/v1/reports/lead-times/trend?from=2024-01-01&to=2025-10-31&house=midt',
      '/v1/reports/annual-statistics?year=2024',
    ];
    const admin = await authHeaders('admin');
    const before = await readReports(platform, paths, admin);
    for (const p of paths) expect({ p, status: before.get(p)!.slice(0, 3) }).toEqual({ p, status: '200' });
    const { before: pseudonyms } = await migratePlatformPseudonyms(platform);
    expect(pseudonyms.size).toBeGreaterThanOrEqual(788 + 936);
    const after = await waitFor(() => readReports(platform, paths, admin), (answers) => paths.every((p) => answers.get(p) === before.get(p)), { timeoutMs: 120000, intervalMs: 2000, what: 'the reports as before' }).catch(() => readReports(platform, paths, admin));
    for (const p of paths) expect({ p, text: after.get(p) }).toEqual({ p, text: before.get(p) });
    expect(await pseudonymsLeft(platform, pseudonyms)).toEqual([]);
  }, 900000);
});
