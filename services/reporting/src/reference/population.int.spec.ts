import { municipalities } from '@sagsspor/reference-data';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { folk1aExport } from '../test-support/folk1a-export';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

const populations = Object.fromEntries(municipalities.map((m, i) => [m.code, 1000 + i]));
const csv = (year: number, extraRows?: string[]) => folk1aExport(year, populations, municipalityNames, { extraRows });
const put = (service: ServiceUnderTest, path: string, body: string, contentType = 'text/csv; charset=utf-8', role: 'admin' | 'ops' = 'admin') =>
  httpAs(service.url, role).put(path, body, { 'content-type': contentType });

describe('PUT /v1/reference/population/{year}', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startReporting('reporting_population');
  });
  afterAll(() => service?.drop());

  it('imports a FOLK1A export as version 1, answers the same file again unchanged, and keeps the replaced version', async () => {
    const first = await put(service, '/v1/reference/population/2017', csv(2017));
    expect(first.status).toBe(201);
    const total = Object.values(populations).reduce((a, b) => a + b, 0);
    expect(first.body).toMatchObject({ year: 2017, version: 1, municipalities: 98, population0to17: total, importedBy: expect.any(String), replaced: null, unchanged: false });
    expect(first.body.checksum).toMatch(/^[0-9a-f]{64}$/);

    const again = await put(service, '/v1/reference/population/2017', csv(2017));
    expect(again).toMatchObject({ status: 200, body: { version: 1, unchanged: true } });

    const corrected = await put(service, '/v1/reference/population/2017', csv(2017).replace('Lemvig;0 år;2017K1;', 'Lemvig;0 år;2017K1;1'));
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ version: 2, replaced: { version: 1, checksum: first.body.checksum, importedBy: first.body.importedBy } });

    const read = await httpAs(service.url, 'ops').get('/v1/reference/population/2017');
    expect(read.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(read.body.municipalities).toHaveLength(98);
  });

  it('takes a file larger than the JSON limit', async () => {
    // An export with the adults too (ages above 17 are read and left out).
    const adults = municipalities.flatMap((m) => Array.from({ length: 30 }, (_, i) => `${m.name};${18 + i} år;2016K1;${500 + i}`));
    const big = csv(2016, adults);
    expect(big.length).toBeGreaterThan(64 * 1024);
    expect((await put(service, '/v1/reference/population/2016', big)).body).toMatchObject({ version: 1, rowsIgnored: 18 + adults.length });
  });

  it('refuses wrong columns with 400, naming line and column, and stores nothing', async () => {
    const bad = await put(service, '/v1/reference/population/2015', '\uFEFFOMRÅDE;ALDER;TID;ANTAL\r\nAarhus;0 år;2015K1;5\r\n');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'POPULATION.NOT_A_FOLK1A_EXPORT', errors: expect.arrayContaining([expect.objectContaining({ field: 'line 1, INDHOLD', line: 1, column: 'INDHOLD' })]) });
    expect((await httpAs(service.url, 'admin').get('/v1/reference/population/2015')).status).toBe(404);
  });

  it('refuses another quarter and a non-numeric count with 422, naming line and column', async () => {
    const rows = csv(2015).replace('Aarhus;5 år;2015K1', 'Aarhus;5 år;2015K2').replace(/Lemvig;3 år;2015K1;\d+/, 'Lemvig;3 år;2015K1;..');
    const bad = await put(service, '/v1/reference/population/2015', rows);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('POPULATION.INVALID_ROWS');
    expect(bad.body.errors.map((e: { column: string }) => e.column).sort()).toEqual(['INDHOLD', 'TID']);
    expect(bad.body.errors.every((e: { line: number }) => e.line > 1)).toBe(true);
  });

  it('refuses a JSON body, a bad year and a non-admin caller', async () => {
    expect((await put(service, '/v1/reference/population/2015', '{"a":1}', 'application/json')).body.code).toBe('POPULATION.NOT_CSV');
    expect((await put(service, '/v1/reference/population/20x5', csv(2015))).body).toMatchObject({ status: 400, errors: [{ field: 'year' }] });
    expect((await put(service, '/v1/reference/population/2099', csv(2099))).status).toBe(400);
    expect((await put(service, '/v1/reference/population/2015', csv(2015), 'text/csv', 'ops')).status).toBe(403);
  });
});
