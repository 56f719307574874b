import { Topics, VideoInterviewSiteAssignedV1 } from '@sagsspor/contracts';
import { createKafka, fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import { SectorCoordinationModule } from '../app.module';

// The site of a police video interview through the public API (ADR 0076), on real PostgreSQL and
// Kafka: an interview at Børnehus Midt is at Aarhus (the main site) until it is put at Herning.
describe('PUT /v1/video-interviews/{interviewId}/site', () => {
  let service: ServiceUnderTest;
  const interview = {
    interviewId: 'SITE-VA-1',
    policeDistrict: 'oestjylland',
    childCpr: generateCpr('2016-04-02', 'female', 41),
    municipalityCode: '751',
    houseCode: 'midt',
    conductedAt: '2025-03-11',
    reportedToPoliceAt: '2025-03-05',
  };
  const path = `/v1/video-interviews/${interview.interviewId}`;
  const police = () => httpAs(service.url, 'police');
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });
  const siteEvents = async () =>
    ((await service.dataSource.query(`SELECT data FROM events WHERE stream_id = $1 AND event_type = 'VideoInterviewSiteAssigned' ORDER BY stream_version`, [`video-interview-oestjylland:${interview.interviewId}`])) as { data: { siteCode: string } }[]).map(
      (e) => e.data.siteCode,
    );

  beforeAll(async () => {
    service = await startServiceUnderTest({
      serviceName: 'sector-coordination',
      label: 'sc_interview_site',
      clock: controlledClock('2025-06-02T10:00:00Z'),
      moduleFor: (c, l, o) => SectorCoordinationModule.forRoot(c, l, o),
    });
    expect((await police().post('/v1/video-interviews', interview)).status).toBe(201);
  });
  afterAll(() => service?.drop());

  it("shows a new interview at its house's main site", async () => {
    expect((await midt().get(path)).body).toMatchObject({ houseCode: 'midt', siteCode: 'midt-aarhus' });
  });

  it('puts the interview at Herning as the house, publishes video-interview-site-assigned once, and takes the same site again as a retry', async () => {
    const first = await midt().put(`${path}/site`, { siteCode: 'midt-herning' });
    expect([first.status, first.body]).toEqual([200, { interviewId: 'SITE-VA-1', policeDistrict: 'oestjylland', houseCode: 'midt', siteCode: 'midt-herning' }]);
    const again = await police().put(`${path}/site`, { siteCode: 'midt-herning' });
    expect([again.status, again.body.siteCode]).toEqual([200, 'midt-herning']);
    expect(await siteEvents()).toEqual(['midt-herning']);
    expect((await police().get(path)).body.siteCode).toBe('midt-herning');
    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'sc-interview-site' });
    const topic = qualifiedTopic(service.config.kafka, Topics.sectorCoordinationEvents);
    const published = await waitFor(
      async () => (await readAllMessages(kafka, topic, 1)).map(fromKafkaMessage).filter((e) => e.type === VideoInterviewSiteAssignedV1.type),
      (events) => events.length >= 1,
      { timeoutMs: 30000, what: 'the site event to be published' },
    );
    // No CPR, no name: the interview's key, its house and municipality, the site.
    expect(published.map((e) => e.data)).toEqual([{ interviewId: 'SITE-VA-1', policeDistrict: 'oestjylland', houseCode: 'midt', municipalityCode: '751', siteCode: 'midt-herning' }]);
  });

  it("refuses another house's site (422 naming Midt's sites), a site no house has (400 naming the field) and an unknown interview (404)", async () => {
    const other = await midt().put(`${path}/site`, { siteCode: 'syd-esbjerg' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE' });
    expect(other.body.detail).toContain('the sites of midt are midt-aarhus, midt-herning');
    const unknown = await midt().put(`${path}/site`, { siteCode: 'midt-silkeborg' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('siteCode');
    expect((await midt().put(`${path}/site`, {})).status).toBe(400);
    const missing = await police().put('/v1/video-interviews/SITE-VA-NONE/site', { siteCode: 'midt-herning' });
    expect([missing.status, missing.body.code]).toEqual([404, 'VIDEO_INTERVIEW.NOT_FOUND']);
    expect(await siteEvents()).toEqual(['midt-herning']);
  });

  it("lets the police, admin and the interview's house set its site; another house gets a 404, a municipality a 403", async () => {
    expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).put(`${path}/site`, { siteCode: 'nord-aalborg' })).status).toBe(404);
    expect((await httpAs(service.url, 'municipality', { municipality: '751' }).put(`${path}/site`, { siteCode: 'midt-aarhus' })).status).toBe(403);
    const admin = await httpAs(service.url, 'admin').put(`${path}/site`, { siteCode: 'midt-aarhus' });
    expect([admin.status, admin.body.siteCode]).toEqual([200, 'midt-aarhus']);
    expect(await siteEvents()).toEqual(['midt-herning', 'midt-aarhus']);
  });

  it("puts an interview the police move to another house at that house's main site, and back at its site if moved back", async () => {
    expect((await midt().put(`${path}/site`, { siteCode: 'midt-herning' })).status).toBe(200);
    expect((await police().post('/v1/video-interviews', { ...interview, houseCode: 'syd', municipalityCode: '461' })).status).toBe(201);
    expect((await police().get(path)).body).toMatchObject({ houseCode: 'syd', siteCode: 'syd-odense' });
    expect((await police().put(`${path}/site`, { siteCode: 'midt-herning' })).status).toBe(422);
    expect((await police().post('/v1/video-interviews', interview)).status).toBe(201);
    expect((await police().get(path)).body).toMatchObject({ houseCode: 'midt', siteCode: 'midt-herning' });
  });
});
