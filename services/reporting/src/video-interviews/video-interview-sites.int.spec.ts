import { addDays } from '@sagsspor/calendar';
import { type IntegrationEvent, VideoInterviewCorrectedV1, VideoInterviewRecordedV1, VideoInterviewSiteAssignedV1 } from '@sagsspor/contracts';
import { municipalities } from '@sagsspor/reference-data';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { ReportingVideoInterviewSites1765400007600 } from '../projections/video-interview-sites.migration';
import { integrationEvent, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

type House = VideoInterviewRecordedV1['houseCode'];
const municipalityOf: Record<House, string> = { syd: '461', midt: '751', nord: '851', hovedstaden: '101', sjaelland: '265' };

// An interview as sector-coordination publishes it: daysFromReport and lateAgainstTarget (> 7 days) follow from the dates.
const interview = (interviewId: string, houseCode: House, conductedAt: string, daysFromReport?: number, extra: Partial<VideoInterviewRecordedV1> = {}): VideoInterviewRecordedV1 => ({
  interviewId,
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef: interviewId.toLowerCase().replace(/[^a-f0-9]/g, '').padEnd(64, 'c'),
  childSex: 'male',
  childAgeYears: 10,
  municipalityCode: municipalityOf[houseCode],
  houseCode,
  conductedAt,
  ...(daysFromReport === undefined ? {} : { reportedToPoliceAt: addDays(conductedAt, -daysFromReport), daysFromReport }),
  reinterview: false,
  lateAgainstTarget: daysFromReport !== undefined && daysFromReport > 7,
  ...extra,
});
const recorded = (...args: Parameters<typeof interview>) => integrationEvent(VideoInterviewRecordedV1, interview(...args));
const at = (interviewId: string, houseCode: House, siteCode: string, time: string): IntegrationEvent => ({
  ...integrationEvent(VideoInterviewSiteAssignedV1, { interviewId, policeDistrict: 'oestjylland', houseCode, municipalityCode: municipalityOf[houseCode], siteCode }),
  time,
});

/**
 * Sites of police video interviews in the reports (ADR 0076), from video-interview-site-assigned.v1
 * on real Kafka and PostgreSQL, as of 2025-12-15. The worked example, by hand:
 *   Syd: S1 3 days, S2 5, S3 10 (late), no site: Odense. S4, S5, S6 put at Esbjerg. S7 put at Esbjerg, then at
 *        Aabenraa (the latest counts), S8, S9 at Aabenraa.
 *   Midt: M1 2 days, M2 8 (late), M3 no report date, M4 a reinterview (4 days): no site, Aarhus. M5 6 days put at
 *        Herning. M6 7 days put at Herning, then corrected by the police to Børnehus Syd: at Syd's main site, Odense.
 *        M7 at Herning, held 20.12.2024: outside 2025.
 *   Nord: N1, N2, N3 without a site (one site, Aalborg). Hovedstaden, Sjælland: none.
 * Usage by site, 2025 (every interview held, reinterviews included):
 *   Syd: Odense 4 (S1-S3, M6), Esbjerg 3, Aabenraa 3: every site 3 or more, shown.
 *   Midt: Aarhus 4, Herning 1: Herning below 3, so neither is shown. Nord: Aalborg 3, shown.
 *   Hovedstaden: København 0, Hillerød 0: not shown. Sjælland: 0, not shown.
 * The 7-day target by site (first interviews; reinterviews apart):
 *   Odense: [3, 5, 7, 10]: 4 interviews, within 3 (75 %), late 1 (25 %), median the 2nd = 5.
 *   Aarhus: M1, M2, M3: 3 interviews; with a report date [2, 8]: within 1 (50 %), late 1 (50 %), unknown 1, median 2;
 *           1 reinterview. Herning: M5: 1 interview, within 1 (100 %), median 6.
 */
describe('sites of police video interviews in the reports', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const target = (house: string) => ops().get(`/v1/reports/video-interview-target?from=2025-01-01&to=2025-11-30&house=${house}`);
  const interviewsBySite = async (caller = ops()) =>
    ((await caller.get('/v1/reports/usage/sites?year=2025')).body.rows as { siteCode: string; videoInterviews: number | null }[]).map((r) => [r.siteCode, r.videoInterviews]);
  const expectedUsage = [
    ['nord-aalborg', 3],
    ['midt-aarhus', null],
    ['midt-herning', null],
    ['syd-odense', 4],
    ['syd-esbjerg', 3],
    ['syd-aabenraa', 3],
    ['hovedstaden-koebenhavn', null],
    ['hovedstaden-hilleroed', null],
    ['sjaelland-boernehus', null],
  ];
  const siteFigures = (rows: { siteCode: string; interviews: number; withinTarget: { count: number; percent: number | null }; late: { count: number; percent: number | null }; reportDateUnknown: number; medianDaysFromReport: number | null; reinterviews: number }[]) =>
    rows.map((r) => [r.siteCode, r.interviews, r.withinTarget.count, r.withinTarget.percent, r.late.count, r.late.percent, r.reportDateUnknown, r.medianDaysFromReport, r.reinterviews]);

  beforeAll(async () => {
    service = await startReporting('reporting_interview_sites', { clock: controlledClock('2025-12-15T10:00:00Z') });
    const population = Object.fromEntries(municipalities.map((m) => [m.code, 12_000]));
    expect((await httpAs(service.url, 'admin').put('/v1/reference/population/2025', folk1aExport(2025, population, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    const m6 = interview('M6', 'midt', '2025-05-07', 7);
    await publish(service, [
      recorded('S1', 'syd', '2025-03-03', 3),
      recorded('S2', 'syd', '2025-03-04', 5),
      recorded('S3', 'syd', '2025-03-05', 10),
      ...['S4', 'S5', 'S6', 'S7', 'S8', 'S9'].map((id, i) => recorded(id, 'syd', `2025-04-0${i + 1}`)),
      ...['S4', 'S5', 'S6'].map((id) => at(id, 'syd', 'syd-esbjerg', '2025-04-10T10:00:00Z')),
      at('S7', 'syd', 'syd-aabenraa', '2025-04-11T10:00:00Z'), // the latest of its two
      at('S7', 'syd', 'syd-esbjerg', '2025-04-10T10:00:00Z'),
      ...['S8', 'S9'].map((id) => at(id, 'syd', 'syd-aabenraa', '2025-04-10T10:00:00Z')),
      recorded('M1', 'midt', '2025-05-02', 2),
      recorded('M2', 'midt', '2025-05-03', 8),
      recorded('M3', 'midt', '2025-05-04'),
      recorded('M4', 'midt', '2025-05-05', 4, { reinterview: true }),
      recorded('M5', 'midt', '2025-05-06', 6),
      at('M5', 'midt', 'midt-herning', '2025-05-06T12:00:00Z'),
      integrationEvent(VideoInterviewRecordedV1, m6),
      at('M6', 'midt', 'midt-herning', '2025-05-07T12:00:00Z'),
      integrationEvent(VideoInterviewCorrectedV1, { ...m6, revision: 2, houseCode: 'syd', municipalityCode: '461', changedFields: ['houseCode', 'municipalityCode'] }),
      recorded('M7', 'midt', '2024-12-20', 1),
      at('M7', 'midt', 'midt-herning', '2025-01-02T12:00:00Z'),
      ...['N1', 'N2', 'N3'].map((id, i) => recorded(id, 'nord', `2025-06-0${i + 1}`)),
    ]);
    await waitFor(() => interviewsBySite(), (rows) => JSON.stringify(rows) === JSON.stringify(expectedUsage), { timeoutMs: 60000, what: 'the interviews and their sites to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('counts the video interviews of the year per site, an interview without a site (or moved to another house) at the main site, under the rule of the case counts', async () => {
    const { body } = await httpAs(service.url, 'municipality', { municipality: '461' }).get('/v1/reports/usage/sites?year=2025');
    expect(body.rows.map((r: { siteCode: string; videoInterviews: number | null }) => [r.siteCode, r.videoInterviews])).toEqual(expectedUsage);
    expect(body.rows.find((r: { siteCode: string }) => r.siteCode === 'midt-herning').videoInterviewsSuppressionReason).toBe("a site has fewer than 3 video interviews: the house's site counts of video interviews are not published");
    expect(body.definitions.videoInterviews).toMatch(/main site/);
  });

  it('writes the interview counts in the last columns of the Danish CSV', async () => {
    const csv = (await ops().get('/v1/reports/usage/sites?year=2025&house=syd&format=csv&locale=da')).text.split('\r\n');
    expect(csv[0].replace(/^\uFEFF/, '')).toBe('børnehus;børnehusets navn;afdeling;afdelingens navn;hovedafdeling;antal børnehussager;årsag til diskretionering;videoafhøringer;årsag til diskretionering af videoafhøringer');
    expect(csv.slice(1, 4).map((line) => line.split(';').slice(2, 3).concat(line.split(';').slice(-2)))).toEqual([
      ['syd-odense', '4', ''],
      ['syd-esbjerg', '3', ''],
      ['syd-aabenraa', '3', ''],
    ]);
  });

  it("gives the police 7-day target per site of the house's sites", async () => {
    expect(siteFigures((await target('syd')).body.bySite)).toEqual([
      ['syd-odense', 4, 3, 75, 1, 25, 0, 5, 0],
      ['syd-esbjerg', 3, 0, null, 0, null, 3, null, 0],
      ['syd-aabenraa', 3, 0, null, 0, null, 3, null, 0],
    ]);
    const midt = (await httpAs(service.url, 'boernehus', { house: 'midt' }).get('/v1/reports/video-interview-target?from=2025-01-01&to=2025-11-30')).body;
    expect(siteFigures(midt.bySite)).toEqual([
      ['midt-aarhus', 3, 1, 50, 1, 50, 1, 2, 1],
      ['midt-herning', 1, 1, 100, 0, 0, 0, 6, 0],
    ]);
    expect(midt.definitions.bySite).toMatch(/main site/);
    const csv = (await ops().get('/v1/reports/video-interview-target?from=2025-01-01&to=2025-11-30&house=midt&format=csv&locale=da')).text.split('\r\n');
    expect(csv[0]).toMatch(/;afdeling$/);
    expect(csv.filter((line) => line.endsWith(';midt-herning'))).toEqual([';Herning;hele perioden;1;1;100;0;0;0;6;0;midt-herning']);
  });

  it('gives the same figures from a rebuilt facts projection', async () => {
    const admin = httpAs(service.url, 'admin');
    const started = await admin.post('/v1/admin/projections/facts/rebuilds');
    expect(started.status).toBe(202);
    const done = await waitFor(() => admin.get(`/v1/admin/projections/facts/rebuilds/${started.body.rebuildId}`), (r) => r.body.status === 'done' || r.body.status === 'failed', { timeoutMs: 120000, what: 'the facts rebuild' });
    expect(done.body.status).toBe('done');
    expect((await admin.get('/v1/admin/projections')).body.find((p: { projection: string }) => p.projection === 'facts')).toMatchObject({ generation: 2, tables: expect.arrayContaining(['video_interview_sites']) });
    expect(await interviewsBySite()).toEqual(expectedUsage);
    expect(siteFigures((await target('syd')).body.bySite)[0]).toEqual(['syd-odense', 4, 3, 75, 1, 25, 0, 5, 0]);
  }, 180000);

  it('adds the table, empty, to a facts generation made before it (the migration), and leaves one that has it', async () => {
    const q = service.dataSource.createQueryRunner();
    try {
      await q.query(`CREATE SCHEMA rm_facts_g90`);
      await new ReportingVideoInterviewSites1765400007600().up(q);
      await new ReportingVideoInterviewSites1765400007600().up(q);
      expect(await q.query(`SELECT count(*)::int AS n FROM rm_facts_g90.video_interview_sites`)).toEqual([{ n: 0 }]);
      expect((await q.query(`SELECT count(*)::int AS n FROM rm_facts_g2.video_interview_sites`))[0].n).toBe(9); // S4-S9, M5, M6, M7
    } finally {
      await q.query(`DROP SCHEMA IF EXISTS rm_facts_g90 CASCADE`);
      await q.release();
    }
  });
});
