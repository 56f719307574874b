import { addDays } from '@sagsspor/calendar';
import { CaseSiteAssignedV1, type IntegrationEvent } from '@sagsspor/contracts';
import { municipalities } from '@sagsspor/reference-data';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

// Sites in the lead-time and usage reports (ADR 0075), from case-site-assigned.v1 on real Kafka and
// PostgreSQL, as of 2025-12-15. The worked example, by hand:
//   Syd (Odense): 4 closed without a site (main site Odense): 20, 30, 40, 50 days → average 35, median 30;
//                 3 put at Esbjerg: 60, 70, 80 → average 70; 3 at Aabenraa: 100, 110, 130 → average 113 (113.33),
//                 one of them first put at Esbjerg, then at Aabenraa (the latest counts).
//   Midt (Aarhus): 3 closed at Aarhus, 1 at Herning (Herning below 3: neither site's usage count shown);
//                  one open at Herning, opened 1.11 (44 days).
//   Nord, Hovedstaden, Sjælland: 3 closed each, so every house's usage count is 3 or more.
const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const closedCase = (n: number, municipalityCode: string, houseCode: 'syd' | 'midt' | 'nord' | 'hovedstaden' | 'sjaelland', days: number) =>
  caseEvents({ caseId: caseId(n), municipalityCode, houseCode, referredAt: '2025-01-28', openedAt: '2025-02-01', closedAt: addDays('2025-02-01', days) });
const at = (n: number, houseCode: 'syd' | 'midt', municipalityCode: string, siteCode: string, time: string): IntegrationEvent => ({
  ...integrationEvent(CaseSiteAssignedV1, { caseId: caseId(n), houseCode, municipalityCode, siteCode }),
  time,
});

describe('sites in the lead-time and usage reports', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');

  beforeAll(async () => {
    service = await startReporting('reporting_sites', { clock: controlledClock('2025-12-15T10:00:00Z') });
    const population = Object.fromEntries(municipalities.map((m) => [m.code, 12_000]));
    expect((await httpAs(service.url, 'admin').put('/v1/reference/population/2025', folk1aExport(2025, population, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    await publish(service, [
      ...[20, 30, 40, 50].flatMap((days, i) => closedCase(1 + i, '461', 'syd', days)),
      ...[60, 70, 80].flatMap((days, i) => closedCase(11 + i, '461', 'syd', days)),
      ...[100, 110, 130].flatMap((days, i) => closedCase(21 + i, '461', 'syd', days)),
      ...[11, 12, 13].map((n) => at(n, 'syd', '461', 'syd-esbjerg', '2025-03-01T10:00:00Z')),
      ...[21, 22].map((n) => at(n, 'syd', '461', 'syd-aabenraa', '2025-03-01T10:00:00Z')),
      at(23, 'syd', '461', 'syd-aabenraa', '2025-03-02T10:00:00Z'), // the latest of its two
      at(23, 'syd', '461', 'syd-esbjerg', '2025-03-01T10:00:00Z'),
      ...[10, 20, 30].flatMap((days, i) => closedCase(31 + i, '751', 'midt', days)),
      ...closedCase(34, '751', 'midt', 45),
      at(34, 'midt', '751', 'midt-herning', '2025-03-01T10:00:00Z'),
      ...caseEvents({ caseId: caseId(35), municipalityCode: '657', houseCode: 'midt', referredAt: '2025-10-28', openedAt: '2025-11-01' }),
      at(35, 'midt', '657', 'midt-herning', '2025-11-02T10:00:00Z'),
      ...[0, 1, 2].flatMap((i) => [...closedCase(41 + i, '851', 'nord', 30), ...closedCase(51 + i, '101', 'hovedstaden', 30), ...closedCase(61 + i, '265', 'sjaelland', 30)]),
    ]);
    await waitFor(
      () => ops().get('/v1/reports/lead-times?year=2025'),
      (r) => r.body.all?.closed.count === 23 && r.body.bySite?.find((s: { siteCode: string }) => s.siteCode === 'syd-aabenraa')?.closed.count === 3 && r.body.bySite.find((s: { siteCode: string }) => s.siteCode === 'midt-herning')?.open.count === 1,
      { timeoutMs: 60000, what: 'the cases and their sites to be projected' },
    );
  }, 120000);
  afterAll(() => service?.drop());

  it('gives the lead times of each site, a case without a site at its main site, and the latest site of a case that moved', async () => {
    const { body } = await ops().get('/v1/reports/lead-times?year=2025&house=syd');
    expect(body.bySite.map((s: { siteCode: string; siteName: string; closed: { count: number; averageDays: number; medianDays: number } }) => [s.siteCode, s.siteName, s.closed.count, s.closed.averageDays, s.closed.medianDays])).toEqual([
      ['syd-odense', 'Odense', 4, 35, 30],
      ['syd-esbjerg', 'Esbjerg', 3, 70, 70],
      ['syd-aabenraa', 'Aabenraa', 3, 113, 110],
    ]);
    expect(body.byHouse[0].closed.count).toBe(10);
    expect(body.definitions.bySite).toMatch(/main site/);
    const midt = (await ops().get('/v1/reports/lead-times?year=2025&house=midt')).body;
    expect(midt.bySite.map((s: { siteCode: string; closed: { count: number }; open: { count: number; byAge: { bucket: string; count: number }[] } }) => [s.siteCode, s.closed.count, s.open.count])).toEqual([
      ['midt-aarhus', 3, 0],
      ['midt-herning', 1, 1],
    ]);
    expect(midt.bySite[1].open.byAge.find((b: { bucket: string }) => b.bucket === '31-60').count).toBe(1);
  });

  it('keeps the site figures to a municipality for a municipality caller', async () => {
    const herning = (await httpAs(service.url, 'municipality', { municipality: '657' }).get('/v1/reports/lead-times?year=2025')).body;
    expect(herning.bySite.filter((s: { open: { count: number }; closed: { count: number } }) => s.open.count + s.closed.count > 0).map((s: { siteCode: string }) => s.siteCode)).toEqual(['midt-herning']);
  });

  it('writes the sites as rows of the lead-time CSV, with the site in the last column', async () => {
    const csv = (await ops().get('/v1/reports/lead-times?year=2025&house=syd&format=csv&locale=da')).text.split('\r\n');
    expect(csv[0]).toMatch(/;afdeling$/);
    expect(csv.filter((line) => line.startsWith('syd;')).map((line) => [line.split(';')[1], line.split(';').at(-1)])).toEqual([
      ['10', ''],
      ['4', 'syd-odense'],
      ['3', 'syd-esbjerg'],
      ['3', 'syd-aabenraa'],
    ]);
  });

  it("gives the usage report's closed cases per site, adding up to the house, and hides Midt's sites (Herning has 1)", async () => {
    const houses = (await ops().get('/v1/reports/usage?year=2025&groupBy=house')).body.rows;
    expect(houses.filter((r: { level: string }) => r.level === 'house').map((r: { code: string; closedCases: number }) => [r.code, r.closedCases])).toEqual([
      ['nord', 3],
      ['midt', 4],
      ['syd', 10],
      ['hovedstaden', 3],
      ['sjaelland', 3],
    ]);
    const { status, body } = await httpAs(service.url, 'municipality', { municipality: '461' }).get('/v1/reports/usage/sites?year=2025');
    expect(status).toBe(200);
    // Hovedstaden's 3 are all at København (Hillerød has 0): neither shown either.
    expect(body.rows.map((r: { siteCode: string; closedCases: number | null }) => [r.siteCode, r.closedCases])).toEqual([
      ['nord-aalborg', 3],
      ['midt-aarhus', null],
      ['midt-herning', null],
      ['syd-odense', 4],
      ['syd-esbjerg', 3],
      ['syd-aabenraa', 3],
      ['hovedstaden-koebenhavn', null],
      ['hovedstaden-hilleroed', null],
      ['sjaelland-boernehus', 3],
    ]);
    expect(body.rows.find((r: { siteCode: string }) => r.siteCode === 'midt-herning').suppressionReason).toBe("a site has fewer than 3 cases: the house's site counts are not published");
  });

  it('answers the usage by site as Danish CSV, and refuses a bad house naming it', async () => {
    const csv = (await ops().get('/v1/reports/usage/sites?year=2025&house=syd&format=csv&locale=da')).text.split('\r\n');
    expect(csv[0].replace(/^\uFEFF/, '')).toBe('børnehus;børnehusets navn;afdeling;afdelingens navn;hovedafdeling;antal børnehussager;årsag til diskretionering;videoafhøringer;årsag til diskretionering af videoafhøringer');
    // No video interviews here (ADR 0076: video-interview-sites.int.spec.ts): none shown, the reason in Danish.
    expect(csv[1]).toBe('syd;Børnehus Syd;syd-odense;Odense;1;4;;;en afdeling har færre end 3 videoafhøringer: afdelingernes tal for videoafhøringer offentliggøres ikke');
    expect((await ops().get('/v1/reports/usage/sites?year=2025&house=vest')).body.errors[0].field).toBe('house');
    expect((await ops().get('/v1/reports/usage/sites')).body.errors[0].field).toBe('year');
  });
});
