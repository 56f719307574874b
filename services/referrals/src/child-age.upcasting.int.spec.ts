import { MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, ReferralSubmittedV1, validateIntegrationEventData } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import { publishedEvents, startReferrals } from './test-support/referrals-under-test';
import { mandatoryReferralWatchStreamId } from './mandatory-referral-watch/mandatory-referral-watch.events';
import { referralStreamId } from './referral/referral.events';
import { underretningStreamId } from './underretning/underretning.events';

// The internal events kept the child's birth date until ADR 0099; they keep the age in whole years
// now. This puts rows in PostgreSQL as the previous release wrote them and checks that the service
// decides on them, answers as before, and that the relay publishes them with the age on the same
// date as before. Born 2016-03-05: 8 on receipt (2025-03-03), 9 from 2025-03-05.

const birthDate = '2016-03-05';
const child = generateCpr(birthDate, 'male', 41);
const aarhus = (service: ServiceUnderTest) => httpAs(service.url, 'municipality', { municipality: '751' });

describe('the referrals service reads its events stored with the birth date', () => {
  const clock = controlledClock('2025-03-10T09:00:00Z');
  let service: ServiceUnderTest;
  const dataOf = async (streamId: string, type: string) =>
    ((await service.dataSource.query(`SELECT data FROM events WHERE stream_id = $1 AND event_type = $2 ORDER BY stream_version`, [streamId, type])) as { data: Record<string, unknown> }[]).map(
      (r) => r.data,
    );
  const insertOld = (streamId: string, type: string, data: object) =>
    service.dataSource.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ($1, 1, gen_random_uuid(), $2, $3::jsonb, '{}'::jsonb)`,
      [streamId, type, JSON.stringify(data)],
    );

  beforeAll(async () => {
    service = await startReferrals('referrals_child_age_upcasting', { clock });
  });
  afterAll(() => service?.drop());

  it('decides on an underretning received in the old shape, and answers as before', async () => {
    const u = { underretningId: 'OLD-U-1', childCpr: child, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' };
    const first = await aarhus(service).post('/v1/underretninger', u);
    expect(first.status).toBe(201);
    const stream = underretningStreamId('751', 'OLD-U-1');
    expect(await dataOf(stream, 'UnderretningReceived')).toEqual([expect.objectContaining({ childAgeYears: 8 })]);

    // As the previous release stored it.
    await service.dataSource.query(
      `UPDATE events SET data = (data - 'childAgeYears') || jsonb_build_object('childBirthDate', $2::text) WHERE stream_id = $1 AND event_type = 'UnderretningReceived'`,
      [stream, birthDate],
    );
    expect(await dataOf(stream, 'UnderretningReceived')).toEqual([expect.objectContaining({ childBirthDate: birthDate })]);
    expect((await aarhus(service).get('/v1/underretninger/OLD-U-1')).body).toEqual(first.body);

    // The same underretning again is a retry (the upcast facts equal the command's), not another one.
    expect((await aarhus(service).post('/v1/underretninger', u)).status).toBe(201);
    const met = await aarhus(service).post('/v1/underretninger/OLD-U-1/decisions', { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-06' });
    expect(met.status).toBe(200);
    expect((await dataOf(stream, 'MandatoryReferralCriteriaEvaluated')).at(-1)).toMatchObject({ met: true, metAt: '2025-03-06', childAgeYears: 9 });
    expect(await dataOf(mandatoryReferralWatchStreamId('751', 'OLD-U-1'), 'MandatoryReferralDeadlineSet')).toEqual([expect.objectContaining({ criteriaMetAt: '2025-03-06', childAgeYears: 9 })]);
    expect(JSON.stringify(await dataOf(mandatoryReferralWatchStreamId('751', 'OLD-U-1'), 'MandatoryReferralDeadlineSet'))).not.toContain('childBirthDate');
  });

  it('publishes a referral and a gap stored with the birth date with the age on referredAt and on criteriaMetAt', async () => {
    const referral = {
      referralId: 'OLD-R-1',
      municipalityCode: '751',
      houseCode: 'midt',
      childRef: 'e'.repeat(64),
      childBirthDate: birthDate,
      childSex: 'male',
      referredAt: '2025-03-04',
      municipalityAwareAt: '2025-03-01',
      abuseTypes: ['violence'],
      caseKind: 'abuse',
    };
    await insertOld(referralStreamId('751', 'OLD-R-1'), 'ReferralSubmitted', referral);
    const watched = { underretningId: 'OLD-U-2', municipalityCode: '751', houseCode: 'midt', childRef: 'e'.repeat(64), childSex: 'male', childBirthDate: birthDate, receivedAt: '2025-03-03' };
    const deadline = { criteriaMetAt: '2025-03-05', referralDueBy: '2025-03-19', referralWindowDays: 14, policeInvolvement: 'consulted' };
    await insertOld(mandatoryReferralWatchStreamId('751', 'OLD-U-2'), 'MandatoryReferralGapOpened', { ...watched, ...deadline, gapId: 'gap-OLD-U-2', openedAt: '2025-03-20' });

    const published = await waitFor(
      () => publishedEvents(service),
      (events) => events.some((e) => (e.data as { gapId?: string }).gapId === 'gap-OLD-U-2') && events.some((e) => (e.data as { referralId?: string }).referralId === 'OLD-R-1'),
      { what: 'the old-shape events to be published' },
    );
    const [submitted] = published.filter((e) => (e.data as { referralId?: string }).referralId === 'OLD-R-1');
    expect(submitted.type).toBe(ReferralSubmittedV1.type);
    expect(submitted.data).toMatchObject({ childAgeYears: 8, referredAt: '2025-03-04' });
    const gaps = published.filter((e) => (e.data as { gapId?: string }).gapId === 'gap-OLD-U-2');
    expect(gaps.map((e) => e.type)).toEqual([MandatoryReferralGapOpenedV1.type, MandatoryReferralGapOpenedV2.type]);
    for (const gap of gaps) expect(gap.data).toMatchObject({ childAgeYears: 9, criteriaMetAt: '2025-03-05' });
    for (const e of [submitted, ...gaps]) {
      expect(validateIntegrationEventData(e.type, e.data)).toEqual([]);
      expect(JSON.stringify(e.data)).not.toContain(birthDate);
    }
  });
});
