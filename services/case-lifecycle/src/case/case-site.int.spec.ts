import { CaseSiteAssignedV1, ReferralAcceptedV1, Topics } from '@sagsspor/contracts';
import { fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

// The site of a case through the public API (ADR 0075), on real PostgreSQL and Kafka: a case at
// Børnehus Midt is at Aarhus (the main site) until the house puts it at Herning.
describe('PUT /v1/cases/{caseId}/site', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const accepted = referralAccepted({ referredAt: '2025-03-10', municipalityAwareAt: '2025-03-04', acceptedAt: '2025-03-12' });
  const path = `/v1/cases/${accepted.caseId}`;
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });

  beforeAll(async () => {
    service = await startCaseLifecycle('case_site', { clock: controlledClock('2025-03-13T09:00:00Z') });
    publisher = await eventPublisher(service);
    await publisher.publish(ReferralAcceptedV1, accepted);
    await waitFor(() => midt().get(path), (r) => r.status === 200, { timeoutMs: 30000, what: 'the case to open' });
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it("shows a new case at its house's main site", async () => {
    expect((await midt().get(path)).body).toMatchObject({ houseCode: 'midt', siteCode: 'midt-aarhus' });
  });

  it('puts the case at Herning, publishes case-site-assigned once, and takes the same site again as a retry', async () => {
    const first = await midt().put(`${path}/site`, { siteCode: 'midt-herning' });
    expect([first.status, first.body.siteCode]).toEqual([200, 'midt-herning']);
    const again = await midt().put(`${path}/site`, { siteCode: 'midt-herning' });
    expect([again.status, again.body.siteCode]).toEqual([200, 'midt-herning']);
    const topic = qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents);
    const published = await waitFor(
      async () => (await readAllMessages(publisher.kafka, topic, 1)).map(fromKafkaMessage).filter((e) => e.type === CaseSiteAssignedV1.type),
      (events) => events.length >= 1,
      { timeoutMs: 30000, what: 'the site event to be published' },
    );
    expect(published.map((e) => e.data)).toEqual([{ caseId: accepted.caseId, houseCode: 'midt', municipalityCode: accepted.municipalityCode, siteCode: 'midt-herning' }]);
  });

  it("refuses another house's site (422 naming Midt's sites) and a site no house has (400 naming the field)", async () => {
    const other = await midt().put(`${path}/site`, { siteCode: 'syd-esbjerg' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'CASE.SITE_NOT_OF_HOUSE' });
    expect(other.body.detail).toContain('the sites of midt are midt-aarhus, midt-herning');
    const unknown = await midt().put(`${path}/site`, { siteCode: 'midt-silkeborg' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('siteCode');
    expect((await midt().put(`${path}/site`, {})).status).toBe(400);
    expect((await midt().get(path)).body.siteCode).toBe('midt-herning');
  });

  it("lets only the case's house (and admin) set its site", async () => {
    expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).put(`${path}/site`, { siteCode: 'nord-aalborg' })).status).toBe(404);
    expect((await httpAs(service.url, 'municipality', { municipality: '751' }).put(`${path}/site`, { siteCode: 'midt-aarhus' })).status).toBe(403);
    const admin = await httpAs(service.url, 'admin').put(`${path}/site`, { siteCode: 'midt-aarhus' });
    expect([admin.status, admin.body.siteCode]).toEqual([200, 'midt-aarhus']);
  });
});
