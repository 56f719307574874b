import { addDays } from '@sagsspor/calendar';
import { CaseSettledV1 } from '@sagsspor/contracts';
import { municipalities } from '@sagsspor/reference-data';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { authHeaders, waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { folk1aExport } from '../test-support/folk1a-export';
import { municipalityNames, startReporting } from '../test-support/reporting-service';

const settled = (caseId: string, municipalityCode: string, closedAt: string, outcome: CaseSettledV1['outcome'], revision?: number) =>
  integrationEvent(CaseSettledV1, { caseId, municipalityCode, houseCode: 'midt', outcome, closedAt, settlementMonth: closedAt.slice(0, 7), tariffYear: 2022, amountDkk: 13_827, ...(revision ? { revision } : {}) });

const c = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// Region Midtjylland's 19 municipalities get 1,000 children each, Aarhus (751) 10,000: 28,000 in all.
const midt = municipalities.filter((m) => m.regionCode === '1082');
const population2022 = Object.fromEntries(municipalities.map((m) => [m.code, m.code === '751' ? 10_000 : 1_000]));

describe('money: budgets, financing, settlement statements, forecast', () => {
  let service: ServiceUnderTest;
  const as = (role: 'ops' | 'admin') => httpAs(service.url, role);

  beforeAll(async () => {
    service = await startReporting('reporting_money', { clock: controlledClock('2025-11-15T12:00:00Z') });
    expect((await as('admin').put('/v1/reference/population/2022', folk1aExport(2022, population2022, municipalityNames), { 'content-type': 'text/csv' })).status).toBe(201);
    // March 2022: Aarhus a completed and an interrupted case; Viborg a case settled in March, then corrected into April
    // (the correction published first: the order must not matter); one more Aarhus case closed in March but not settled.
    const notSettled = caseEvents({ municipalityCode: '751', houseCode: 'midt', referredAt: '2022-01-02', openedAt: '2022-01-05', closedAt: '2022-03-15' });
    // Nord's history: 2 closings a month in 2022, 3 in 2023, 4 in 2024, 5 in January-October 2025, half Aalborg, half Morsø.
    const nord = [2022, 2023, 2024, 2025].flatMap((year, y) =>
      Array.from({ length: year === 2025 ? 10 : 12 }, (_, month) =>
        Array.from({ length: y + 2 }, (_, i) => {
          const closedAt = `${year}-${String(month + 1).padStart(2, '0')}-${String(10 + i).padStart(2, '0')}`;
          return caseEvents({ municipalityCode: i % 2 === 0 ? '851' : '773', houseCode: 'nord', referredAt: addDays(closedAt, -40), openedAt: addDays(closedAt, -30), closedAt });
        }).flat(),
      ).flat(),
    );
    await publish(service, [settled(c(3), '791', '2022-04-02', 'completed', 2), settled(c(1), '751', '2022-03-04', 'completed'), settled(c(2), '751', '2022-03-21', 'interrupted', 1), settled(c(3), '791', '2022-03-30', 'completed', 1), ...notSettled, ...nord]);
    await waitFor(() => as('ops').get('/v1/reports/settlements?month=2022-04'), (r) => r.body.caseCount === 1, { timeoutMs: 60000, what: 'the settlements to be projected' });
    const nordBasis = (r: { body: { houses?: { basis?: { cases: number; observedCases?: number }[] }[] } }) => r.body.houses?.[0]?.basis?.map((y) => y.observedCases ?? y.cases).join(',');
    await waitFor(() => as('ops').get('/v1/reports/forecast?house=nord'), (r) => nordBasis(r) === '24,36,48,50', { timeoutMs: 60000, what: "all of Nord's closures to be projected" });
    await waitFor(() => as('ops').get('/v1/reports/settlements?month=2022-03&house=midt'), (r) => r.body.closedNotSettled === 1, { timeoutMs: 60000, what: 'the unsettled closure' });
  }, 180000);
  afterAll(() => service?.drop());

  describe('budgets', () => {
    it('are put per house and year by an admin, versioned, and read by ops', async () => {
      const put = await as('admin').put('/v1/reference/budgets/2022', [{ houseCode: 'midt', operatingBudgetDkk: 15_209_700, expectedCases: 440, note: 'Budget 2022' }, { houseCode: 'syd', operatingBudgetDkk: 20_000_000 }]);
      expect(put.status).toBe(200);
      expect(put.body.budgets).toEqual([expect.objectContaining({ houseCode: 'midt', operatingBudgetDkk: 15_209_700, expectedCases: 440, version: 1 }), expect.objectContaining({ houseCode: 'syd', expectedCases: null, version: 1 })]);
      expect(put.body.missing).toEqual(['hovedstaden', 'sjaelland', 'nord']);
      // The same figures again change nothing; a new figure is a new version.
      expect((await as('admin').put('/v1/reference/budgets/2022', [{ houseCode: 'midt', operatingBudgetDkk: 15_209_700, expectedCases: 440, note: 'Budget 2022' }])).body.budgets[0].version).toBe(1);
      expect((await as('admin').put('/v1/reference/budgets/2023', [{ houseCode: 'midt', operatingBudgetDkk: 16_000_000, expectedCases: 460 }])).status).toBe(200);
      expect((await as('ops').get('/v1/reference/budgets/2022')).body.budgets).toHaveLength(2);
      expect((await as('ops').put('/v1/reference/budgets/2022', [{ houseCode: 'midt', operatingBudgetDkk: 1 }])).status).toBe(403);
    });

    it('refuses bad entries naming them', async () => {
      const bad = await as('admin').put('/v1/reference/budgets/2022', [{ houseCode: 'midt', operatingBudgetDkk: -5 }, { houseCode: 'atlantis', operatingBudgetDkk: 12.5 }]);
      expect(bad).toMatchObject({ status: 400 });
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['[0].operatingBudgetDkk', '[1].houseCode', '[1].operatingBudgetDkk']));
      expect((await as('admin').put('/v1/reference/budgets/20x2', [{ houseCode: 'midt', operatingBudgetDkk: 5 }])).body.errors[0].field).toBe('year');
      expect((await as('admin').put('/v1/reference/budgets/2022', {})).body.errors[0].field).toBe('(body)');
    });
  });

  describe('GET /v1/reports/financing', () => {
    it('gives the tariff (40 %) and the objective financing (60 %) split over the region by children', async () => {
      const { status, body } = await as('ops').get('/v1/reports/financing?year=2022&house=midt');
      expect(status).toBe(200);
      // 15,209,700 kr.: 60 % = 9,125,820 kr.; 40 % = 6,083,880 kr. / 440 = 13,827 kr.
      expect(body).toMatchObject({ houseCode: 'midt', region: { code: '1082' }, expectedCases: 440, expectedCasesSource: 'budget', objectiveFinancingDkk: 9_125_820, tariffFinancingDkk: 6_083_880, tariffPerCaseDkk: 13_827, tariffRoundingDkk: 0 });
      expect(body.municipalities).toHaveLength(midt.length);
      expect(body.municipalities.reduce((n: number, m: { objectiveFinancingDkk: number }) => n + m.objectiveFinancingDkk, 0)).toBe(9_125_820);
      // Aarhus has 10,000 of 28,000 children: 9,125,820 × 10/28 = 3,259,221.43; each other 9,125,820 / 28 = 325,922.14; whole kroner leave 3 over: Aarhus (remainder .43) and two others get one more.
      expect(body.municipalities.find((m: { municipalityCode: string }) => m.municipalityCode === '751')).toMatchObject({ population0to17: 10_000, objectiveFinancingDkk: 3_259_222, sharePercent: 35.7143 });
    });

    it('is a what-if on the expected count, and answers CSV for a Danish Excel', async () => {
      expect((await as('ops').get('/v1/reports/financing?year=2022&house=midt&expectedCases=380')).body).toMatchObject({ expectedCases: 380, expectedCasesSource: 'what-if', tariffPerCaseDkk: 16_010 });
      const csv = await as('ops').get('/v1/reports/financing?year=2022&house=midt&format=csv&locale=da');
      expect(csv.contentType).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe('kommunekode;kommune;folketal 0-17 år;andel pct.;objektiv finansiering kr.');
      expect(csv.text).toContain('751;Aarhus;10000;35,71;3259222');
    });

    it('names what is missing, never a number: budget, expected count, population', async () => {
      expect(await as('ops').get('/v1/reports/financing?year=2022&house=nord')).toMatchObject({ status: 422, body: { code: 'FINANCING.BUDGET_MISSING', detail: expect.stringContaining('PUT /v1/reference/budgets/2022') } });
      expect(await as('ops').get('/v1/reports/financing?year=2022&house=syd')).toMatchObject({ status: 422, body: { code: 'FINANCING.EXPECTED_CASES_MISSING', errors: [{ field: 'expectedCases' }] } });
      const noPopulation = await as('ops').get('/v1/reports/financing?year=2023&house=midt');
      expect(noPopulation).toMatchObject({ status: 422, body: { code: 'FINANCING.POPULATION_MISSING', detail: expect.stringContaining('FOLK1A 2023K1') } });
      expect(noPopulation.body).not.toHaveProperty('tariffPerCaseDkk');
      expect((await as('ops').get('/v1/reports/financing?year=2023&house=midt&populationYear=2022')).body).toMatchObject({ tariffPerCaseDkk: 13_913, population: { year: 2022 } });
      expect((await as('ops').get('/v1/reports/financing?year=2022&house=midt&expectedCases=0')).body).toMatchObject({ status: 400, errors: [{ field: 'expectedCases' }] });
      expect((await as('ops').get('/v1/reports/financing?year=2022')).body.errors[0].field).toBe('house');
    });

    it('lets a house see only its own, and a municipality any house', async () => {
      expect((await httpAs(service.url, 'boernehus', { house: 'syd' }).get('/v1/reports/financing?year=2022&house=midt')).status).toBe(403);
      expect((await httpAs(service.url, 'municipality', { municipality: '751' }).get('/v1/reports/financing?year=2022&house=midt')).status).toBe(200);
    });
  });

  describe('GET /v1/reports/settlements', () => {
    it('states the month per municipality: the interrupted case at the full tariff, the corrected case moved out', async () => {
      const { status, body } = await as('ops').get('/v1/reports/settlements?month=2022-03&house=midt');
      expect(status).toBe(200);
      expect(body).toMatchObject({ month: '2022-03', caseCount: 2, totalDkk: 27_654, closedNotSettled: 1 });
      expect(body.municipalities).toEqual([
        expect.objectContaining({ municipalityCode: '751', municipalityName: 'Aarhus', caseCount: 2, interruptedCount: 1, totalDkk: 27_654, lines: [expect.objectContaining({ caseId: c(1), outcome: 'completed', amountDkk: 13_827 }), expect.objectContaining({ caseId: c(2), outcome: 'interrupted', amountDkk: 13_827 })] }),
      ]);
      expect((await as('ops').get('/v1/reports/settlements?month=2022-04')).body.municipalities[0].lines).toEqual([expect.objectContaining({ caseId: c(3), closedAt: '2022-04-02', revision: 2 })]);
    });

    it('answers CSV for a Danish Excel and a printable Danish page', async () => {
      const csv = await as('ops').get('/v1/reports/settlements?month=2022-03&format=csv&locale=da');
      expect(csv.contentType).toMatch(/^text\/csv/);
      expect(csv.text).toContain(`2022-03;sag;751;Aarhus;midt;${c(2)};2022-03-21;afbrudt;2022;1;1;13827,00`);
      expect(csv.text).toContain('2022-03;i alt;;;;;;;;;2;27654,00');
      const bytes = Buffer.from(await (await fetch(`${service.url}/v1/reports/settlements?month=2022-03&format=csv&locale=da`, { headers: await authHeaders('ops') })).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const html = await as('ops').get('/v1/reports/settlements?month=2022-03', { accept: 'text/html' });
      expect(html.contentType).toMatch(/^text\/html/);
      expect(html.text).toContain('Afregningsopgørelse marts 2022');
      expect(html.text).toContain('27.654,00');
    });

    it('shows a municipality only its own cases and refuses a bad month', async () => {
      const viborg = httpAs(service.url, 'municipality', { municipality: '791' });
      expect((await viborg.get('/v1/reports/settlements?month=2022-03')).body).toMatchObject({ municipalityCode: '791', caseCount: 0, totalDkk: 0 });
      expect((await viborg.get('/v1/reports/settlements?month=2022-03&municipality=751')).status).toBe(403);
      expect((await as('ops').get('/v1/reports/settlements?month=2022-13')).body).toMatchObject({ status: 400, errors: [{ field: 'month' }] });
      expect((await as('ops').get('/v1/reports/settlements?month=2022-03&format=pdf')).body.errors[0].field).toBe('format');
    });
  });

  describe('GET /v1/reports/forecast', () => {
    it("forecasts next year per house and municipality, with an interval and last year's actuals", async () => {
      const { status, body } = await as('ops').get('/v1/reports/forecast?house=nord');
      expect(status).toBe(200);
      // 2025 through October: 50; January-October held 90 of the 108 cases of 2022-24 → 50 × 108/90 = 60.
      // Line through 24, 36, 48, 60 → 72. One backtest year → r = 15 %: σ = max(√72, 10.8) = 10.8 → 72 ± 21.2 → [51, 93].
      expect(body).toMatchObject({ year: 2026, historyThrough: '2025-10' });
      expect(body.houses[0]).toMatchObject({ houseCode: 'nord', expectedCases: 72, interval: { low: 51, high: 93 }, lastYearActual: { year: 2024, cases: 48 } });
      // Aalborg (851) gets the 1st, 3rd, 5th case of a month: 12 + 24 + 24 + 30 = 90 of the 158 cases of 2022-2025; Morsø 68.
      // 72 × 90/158 = 41.0 → 41; 72 × 68/158 = 31.0 → 31.
      expect(body.houses[0].municipalities.map((m: { municipalityCode: string; expectedCases: number }) => [m.municipalityCode, m.expectedCases])).toEqual([
        ['773', 31],
        ['851', 41],
      ]);
      const csv = await as('ops').get('/v1/reports/forecast?house=nord&format=csv&locale=da');
      expect(csv.text).toContain('børnehus;nord;;Børnehus Nord;72;51;93;2024;48');
    });

    it('backtests on the past years, and refuses a year too far ahead or a house without history', async () => {
      const bt = await as('ops').get('/v1/reports/forecast/backtest?house=nord');
      // 2024 from 2022-23 (two years: last year's 36) against 48: error −12, 25 %.
      expect(bt.body.houses[0]).toMatchObject({ houseCode: 'nord', mae: 12, mape: 25, years: [{ year: 2024, forecast: 36, actual: 48 }] });
      expect((await as('ops').get('/v1/reports/forecast?house=nord&year=2027')).body).toMatchObject({ status: 400, errors: [{ field: 'year' }] });
      expect(await as('ops').get('/v1/reports/forecast?house=hovedstaden')).toMatchObject({ status: 422, body: { code: 'FORECAST.NO_HISTORY' } });
      const all = await as('ops').get('/v1/reports/forecast');
      expect(all.body.houses.find((h: { houseCode: string }) => h.houseCode === 'hovedstaden')).toMatchObject({ unavailable: expect.stringContaining('nothing to forecast from') });
      expect((await httpAs(service.url, 'boernehus', { house: 'nord' }).get('/v1/reports/forecast')).body.houses.map((h: { houseCode: string }) => h.houseCode)).toEqual(['nord']);
    });
  });
});
