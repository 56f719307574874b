import { MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, validateIntegrationEventData } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import { publishedEvents, startReferrals } from '../test-support/referrals-under-test';

// The watch's events gained `legalBasis` (ADR 0014). Streams written before that hold them without
// it; this puts such rows in PostgreSQL as the previous release wrote them and checks that the
// watch folds them (the gap it opens names the law of 2023) and that the relay publishes them as
// valid v1 and v2 gaps.

const child = generateCpr('2014-05-20', 'female', 71);
const aarhus = (service: ServiceUnderTest) => httpAs(service.url, 'municipality', { municipality: '751' });

describe('the mandatory-referral watch reads its events stored in the shape before legalBasis', () => {
  const clock = controlledClock('2023-12-05T09:00:00Z');
  let service: ServiceUnderTest;
  const watchStream = 'mandatory-referral-watch-OLD-1';
  const dataOf = async (streamId: string, type: string) =>
    ((await service.dataSource.query(`SELECT data FROM events WHERE stream_id = $1 AND event_type = $2`, [streamId, type])) as { data: Record<string, unknown> }[]).map((r) => r.data);

  beforeAll(async () => {
    service = await startReferrals('referrals_watch_upcasting', { clock });
  });
  afterAll(() => service?.drop());

  it('folds a deadline stored without legalBasis and opens the gap under the law in force when the duty arose', async () => {
    const u = { underretningId: 'OLD-1', childCpr: child, municipalityCode: '751', receivedAt: '2023-12-01', concerns: ['violence'], source: 'school' };
    expect((await aarhus(service).post('/v1/underretninger', u)).status).toBe(201);
    await aarhus(service).post('/v1/underretninger/OLD-1/decisions', { childInvestigationDecidedAt: '2023-12-02', policeReportedAt: '2023-12-04' });
    expect(await dataOf(watchStream, 'MandatoryReferralDeadlineSet')).toEqual([expect.objectContaining({ criteriaMetAt: '2023-12-04', legalBasis: 'serviceloven-50b' })]);

    // As the previous release stored it.
    await service.dataSource.query(`UPDATE events SET data = data - 'legalBasis' WHERE stream_id = $1`, [watchStream]);
    expect(await dataOf(watchStream, 'MandatoryReferralDeadlineSet')).toEqual([expect.not.objectContaining({ legalBasis: expect.anything() })]);

    clock.set('2023-12-18T23:00:00Z'); // day N + 1 (19 December) begins in Copenhagen
    await waitFor(() => aarhus(service).get('/v1/underretninger/OLD-1'), (r) => r.body.mandatoryReferralWatch?.status === 'gap-open', { what: 'the gap to open' });
    expect(await dataOf(watchStream, 'MandatoryReferralGapOpened')).toEqual([expect.objectContaining({ gapId: 'gap-OLD-1', criteriaMetAt: '2023-12-04', legalBasis: 'serviceloven-50b' })]);
  });

  it('publishes a gap stored without legalBasis as valid v1 and v2, v2 naming Serviceloven § 50 b', async () => {
    const [stored] = await dataOf(watchStream, 'MandatoryReferralGapOpened');
    const { legalBasis: _dropped, ...oldShape } = stored;
    await service.dataSource.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata) VALUES ('mandatory-referral-watch-OLD-2', 1, gen_random_uuid(), 'MandatoryReferralGapOpened', $1::jsonb, '{}'::jsonb)`,
      [JSON.stringify({ ...oldShape, gapId: 'gap-OLD-2', underretningId: 'OLD-2' })],
    );
    const events = await publishedEvents(service);
    const gaps = events.filter((e) => (e.data as { gapId?: string }).gapId === 'gap-OLD-2');
    expect(gaps.map((e) => e.type)).toEqual([MandatoryReferralGapOpenedV1.type, MandatoryReferralGapOpenedV2.type]);
    expect(gaps[1].data).toEqual({ ...(gaps[0].data as object), legalBasis: 'serviceloven-50b' });
    expect(gaps[0].data).not.toHaveProperty('legalBasis');
    for (const e of gaps) expect(validateIntegrationEventData(e.type, e.data)).toEqual([]);
  });
});
