import { daysBetween } from '@sagsspor/calendar';
import { VideoInterviewCorrectedV1, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

// An interview as sector-coordination publishes it: daysFromReport and lateAgainstTarget (> 7 days) follow from the dates.
const interview = (interviewId: string, policeDistrict: string, conductedAt: string, reportedToPoliceAt: string | undefined, extra: Partial<VideoInterviewRecordedV1> = {}): VideoInterviewRecordedV1 => {
  const days = reportedToPoliceAt === undefined ? undefined : daysBetween(reportedToPoliceAt, conductedAt);
  return {
    interviewId,
    revision: 1,
    policeDistrict,
    childRef: interviewId.toLowerCase().replace(/[^a-f0-9]/g, '').padEnd(64, 'a'),
    childSex: 'female',
    childAgeYears: 8,
    municipalityCode: '751',
    houseCode: 'midt',
    conductedAt,
    ...(reportedToPoliceAt ? { reportedToPoliceAt, daysFromReport: days } : {}),
    reinterview: false,
    lateAgainstTarget: days !== undefined && days > 7,
    ...extra,
  };
};

/**
 * The worked example, by hand (period January-February 2025):
 * Østjylland, January: A 6 days, B 7 (the 7th day is within), C 15 (late), D without a report date, E a reinterview (apart).
 *   4 interviews; with a report date A, B, C: within 2 (2/3 = 67 %), late 1 (33 %); unknown 1; median of [6, 7, 15]: the ⌈3/2⌉ = 2nd, 7.
 * Østjylland, February: F 10 days: 1 interview, late 1 (100 %), median 10.
 * Midt- og Vestjylland, February: G 2 days; H recorded at 2 days, corrected to 10 (the correction wins): 2 interviews, within 1, late 1, median the 1st of [2, 10] = 2.
 * Fyn (Børnehus Syd), February: I 4 days: within 1 (100 %), median 4. J (December 2024) is outside the period.
 * Østjylland, whole period: 5 interviews, [6, 7, 10, 15]: within 2 (50 %), late 2 (50 %), unknown 1, median the 2nd = 7, 1 reinterview.
 * Total: 8 interviews, [2, 4, 6, 7, 10, 10, 15]: within 4 (4/7 = 57.1 → 57 %), late 3 (42.9 → 43 %), unknown 1, median the ⌈7/2⌉ = 4th = 7.
 */
describe('GET /v1/reports/video-interview-target', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const report = (query = '') => ops().get(`/v1/reports/video-interview-target?from=2025-01-01&to=2025-02-28${query}`);

  beforeAll(async () => {
    service = await startReporting('reporting_interview_target', { clock: controlledClock('2025-03-20T10:00:00Z') });
    const h = interview('VI-H', 'midt-vestjylland', '2025-02-12', '2025-02-10');
    await publish(service, [
      integrationEvent(VideoInterviewRecordedV1, interview('VI-A', 'oestjylland', '2025-01-06', '2024-12-31')),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-B', 'oestjylland', '2025-01-20', '2025-01-13')),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-C', 'oestjylland', '2025-01-25', '2025-01-10')),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-D', 'oestjylland', '2025-01-28', undefined)),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-E', 'oestjylland', '2025-01-29', '2025-01-10', { reinterview: true })),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-F', 'oestjylland', '2025-02-03', '2025-01-24')),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-G', 'midt-vestjylland', '2025-02-10', '2025-02-08')),
      integrationEvent(VideoInterviewCorrectedV1, { ...h, revision: 2, conductedAt: '2025-02-20', daysFromReport: 10, lateAgainstTarget: true, changedFields: ['conductedAt'] }),
      integrationEvent(VideoInterviewRecordedV1, h), // the older revision arrives last
      integrationEvent(VideoInterviewRecordedV1, interview('VI-I', 'fyn', '2025-02-05', '2025-02-01', { houseCode: 'syd', municipalityCode: '461' })),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-J', 'fyn', '2024-12-30', '2024-12-01', { houseCode: 'syd', municipalityCode: '461' })),
    ]);
    await waitFor(() => report(), (r) => r.body.total?.interviews === 8 && r.body.total.reinterviews === 1 && r.body.total.late.count === 3, { timeoutMs: 60000, what: 'the interviews to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('counts by police district and month: within 7 days (the 7th day within), late, report date unknown, median days from the report', async () => {
    const { body } = await report();
    expect(body.targetDays).toBe(7);
    expect(body.rows).toEqual([
      { policeDistrict: 'fyn', name: 'Fyns Politi', month: '2025-02', interviews: 1, withinTarget: { count: 1, percent: 100 }, late: { count: 0, percent: 0 }, reportDateUnknown: 0, medianDaysFromReport: 4, reinterviews: 0 },
      { policeDistrict: 'midt-vestjylland', name: 'Midt- og Vestjyllands Politi', month: '2025-02', interviews: 2, withinTarget: { count: 1, percent: 50 }, late: { count: 1, percent: 50 }, reportDateUnknown: 0, medianDaysFromReport: 2, reinterviews: 0 },
      { policeDistrict: 'oestjylland', name: 'Østjyllands Politi', month: '2025-01', interviews: 4, withinTarget: { count: 2, percent: 67 }, late: { count: 1, percent: 33 }, reportDateUnknown: 1, medianDaysFromReport: 7, reinterviews: 1 },
      { policeDistrict: 'oestjylland', name: 'Østjyllands Politi', month: '2025-02', interviews: 1, withinTarget: { count: 0, percent: 0 }, late: { count: 1, percent: 100 }, reportDateUnknown: 0, medianDaysFromReport: 10, reinterviews: 0 },
    ]);
    expect(body.total).toEqual({ policeDistrict: 'total', name: 'I alt', month: 'all', interviews: 8, withinTarget: { count: 4, percent: 57 }, late: { count: 3, percent: 43 }, reportDateUnknown: 1, medianDaysFromReport: 7, reinterviews: 1 });
    // Every district of the reference data, those without interviews too.
    expect(body.districts).toHaveLength(12);
    expect(body.districts.find((d: { policeDistrict: string }) => d.policeDistrict === 'oestjylland')).toMatchObject({ interviews: 5, withinTarget: { count: 2, percent: 50 }, late: { count: 2, percent: 50 }, reportDateUnknown: 1, medianDaysFromReport: 7 });
    expect(body.districts.find((d: { policeDistrict: string }) => d.policeDistrict === 'bornholm')).toMatchObject({ interviews: 0, withinTarget: { count: 0, percent: null }, medianDaysFromReport: null });
  });

  it('filters by police district and keeps a house-bound caller to its house', async () => {
    const fyn = (await report('&policeDistrict=fyn')).body;
    expect(fyn.districts.map((d: { policeDistrict: string }) => d.policeDistrict)).toEqual(['fyn']);
    expect(fyn.total).toMatchObject({ interviews: 1, withinTarget: { count: 1 } });
    const syd = await httpAs(service.url, 'boernehus', { house: 'syd' }).get('/v1/reports/video-interview-target?from=2025-01-01&to=2025-02-28');
    expect(syd.body).toMatchObject({ house: 'syd', total: { interviews: 1 } });
    expect((await httpAs(service.url, 'boernehus', { house: 'syd' }).get('/v1/reports/video-interview-target?year=2025&house=midt')).status).toBe(403);
    expect((await ops().get('/v1/reports/video-interview-target?from=2025-01-01&to=2025-02-28&house=midt')).body.total).toMatchObject({ interviews: 7, late: { count: 3 } });
  });

  it('answers Danish CSV: a row per district and month, per district and the total', async () => {
    const csv = (await report('&format=csv&locale=da')).text;
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    // The sites (ADR 0076) are rows too, with the site in the last column (empty on the districts' rows).
    expect(lines[0]).toBe('politikreds;navn;måned;videoafhøringer;inden for 7 dage;inden for 7 dage (%);for sent;for sent (%);anmeldelsesdato ukendt;median dage fra anmeldelse;genafhøringer;afdeling');
    expect(lines).toContain('oestjylland;Østjyllands Politi;2025-01;4;2;67;1;33;1;7;1;');
    expect(lines).toContain('oestjylland;Østjyllands Politi;hele perioden;5;2;50;2;50;1;7;1;');
    expect(lines).toContain('i alt;I alt;hele perioden;8;4;57;3;43;1;7;1;');
    // No interview was put at a site: Midt's seven first interviews at Aarhus ([2, 6, 7, 10, 10, 15] days and D without a
    // report date: within 3, late 3, median the 3rd = 7; E a reinterview), Syd's I (4 days) at Odense.
    expect(lines).toContain(';Aarhus;hele perioden;7;3;50;3;50;1;7;1;midt-aarhus');
    expect(lines).toContain(';Odense;hele perioden;1;1;100;0;0;0;4;0;syd-odense');
  });

  it('refuses an unknown police district naming it', async () => {
    expect((await report('&policeDistrict=atlantis')).body).toMatchObject({ status: 400, errors: [{ field: 'policeDistrict' }] });
  });
});
