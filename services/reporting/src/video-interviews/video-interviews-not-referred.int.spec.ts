import { ReferralSubmittedV1, VideoInterviewCorrectedV1, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { liveGenerations } from '../projections/projection-store';
import { integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

const child = (c: string) => c.repeat(64);
const interview = (interviewId: string, childLetter: string, conductedAt: string, extra: Partial<VideoInterviewRecordedV1> = {}): VideoInterviewRecordedV1 => ({
  interviewId,
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef: child(childLetter),
  childSex: 'female',
  childAgeYears: 8,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt,
  reinterview: false,
  lateAgainstTarget: false,
  ...extra,
});
const referral = (referralId: string, childLetter: string, referredAt: string) =>
  integrationEvent(ReferralSubmittedV1, { ...ReferralSubmittedV1.example, referralId, childRef: child(childLetter), referredAt, municipalityAwareAt: referredAt });

describe('GET /v1/reports/video-interviews-not-referred', () => {
  let service: ServiceUnderTest;
  const ops = () => httpAs(service.url, 'ops');
  const report = (query: string) => ops().get(`/v1/reports/video-interviews-not-referred?from=2025-01-01&to=2025-02-28&${query}`);

  beforeAll(async () => {
    service = await startReporting('reporting_video_interviews', { clock: controlledClock('2025-03-20T10:00:00Z') });
    const corrected = interview('VI-6', 'f', '2025-01-20');
    await publish(service, [
      integrationEvent(VideoInterviewRecordedV1, interview('VI-1', 'a', '2025-01-10')),
      referral('R-A', 'a', '2024-12-15'), // 26 days before: within 30
      integrationEvent(VideoInterviewRecordedV1, interview('VI-2', 'b', '2025-01-10', { policeDistrict: 'midt-vestjylland' })),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-3', 'c', '2025-02-01')),
      integrationEvent(VideoInterviewRecordedV1, interview('VI-4', 'd', '2025-01-10')),
      referral('R-D', 'd', '2024-11-01'), // 70 days before: outside the window
      integrationEvent(VideoInterviewRecordedV1, interview('VI-5', 'b', '2025-01-17', { reinterview: true })),
      integrationEvent(VideoInterviewCorrectedV1, { ...corrected, revision: 2, conductedAt: '2024-12-20', changedFields: ['conductedAt'] }),
      integrationEvent(VideoInterviewRecordedV1, corrected), // the older revision arrives last
    ]);
    // The interviews and the referrals come on two topics, consumed in batches of their own: wait for both.
    const referralsProjected = async () => {
      const facts = (await liveGenerations(service.dataSource)).facts.schema;
      return (await service.dataSource.query(`SELECT count(*)::int AS n FROM "${facts}".referrals WHERE referral_id IN ('R-A', 'R-D')`))[0].n as number;
    };
    await waitFor(() => report('groupBy=month'), (r) => r.body.rows?.at(-1)?.conducted === 4 && r.body.rows.at(-1).reinterviews === 1, { timeoutMs: 60000, what: 'the interviews to be projected' });
    await waitFor(referralsProjected, (n) => n === 2, { timeoutMs: 60000, what: 'the referrals to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('counts by month: referred within the window, not referred final once the window has passed, provisional while it is open', async () => {
    const { body } = await report('groupBy=month');
    expect(body.window).toEqual({ beforeDays: 30, afterDays: 60 });
    expect(body.today).toBe('2025-03-20');
    expect(body.rows).toEqual([
      { key: '2025-01', name: '2025-01', conducted: 3, referred: 1, notReferredFinal: 2, notReferredProvisional: 0, reinterviews: 1 },
      { key: '2025-02', name: '2025-02', conducted: 1, referred: 0, notReferredFinal: 0, notReferredProvisional: 1, reinterviews: 0 },
      { key: 'total', name: 'I alt', conducted: 4, referred: 1, notReferredFinal: 2, notReferredProvisional: 1, reinterviews: 1 },
    ]);
  });

  it('moves a provisional interview to referred when a late referral arrives', async () => {
    await publish(service, [referral('R-C', 'c', '2025-03-15')]);
    await waitFor(() => report('groupBy=month'), (r) => r.body.rows.at(-1).referred === 2, { timeoutMs: 30000, what: 'the late referral' });
    expect((await report('groupBy=month')).body.rows[1]).toMatchObject({ key: '2025-02', referred: 1, notReferredProvisional: 0 });
  });

  it('groups by police district, house and municipality with their names, and as CSV', async () => {
    const byDistrict = (await report('groupBy=policeDistrict')).body.rows;
    expect(byDistrict.map((r: { key: string; name: string }) => [r.key, r.name])).toEqual([
      ['midt-vestjylland', 'Midt- og Vestjyllands Politi'],
      ['oestjylland', 'Østjyllands Politi'],
      ['total', 'I alt'],
    ]);
    expect((await report('groupBy=house')).body.rows[0]).toMatchObject({ key: 'midt', name: 'Børnehus Midt' });
    expect((await report('groupBy=municipality')).body.rows[0]).toMatchObject({ key: '751', name: 'Aarhus' });
    const csv = await report('groupBy=month&format=csv&locale=da');
    expect(csv.text.split('\r\n')[0]).toBe('måned;navn;videoafhøringer;henvist;ikke henvist (endeligt);ikke henvist (vindue åbent);genafhøringer');
  });

  it('refuses a bad groupBy naming it', async () => {
    expect((await report('groupBy=week')).body).toMatchObject({ status: 400, errors: [{ field: 'groupBy' }] });
  });
});
