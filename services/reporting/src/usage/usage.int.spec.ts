import { municipalities } from '@sagsspor/reference-data';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { caseEvents, closureCorrection, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { regionMidt2017 } from '../test-support/region-midt-2017';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

const midt = regionMidt2017.filter((m) => m.code !== 'TOTAL');
const population2017 = Object.fromEntries(municipalities.map((m) => [m.code, midt.find((p) => p.code === m.code)?.population ?? 12_000]));

describe('GET /v1/reports/usage', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');

  beforeAll(async () => {
    service = await startReporting('reporting_usage');
    expect((await httpAs(service.url, 'admin').put('/v1/reference/population/2017', folk1aExport(2017, population2017, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    const events = midt.flatMap((m) => Array.from({ length: m.closed }, (_, i) => caseEvents({ municipalityCode: m.code, houseCode: 'midt', referredAt: '2017-01-02', openedAt: '2017-01-05', closedAt: `2017-${String(1 + (i % 12)).padStart(2, '0')}-20` })).flat());
    // A case closed in 2017 whose closing was corrected into 2018 does not count; one closed in 2016 neither.
    const [, movedOut] = caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2017-10-01', openedAt: '2017-10-02', closedAt: '2017-12-30' });
    const lastYear = caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2016-10-01', openedAt: '2016-10-02', closedAt: '2016-12-30' });
    await publish(service, [...events, movedOut, closureCorrection(movedOut, '2018-01-03'), ...lastYear]);
    await waitFor(() => ops().get('/v1/reports/usage?year=2017&region=1082'), (r) => r.body.rows?.find((row: { code: string }) => row.code === '1082')?.closedCases === 270, { timeoutMs: 60000, what: 'the 270 closures to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('shows Region Midtjylland 2017 as published, Lemvig hidden in addition, and says why', async () => {
    const { status, body } = await ops().get('/v1/reports/usage?year=2017&region=1082');
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(20);
    const row = (code: string) => body.rows.find((r: { code: string }) => r.code === code);
    expect(row('791')).toMatchObject({ name: 'Viborg', closedCases: 32, population0to17: 21395, casesPer1000: 1.5, intervalValue: 3, suppressed: null });
    expect(row('661')).toMatchObject({ closedCases: null, casesPer1000: null, intervalValue: null, suppressed: 'primary' });
    expect(row('665')).toMatchObject({ closedCases: null, suppressed: 'secondary', suppressionReason: expect.stringContaining('Holstebro and Ikast-Brande') });
    expect(row('1082')).toMatchObject({ closedCases: 270, population0to17: 273897, casesPer1000: 0.99, intervalValue: 2 });
    expect(body.population).toMatchObject({ version: 1, source: 'Statistics Denmark FOLK1A 2017K1, ages 0-17' });
  });

  it('answers CSV for a Danish Excel: BOM, semicolons, decimal comma, Danish headings', async () => {
    const csv = await ops().get('/v1/reports/usage?year=2017&region=1082&format=csv&locale=da');
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('niveau;kode;navn;antal børnehussager;folketal 0-17 år;')).toBe(true);
    // fetch's text() drops a BOM: look at the bytes.
    const bytes = Buffer.from(await (await fetch(`${service.url}/v1/reports/usage?year=2017&format=csv&locale=da`, { headers: await authHeaders('ops') })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain('kommune;791;Viborg;32;21395;1,50;3;');
    const viaAccept = await ops().get('/v1/reports/usage?year=2017&region=1082', { accept: 'text/csv' });
    expect(viaAccept.text.split('\r\n')[0]).toBe('level,code,name,closed cases,population 0-17,"cases per 1,000 children",interval value,expected cases,actual/expected,suppressed,suppression reason,shows');
  });

  it('groups by house and by region', async () => {
    const byHouse = await ops().get('/v1/reports/usage?year=2017&groupBy=house&house=midt');
    expect(byHouse.body.rows).toEqual([expect.objectContaining({ level: 'house', code: 'midt', population0to17: 273897 })]);
    const byRegion = await ops().get('/v1/reports/usage?year=2017&groupBy=region');
    expect(byRegion.body.rows.map((r: { code: string }) => r.code)).toEqual(['1081', '1082', '1083', '1084', '1085', 'DK']);
  });

  it('refuses a bad groupBy or year with 400 naming the parameter, and a year without population with 422 saying how to import it', async () => {
    const badGroup = await ops().get('/v1/reports/usage?year=2017&groupBy=street');
    expect(badGroup).toMatchObject({ status: 400, body: { errors: [{ field: 'groupBy' }] } });
    expect(badGroup.contentType).toMatch(/problem\+json/);
    expect((await ops().get('/v1/reports/usage?year=twenty')).body.errors[0].field).toBe('year');
    expect((await ops().get('/v1/reports/usage?year=2017&colour=red')).body.errors[0].field).toBe('colour');
    expect((await ops().get('/v1/reports/usage?year=2099')).body).toMatchObject({ status: 400, errors: [{ field: 'year' }] });
    const noPopulation = await ops().get('/v1/reports/usage?year=2016');
    expect(noPopulation).toMatchObject({ status: 422, body: { code: 'USAGE.POPULATION_NOT_IMPORTED', detail: expect.stringContaining('PUT /v1/reference/population/2016') } });
  });

  it('lets a municipality read it, and no one without a token', async () => {
    expect((await httpAs(service.url, 'municipality', { municipality: '751' }).get('/v1/reports/usage?year=2017')).status).toBe(200);
    expect((await httpAs(service.url).get('/v1/reports/usage?year=2017')).status).toBe(401);
    expect((await httpAs(service.url, 'police').get('/v1/reports/usage?year=2017')).status).toBe(403);
  });
});
