import { CaseSettledV1, ReferralAcceptedV1, type ReferralAcceptedV1 as ReferralAccepted, Topics } from '@sagsspor/contracts';
import { fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { controlledClock, httpAs, readAllMessages, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, eventPublisher, referralAccepted, startCaseLifecycle } from '../test-support/case-lifecycle.harness';

/*
 * Worked example: municipality 751 (Aarhus) pays for cases in two houses (midt, nord) over two
 * years. Tariffs from the reference data (libs/reference-data tariffs.csv): midt 2021 12,662,
 * nord 2021 12,267, midt 2022 13,827; nord 2022 is not in the file, so the test puts it: 12,900.
 *
 *   case  house  closed      outcome      tariff
 *   A     midt   2021-06-10  completed    12,662
 *   B     nord   2021-06-20  interrupted  12,267  (interrupted pays the full tariff)
 *   F     midt   2021-07-02  withdrawn    12,662  (withdrawn pays the full tariff too: ADR 0032)
 *   C     midt   2022-06-05  completed    13,827
 *   D     nord   2022-06-15  completed    12,900  (settled only once the 2022 nord tariff is put)
 *   E     midt   2021-06-12  completed    12,662  paid by 101 København: not on 751's statements
 *
 *   751, June 2021:  A + B     = 12,662 + 12,267          = 24,929  (2 cases)
 *   751, July 2021:  F         = 12,662                   = 12,662  (1 case)
 *   751, year 2021:  24,929 + 12,662                      = 37,591  (3 cases)
 *   751, June 2022 before the nord 2022 tariff: C          = 13,827  (1 case, 1 closed awaiting tariff)
 *   751, June 2022 after:  C + D = 13,827 + 12,900        = 26,727  (2 cases)
 *   nord's own view of June 2021: B                        = 12,267
 *   Correcting A's closing to 2021-07-01 moves it:  June 2021 = B = 12,267;  July 2021 = A + F = 25,324.
 */
describe('settlement: worked example with two houses, two years and an interrupted case', () => {
  let service: ServiceUnderTest;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const clock = controlledClock('2023-01-15T10:00:00Z');
  const admin = () => httpAs(service.url, 'admin');
  const aarhus = () => httpAs(service.url, 'municipality', { municipality: '751' });
  const cases: Record<string, ReferralAccepted> = {};

  async function closeCase(name: string, houseCode: 'midt' | 'nord', municipalityCode: string, openedAt: string, close: { closedAt: string; outcome: string; closingMemoSentAt?: string }) {
    const accepted = referralAccepted({ houseCode, municipalityCode, referredAt: openedAt, municipalityAwareAt: openedAt, acceptedAt: openedAt });
    cases[name] = accepted;
    await publisher.publish(ReferralAcceptedV1, accepted);
    const house = httpAs(service.url, 'boernehus', { house: houseCode });
    await waitFor(() => house.get(`/v1/cases/${accepted.caseId}`), (r) => r.status === 200, { timeoutMs: 30000, what: `case ${name} to open` });
    const closed = await house.post(`/v1/cases/${accepted.caseId}/close`, close);
    expect(closed).toMatchObject({ status: 200, body: { closedAt: close.closedAt } });
    return closed.body;
  }

  beforeAll(async () => {
    service = await startCaseLifecycle('settlement', { clock });
    publisher = await eventPublisher(service);
    await closeCase('A', 'midt', '751', '2021-03-01', { closedAt: '2021-06-10', outcome: 'completed', closingMemoSentAt: '2021-06-01' });
    await closeCase('B', 'nord', '751', '2021-04-01', { closedAt: '2021-06-20', outcome: 'interrupted' });
    await closeCase('F', 'midt', '751', '2021-05-01', { closedAt: '2021-07-02', outcome: 'withdrawn' });
    await closeCase('C', 'midt', '751', '2022-01-10', { closedAt: '2022-06-05', outcome: 'completed', closingMemoSentAt: '2022-06-01' });
    await closeCase('D', 'nord', '751', '2022-02-01', { closedAt: '2022-06-15', outcome: 'completed', closingMemoSentAt: '2022-06-10' });
    await closeCase('E', 'midt', '101', '2021-03-01', { closedAt: '2021-06-12', outcome: 'completed', closingMemoSentAt: '2021-06-01' });
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.drop();
  });

  it("settles on closing at the house's tariff for the closing year", async () => {
    const a = await admin().get(`/v1/cases/${cases.A.caseId}`);
    expect(a.body).toMatchObject({ status: 'settled', settlement: { settlementMonth: '2021-06', tariffYear: 2021, amountDkk: 12662, revision: 1 } });
    const d = await admin().get(`/v1/cases/${cases.D.caseId}`);
    expect(d.body.status).toBe('closed');
    expect(d.body.settlement).toBeUndefined();
  });

  it('gives 751 its June 2021 statement: 24,929 for two cases', async () => {
    const june = await aarhus().get('/v1/settlements?municipality=751&month=2021-06');
    expect(june.status).toBe(200);
    expect(june.body).toMatchObject({ month: '2021-06', municipalityCode: '751', caseCount: 2, totalDkk: 24929, closedAwaitingTariff: 0 });
    expect(june.body.lines.map((l: { caseId: string; houseCode: string; outcome: string; amountDkk: number }) => [l.caseId, l.houseCode, l.outcome, l.amountDkk])).toEqual([
      [cases.A.caseId, 'midt', 'completed', 12662],
      [cases.B.caseId, 'nord', 'interrupted', 12267],
    ]);
  });

  it('sums 751\'s year 2021 by month: 37,591 for three cases', async () => {
    const year = await aarhus().get('/v1/settlements?year=2021');
    expect(year.body).toMatchObject({ year: 2021, municipalityCode: '751', caseCount: 3, totalDkk: 37591 });
    expect(year.body.months).toHaveLength(12);
    expect(year.body.months.filter((m: { caseCount: number }) => m.caseCount > 0)).toEqual([
      { month: '2021-06', caseCount: 2, totalDkk: 24929 },
      { month: '2021-07', caseCount: 1, totalDkk: 12662 },
    ]);
  });

  it('settles the case that waited once the missing tariff is put: June 2022 goes from 13,827 to 26,727', async () => {
    expect((await aarhus().get('/v1/settlements?month=2022-06')).body).toMatchObject({ caseCount: 1, totalDkk: 13827, closedAwaitingTariff: 1 });
    const put = await admin().put('/v1/reference/tariffs/2022', [{ houseCode: 'nord', dkkPerCase: 12900 }]);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ year: 2022, changed: [{ houseCode: 'nord', version: 1 }], casesToSettle: 1 });
    expect(put.body.tariffs).toEqual([
      expect.objectContaining({ houseCode: 'midt', dkkPerCase: 13827, source: 'reference-data', version: 1 }),
      expect.objectContaining({ houseCode: 'nord', dkkPerCase: 12900, source: 'api', version: 1 }),
    ]);
    await waitFor(() => aarhus().get('/v1/settlements?month=2022-06'), (r) => r.body.caseCount === 2, { timeoutMs: 30000, what: 'the waiting case to be settled' });
    expect((await aarhus().get('/v1/settlements?month=2022-06')).body).toMatchObject({ caseCount: 2, totalDkk: 26727, closedAwaitingTariff: 0 });
  });

  it("limits each caller to their own: a house sees its own cases, a municipality its own", async () => {
    const nord = await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/settlements?municipality=751&month=2021-06');
    expect(nord.body).toMatchObject({ houseCode: 'nord', caseCount: 1, totalDkk: 12267 });
    const copenhagen = await httpAs(service.url, 'municipality', { municipality: '101' }).get('/v1/settlements?month=2021-06');
    expect(copenhagen.body).toMatchObject({ municipalityCode: '101', caseCount: 1, totalDkk: 12662 });
    expect((await aarhus().get('/v1/settlements?municipality=101&month=2021-06')).status).toBe(403);
    expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/settlements?house=midt&month=2021-06')).status).toBe(403);
  });

  it('moves a settled case to its corrected month (revision 2) and republishes its settlement', async () => {
    const midt = httpAs(service.url, 'boernehus', { house: 'midt' });
    const corrected = await midt.post(`/v1/cases/${cases.A.caseId}/closure-corrections`, { closedAt: '2021-07-01', reason: 'The closing date was typed wrong' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ status: 'settled', closedAt: '2021-07-01', closureRevision: 2, settlement: { settlementMonth: '2021-07', amountDkk: 12662, revision: 2 } });
    expect(corrected.body.closureCorrections).toEqual([{ revision: 2, correctedOn: '2023-01-15', reason: 'The closing date was typed wrong' }]);
    expect((await aarhus().get(`/v1/cases/${cases.A.caseId}`)).body.closureCorrections).toEqual([{ revision: 2, correctedOn: '2023-01-15' }]);
    expect((await aarhus().get('/v1/settlements?month=2021-06')).body).toMatchObject({ caseCount: 1, totalDkk: 12267 });
    expect((await aarhus().get('/v1/settlements?month=2021-07')).body).toMatchObject({ caseCount: 2, totalDkk: 25324 });

    const settlementsOfA = async () =>
      (await readAllMessages(publisher.kafka, qualifiedTopic(service.config.kafka, Topics.caseLifecycleEvents), 1000, 5000))
        .map(fromKafkaMessage)
        .filter((e) => e.type === CaseSettledV1.type && (e.data as { caseId: string }).caseId === cases.A.caseId);
    const settlements = await waitFor(settlementsOfA, (found) => found.length >= 2, { timeoutMs: 90000, what: 'both settlements of case A on Kafka' });
    expect(settlements.map((e) => e.data)).toEqual([
      expect.objectContaining({ settlementMonth: '2021-06', revision: 1 }),
      expect.objectContaining({ settlementMonth: '2021-07', revision: 2 }),
    ]);
    expect(JSON.stringify(settlements)).not.toContain('typed wrong');
  }, 150000);

  it('refuses to move a settled case into a year without a tariff, writing nothing', async () => {
    const before = await caseEvents(service, cases.C.caseId);
    const refused = await httpAs(service.url, 'boernehus', { house: 'midt' }).post(`/v1/cases/${cases.C.caseId}/closure-corrections`, { closedAt: '2023-01-05', reason: 'closed later' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'CASE.NO_TARIFF_FOR_YEAR', detail: expect.stringContaining('PUT /v1/reference/tariffs/2023') } });
    expect(await caseEvents(service, cases.C.caseId)).toEqual(before);
  });

  it('answers a bad statement request with the fields named', async () => {
    const both = await admin().get('/v1/settlements?month=2021-06&year=2021');
    expect(both).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID', errors: [{ field: 'year' }] } });
    const bad = await admin().get('/v1/settlements?month=2021-13&municipality=999');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['month', 'municipality']);
    const badTariffs = await admin().put('/v1/reference/tariffs/2024', [{ houseCode: 'midt', dkkPerCase: -1 }, { houseCode: 'atlantis', dkkPerCase: 1 }, { houseCode: 'midt', dkkPerCase: 2 }]);
    expect(badTariffs.status).toBe(400);
    expect(badTariffs.body.errors.map((e: { field: string }) => e.field)).toEqual(['[0].dkkPerCase', '[1].houseCode', '[2].houseCode']);
    expect((await admin().get('/v1/reference/tariffs?year=2024')).body).toEqual([]);
    expect((await httpAs(service.url, 'boernehus', { house: 'midt' }).put('/v1/reference/tariffs/2024', [{ houseCode: 'midt', dkkPerCase: 1 }])).status).toBe(403);
  });
});
