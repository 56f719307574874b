import { municipalities } from '@sagsspor/reference-data';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { regionMidt2017 } from '../test-support/region-midt-2017';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

const midt = regionMidt2017.filter((m) => m.code !== 'TOTAL');
const population2017 = Object.fromEntries(municipalities.map((m) => [m.code, midt.find((p) => p.code === m.code)?.population ?? 12_000]));
const closedIn2017 = (municipalityCode: string, i: number) => caseEvents({ municipalityCode, houseCode: 'midt', referredAt: '2017-01-02', openedAt: '2017-01-05', closedAt: `2017-${String(1 + (i % 12)).padStart(2, '0')}-20` });
type Row = { code: string; closedCases: number | null; suppressed: string | null };
type Audited = { id: string; name: string; kind: string; interval: { min: number; max: number | null }; protected: boolean };

describe('publications: /v1/publications', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const admin = () => httpAs(service.url, 'admin');
  const regionTotal = async () => ((await ops().get('/v1/reports/usage?year=2017&region=1082')).body.rows as Row[] | undefined)?.find((r) => r.code === '1082')?.closedCases;

  beforeAll(async () => {
    service = await startReporting('reporting_publications');
    expect((await httpAs(service.url, 'admin').put('/v1/reference/population/2017', folk1aExport(2017, population2017, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    await publish(service, midt.flatMap((m) => Array.from({ length: m.closed }, (_, i) => closedIn2017(m.code, i)).flat()));
    await waitFor(regionTotal, (n) => n === 270, { timeoutMs: 60000, what: 'the 270 closures to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('says that the live table is not published', async () => {
    const live = await ops().get('/v1/reports/usage?year=2017&region=1082');
    expect(live.body).toMatchObject({ shows: 'live, not published', publication: null });
    const csv = await ops().get('/v1/reports/usage?year=2017&region=1082&format=csv');
    expect(csv.text.split('\r\n')[1]).toMatch(/,"live, not published"$/);
  });

  it('publication 1 freezes Region Midtjylland 2017 with its disclosure audit: Holstebro and Ikast-Brande 0-2, Lemvig 3-7, checked by the solver', async () => {
    const created = await admin().post('/v1/publications/2017', undefined);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ year: 2017, number: 1, publishedBy: expect.any(String), population: { version: 1 }, audit: { passed: true, threshold: 3 } });
    const audited = (id: string) => (created.body.audit.cells as Audited[]).find((c) => c.id === id);
    expect(audited('661')).toMatchObject({ name: 'Holstebro', kind: 'primary', interval: { min: 0, max: 2 }, protected: true });
    expect(audited('756')).toMatchObject({ name: 'Ikast-Brande', kind: 'primary', interval: { min: 0, max: 2 }, protected: true });
    expect(audited('665')).toMatchObject({ name: 'Lemvig', kind: 'secondary', interval: { min: 3, max: 7 }, protects: ['661', '756'] });
    expect((created.body.audit.cells as Audited[]).every((c) => c.protected)).toBe(true);
    const row = (code: string) => (created.body.tables.region.municipality as Row[]).find((r) => r.code === code);
    expect([row('1082')?.closedCases, row('791')?.closedCases, row('665')?.suppressed]).toEqual([270, 32, 'secondary']);
    // The same tables again: no new publication.
    const again = await admin().post('/v1/publications/2017', undefined);
    expect(again).toMatchObject({ status: 200, body: { number: 1 } });
  });

  it('serves a publication as frozen, in JSON and CSV, saying which one it is', async () => {
    const one = await httpAs(service.url, 'municipality', { municipality: '751' }).get('/v1/publications/2017/1');
    expect(one).toMatchObject({ status: 200, body: { year: 2017, number: 1, audit: { passed: true } } });
    const report = await ops().get('/v1/reports/usage?year=2017&region=1082&publication=1');
    expect(report.body).toMatchObject({ shows: expect.stringMatching(/^publication 2017\/1 of /), publication: { number: 1 } });
    expect((report.body.rows as Row[]).find((r) => r.code === '791')).toMatchObject({ closedCases: 32 });
    const csv = await ops().get('/v1/reports/usage?year=2017&region=1082&publication=1&format=csv');
    expect(csv.text).toMatch(/,publication 2017\/1 of [^\r]+\r\n/);
    expect((await ops().get('/v1/publications/2017/2')).status).toBe(404);
    expect((await ops().get('/v1/reports/usage?year=2017&publication=2')).body).toMatchObject({ status: 404, code: 'PUBLICATION.NOT_FOUND' });
  });

  it('a correction is publication 2, protected jointly with publication 1: Lemvig stays hidden (Samsø was shown in 1), so the two together narrow nothing', async () => {
    // Three more cases closed in Lemvig (3 → 6): on its own, Samsø (5) would now be the smallest count to hide,
    // and Samsø's 5 from publication 1 would leave Holstebro and Ikast-Brande at 2 each.
    await publish(service, [0, 1, 2].flatMap((i) => closedIn2017('665', i)));
    await waitFor(regionTotal, (n) => n === 273, { timeoutMs: 60000, what: 'the three closures to be projected' });
    const live = await ops().get('/v1/reports/usage?year=2017&region=1082');
    expect((live.body.rows as Row[]).filter((r) => r.suppressed).map((r) => r.code).sort()).toEqual(['661', '665', '756']);

    const corrected = await admin().post('/v1/publications/2017', undefined);
    expect(corrected).toMatchObject({ status: 201, body: { number: 2, audit: { passed: true } } });
    const row = (code: string) => (corrected.body.tables.region.municipality as Row[]).find((r) => r.code === code);
    expect([row('741')?.closedCases, row('665')?.suppressed, row('1082')?.closedCases]).toEqual([5, 'secondary', 273]);
    expect((corrected.body.audit.cells as Audited[]).find((c) => c.id === '661')).toMatchObject({ interval: { min: 0, max: 2 } });
    // Checked by the solver together with publication 1 (ADR 0048); the true counts it keeps for that are never served.
    expect(corrected.body.audit.method).toMatch(/this publication and the year's 1 earlier one\(s\) together/);
    const served = JSON.stringify((await ops().get('/v1/publications/2017/2')).body);
    expect(served).not.toMatch(/true_?cells/i);
    expect(served).toMatch(/"number":2/);

    const list = await ops().get('/v1/publications');
    expect(list.body.publications).toEqual([
      expect.objectContaining({ year: 2017, number: 2, correctedBy: null, populationVersion: 1 }),
      expect.objectContaining({ year: 2017, number: 1, correctedBy: 2, hiddenCells: expect.any(Number) }),
    ]);
    // Publication 1 is as it was.
    expect(((await ops().get('/v1/publications/2017/1')).body.tables.region.municipality as Row[]).find((r) => r.code === '1082')?.closedCases).toBe(270);
  });

  it('refuses a year without population (422), a year not begun, a bad number or a body (400), and anyone but admin (403; ops is read-only)', async () => {
    expect((await admin().post('/v1/publications/2016', undefined)).body).toMatchObject({ status: 422, code: 'USAGE.POPULATION_NOT_IMPORTED' });
    expect((await admin().post('/v1/publications/2099', undefined)).body).toMatchObject({ status: 400, errors: [{ field: 'year' }] });
    expect((await ops().get('/v1/publications/2017/0')).status).toBe(400);
    expect((await admin().post('/v1/publications/2017', { year: 2016 })).body).toMatchObject({ status: 400, code: 'PUBLICATION.NO_BODY' });
    expect((await admin().post('/v1/publications/2017', 'role=admin', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect((await ops().post('/v1/publications/2017', undefined)).status).toBe(403);
    expect((await httpAs(service.url, 'municipality', { municipality: '751' }).post('/v1/publications/2017', undefined)).status).toBe(403);
    expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).post('/v1/publications/2017', undefined)).status).toBe(403);
    expect((await httpAs(service.url).get('/v1/publications')).status).toBe(401);
  });
});
