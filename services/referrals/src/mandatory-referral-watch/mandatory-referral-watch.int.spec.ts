import { MandatoryReferralGapClosedV1, MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import { eventTypes, publishedEvents, startReferrals } from '../test-support/referrals-under-test';

const childA = generateCpr('2016-04-02', 'female', 41);
const childB = generateCpr('2012-08-15', 'male', 42);
const underretning = (underretningId: string, childCpr: string) => ({ underretningId, childCpr, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' });
const referral = (referralId: string, childCpr: string, referredAt: string) => ({ referralId, childCpr, municipalityCode: '751', referredAt, municipalityAwareAt: '2025-03-03', abuseTypes: ['violence'] });
/** Long enough for the scheduler (polling every 100 ms) to have looked many times. */
const severalPolls = () => new Promise((r) => setTimeout(r, 1500));

describe('the mandatory-referral watch, with a controlled clock, on real PostgreSQL and Kafka', () => {
  // 2025-03-10 in Copenhagen.
  const clock = controlledClock('2025-03-10T09:00:00Z');
  let service: ServiceUnderTest;
  const aarhus = () => httpAs(service.url, 'municipality', { municipality: '751' });
  const watchOf = async (underretningId: string) => (await aarhus().get(`/v1/underretninger/${underretningId}`)).body.mandatoryReferralWatch;

  beforeAll(async () => {
    service = await startReferrals('referrals_watch', { clock });
  });
  afterAll(() => service?.drop());

  it('sets a durable deadline at the start of day N + 1 once the criteria are met and no referral is on file', async () => {
    for (const id of ['W-A1', 'W-A2']) {
      expect((await aarhus().post('/v1/underretninger', underretning(id, childA))).status).toBe(201);
      const decided = await aarhus().post(`/v1/underretninger/${id}/decisions`, { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-06' });
      expect(decided.body.mandatoryReferralCriteria).toMatchObject({ met: true, metAt: '2025-03-06' });
    }
    expect(await watchOf('W-A1')).toEqual({ status: 'watching', criteriaMetAt: '2025-03-06', referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted' });
    const [scheduled] = await service.dataSource.query(`SELECT due_at, kind, payload FROM scheduled_commands WHERE schedule_id = 'mandatory-referral-deadline:751:W-A1'`);
    expect(scheduled.due_at.toISOString()).toBe('2025-03-20T23:00:00.000Z'); // 00:00 on 21 March in Copenhagen
    expect(scheduled.payload).toMatchObject({ underretningId: 'W-A1', municipalityCode: '751', referralDueBy: '2025-03-20' });
  });

  it('cancels the deadline when a referral comes in time: no gap, ever', async () => {
    expect((await aarhus().post('/v1/underretninger', underretning('W-B', childB))).status).toBe(201);
    await aarhus().post('/v1/underretninger/W-B/decisions', { childInvestigationDecidedAt: '2025-03-05', hospitalInvolvedAt: '2025-03-06' });
    expect((await watchOf('W-B')).status).toBe('watching');
    expect((await aarhus().post('/v1/referrals', referral('W-R-B', childB, '2025-03-10'))).status).toBe(201);
    expect(await watchOf('W-B')).toMatchObject({ status: 'referred-in-time', referralId: 'W-R-B', referredAt: '2025-03-10' });
    expect(await service.dataSource.query(`SELECT 1 FROM scheduled_commands WHERE schedule_id = 'mandatory-referral-deadline:751:W-B'`)).toEqual([]);
  });

  it('survives a restart and opens no gap before day N is over', async () => {
    clock.set('2025-03-15T12:00:00Z');
    service = await service.restart();
    clock.set('2025-03-20T22:59:59Z'); // 23:59:59 on 20 March in Copenhagen: the last second of day N
    await severalPolls();
    expect((await watchOf('W-A1')).status).toBe('watching');
    expect(await eventTypes(service, 'mandatory-referral-watch-751:W-A1')).toEqual(['MandatoryReferralDeadlineSet']);
  });

  it('opens the gap on time when day N + 1 begins, for every underretning of the child', async () => {
    clock.set('2025-03-20T23:00:00Z');
    for (const id of ['W-A1', 'W-A2']) {
      const watch = await waitFor(() => watchOf(id), (w) => w?.status === 'gap-open', { what: `the gap of ${id} to open` });
      expect(watch).toMatchObject({ gapId: `gap-${id}`, gapOpenedAt: '2025-03-21', referralDueBy: '2025-03-20' });
    }
    clock.set('2025-03-28T09:00:00Z');
    await severalPolls();
    expect(await eventTypes(service, 'mandatory-referral-watch-751:W-A1')).toEqual(['MandatoryReferralDeadlineSet', 'MandatoryReferralGapOpened']);
    expect((await watchOf('W-B')).status).toBe('referred-in-time');
  });

  it('closes every open gap of the child when a referral arrives, however late', async () => {
    clock.set('2025-04-03T09:00:00Z');
    expect((await aarhus().post('/v1/referrals', referral('W-R-A', childA, '2025-04-02'))).status).toBe(201);
    for (const id of ['W-A1', 'W-A2']) {
      expect(await watchOf(id)).toMatchObject({ status: 'gap-closed', gapOpenedAt: '2025-03-21', referralId: 'W-R-A', referredAt: '2025-04-02', daysOverdue: 13 });
    }
  });

  it('publishes the gap opened and closed with the business dates, and nothing about the in-time referral', async () => {
    const events = await publishedEvents(service);
    const opened = events.filter((e) => e.type === MandatoryReferralGapOpenedV1.type);
    expect(opened.map((e) => e.data)).toContainEqual({
      gapId: 'gap-W-A1',
      underretningId: 'W-A1',
      municipalityCode: '751',
      houseCode: 'midt',
      childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
      childSex: 'female',
      childAgeYears: 8,
      criteriaMetAt: '2025-03-06',
      referralDueBy: '2025-03-20',
      referralWindowDays: 14,
      policeInvolvement: 'consulted',
      openedAt: '2025-03-21',
    });
    expect(opened).toHaveLength(2);
    // The same gaps in v2 beside v1 (ADR 0013), as the ce_id's twin.
    const openedV2 = events.filter((e) => e.type === MandatoryReferralGapOpenedV2.type);
    expect(openedV2.map((e) => e.data)).toEqual(opened.map((e) => ({ ...(e.data as object), legalBasis: 'barnets-lov-125' })));
    expect(openedV2.map((e) => e.id)).toEqual(opened.map((e) => `${e.id}-1`));
    const closed = events.filter((e) => e.type === MandatoryReferralGapClosedV1.type).map((e) => e.data);
    expect(closed).toContainEqual({
      gapId: 'gap-W-A1',
      underretningId: 'W-A1',
      municipalityCode: '751',
      childRef: expect.stringMatching(/^[0-9a-f]{64}$/),
      referralId: 'W-R-A',
      referredAt: '2025-04-02',
      daysOverdue: 13,
    });
    expect(closed).toHaveLength(2);
    expect(events.filter((e) => (e.data as { underretningId?: string }).underretningId === 'W-B' && /gap/.test(e.type))).toEqual([]);
  });

  it('ends consistently when criteria, deadline and a late referral for the same child race each other', async () => {
    const children = Array.from({ length: 8 }, (_, i) => ({ id: `W-RACE-${i}`, cpr: generateCpr('2015-05-05', i % 2 ? 'male' : 'female', 60 + i) }));
    for (const child of children) expect((await aarhus().post('/v1/underretninger', underretning(child.id, child.cpr))).status).toBe(201);
    // Today (3 April) is past the deadline (20 March): it fires as soon as it is set.
    const answers = await Promise.all(
      children.flatMap((child) => [
        aarhus().post(`/v1/underretninger/${child.id}/decisions`, { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-06' }),
        aarhus().post('/v1/referrals', referral(`${child.id}-R`, child.cpr, '2025-04-03')),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual(children.flatMap(() => [200, 201]));
    for (const child of children) {
      const watch = await waitFor(() => watchOf(child.id), (w) => w?.status === 'gap-closed', { what: `the gap of ${child.id} to close` });
      expect(watch).toMatchObject({ referralId: `${child.id}-R`, daysOverdue: 14 });
      expect(await eventTypes(service, `mandatory-referral-watch-751:${child.id}`)).toEqual(expect.arrayContaining(['MandatoryReferralGapOpened', 'MandatoryReferralGapClosed']));
    }
  });
});

describe('the mandatory-referral watch under other settings', () => {
  const clock = controlledClock('2025-03-10T09:00:00Z');
  let service: ServiceUnderTest;
  const aarhus = () => httpAs(service.url, 'municipality', { municipality: '751' });

  beforeAll(async () => {
    service = await startReferrals('referrals_watch_settings', { clock, settings: { policeInvolvement: 'reported', mandatoryReferralWindowDays: 7 } });
  });
  afterAll(() => service?.drop());

  it('does not count a police consultation under `reported`, and says which definition it used', async () => {
    await aarhus().post('/v1/underretninger', underretning('S-1', childA));
    const consulted = await aarhus().post('/v1/underretninger/S-1/decisions', { childInvestigationDecidedAt: '2025-03-05', policeConsultedAt: '2025-03-04' });
    expect(consulted.body.mandatoryReferralCriteria).toEqual({ policeInvolvement: 'reported', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: false, met: false });
    expect((await aarhus().get('/v1/underretninger/S-1')).body).not.toHaveProperty('mandatoryReferralWatch');
  });

  it('counts the window from the setting once the police report is recorded', async () => {
    const reported = await aarhus().post('/v1/underretninger/S-1/decisions', { policeReportedAt: '2025-03-07' });
    expect(reported.body.mandatoryReferralCriteria).toMatchObject({ met: true, metAt: '2025-03-07' });
    expect((await aarhus().get('/v1/underretninger/S-1')).body.mandatoryReferralWatch).toMatchObject({ status: 'watching', referralDueBy: '2025-03-14', referralWindowDays: 7, policeInvolvement: 'reported' });
  });

  it('stops watching when the date that met the criteria is withdrawn', async () => {
    await aarhus().post('/v1/underretninger/S-1/decisions', { policeReportedAt: null });
    expect((await aarhus().get('/v1/underretninger/S-1')).body.mandatoryReferralWatch).toMatchObject({ status: 'stopped' });
    clock.set('2025-03-20T09:00:00Z');
    await severalPolls();
    expect(await eventTypes(service, 'mandatory-referral-watch-751:S-1')).toEqual(['MandatoryReferralDeadlineSet', 'MandatoryReferralWatchStopped']);
  });
});
