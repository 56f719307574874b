import { randomUUID } from 'node:crypto';
import {
  CaseClosedV1,
  CaseClosureCorrectedV1,
  CaseEndReasonRecordedV1,
  type IntegrationEvent,
  type NotReferredReason,
  UnderretningDecisionsRecordedV1,
  UnderretningNotReferredReasonsRecordedV1,
  UnderretningReceivedV1,
} from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { caseEvents, integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

// Issue 23 items 6 and 9 (ADR 0074) through real Kafka and PostgreSQL: the public events as the
// referrals and case-lifecycle services publish them, the reports through the public API. Today is
// 2025-03-20 in Copenhagen.
const at = (time: string) => (event: IntegrationEvent): IntegrationEvent => ({ ...event, time });
const childRef = (n: number) => n.toString(16).padStart(64, 'c');
let children = 0;
const received = (municipalityCode: string, underretningId: string, receivedAt: string, concerns: UnderretningReceivedV1['concerns']) =>
  integrationEvent(UnderretningReceivedV1, { underretningId, municipalityCode, childRef: childRef(++children), childSex: 'female', childAgeYears: 9, receivedAt, concerns, source: 'school' });
const decisions = (municipalityCode: string, underretningId: string, dates: Partial<UnderretningDecisionsRecordedV1>, time: string) =>
  at(time)(integrationEvent(UnderretningDecisionsRecordedV1, { underretningId, municipalityCode, childRef: childRef(0), ...dates }));
const reasons = (municipalityCode: string, underretningId: string, list: NotReferredReason[], time: string) =>
  at(time)(integrationEvent(UnderretningNotReferredReasonsRecordedV1, { underretningId, municipalityCode, reasons: list, recordedOn: time.slice(0, 10) }));

/**
 * Underretninger, the worked example by hand (period January-February 2025):
 * Aarhus (751): U1 6 Jan violence: § 11 on 10 Jan, no § 20, police consulted 8 Jan, not reported → § 11 instead,
 *   police only consulted; reasons preventive-measure-instead, police-assessment-decided.
 *   U2 15 Jan sexual: § 11 20 Jan but § 20 25 Jan; police reported 21 Jan → neither.
 *   U3 20 Jan psychological: first § 11 only, then § 11 and police consulted → both; reasons first `other`,
 *   then replaced by consent-treated-as-required and preventive-measure-instead.
 *   U4 25 Jan neglect only: not about suspected abuse, not counted. U5 3 Feb violence: consulted, then reported too → neither.
 *   U6 20 Dec 2024: outside the period.
 * København (101): K1 10 Jan violence: § 11 → § 11 instead; reason treated-as-an-offer. K2 12 Jan sexual: nothing.
 *   K3 13 Jan violence: police consulted → police only consulted.
 * Aarhus's own view: January 3 underretninger (U1-U3), § 11 instead 2, police only consulted 2, with a reason 2
 *   (preventive-measure-instead 2, police-assessment-decided 1, consent-treated-as-required 1, other 0); February 1, 0, 0, 0.
 * Beyond the municipality (ops): January 751 3 and 101 3 underretninger, national 6: all shown. § 11 instead 2 and 1,
 *   national 3: both below 3 (primary), and with the national 3 shown each would be 1-2, not 0-2: the national count
 *   is hidden too (secondary). The same for police only consulted (2, 1, 3) and with a reason (2, 1, 3).
 *   February: Aarhus's 1 and the national 1 are both below 3: hidden.
 */
const underretningEvents: IntegrationEvent[] = [
  received('751', 'U1', '2025-01-06', ['violence']),
  decisions('751', 'U1', { preventiveMeasureAt: '2025-01-10', policeConsultedAt: '2025-01-08' }, '2025-01-10T10:00:00Z'),
  reasons('751', 'U1', ['preventive-measure-instead', 'police-assessment-decided'], '2025-01-30T10:00:00Z'),
  received('751', 'U2', '2025-01-15', ['sexual']),
  decisions('751', 'U2', { preventiveMeasureAt: '2025-01-20', childInvestigationDecidedAt: '2025-01-25', policeReportedAt: '2025-01-21', policeConsultedAt: '2025-01-21' }, '2025-01-25T10:00:00Z'),
  received('751', 'U3', '2025-01-20', ['psychological', 'neglect']),
  // The later events first: each version wins whatever the order of arrival.
  decisions('751', 'U3', { preventiveMeasureAt: '2025-01-22', policeConsultedAt: '2025-01-23' }, '2025-01-23T10:00:00Z'),
  decisions('751', 'U3', { preventiveMeasureAt: '2025-01-22' }, '2025-01-22T10:00:00Z'),
  reasons('751', 'U3', ['preventive-measure-instead', 'consent-treated-as-required'], '2025-02-05T10:00:00Z'),
  reasons('751', 'U3', ['other'], '2025-02-01T10:00:00Z'),
  received('751', 'U4', '2025-01-25', ['neglect']),
  decisions('751', 'U4', { preventiveMeasureAt: '2025-01-26' }, '2025-01-26T10:00:00Z'),
  reasons('751', 'U4', ['distance'], '2025-01-27T10:00:00Z'),
  received('751', 'U5', '2025-02-03', ['violence']),
  decisions('751', 'U5', { policeConsultedAt: '2025-02-04' }, '2025-02-04T10:00:00Z'),
  decisions('751', 'U5', { policeConsultedAt: '2025-02-04', policeReportedAt: '2025-02-06' }, '2025-02-06T10:00:00Z'),
  received('751', 'U6', '2024-12-20', ['violence']),
  reasons('751', 'U6', ['waiting-time'], '2024-12-30T10:00:00Z'),
  received('101', 'K1', '2025-01-10', ['violence']),
  decisions('101', 'K1', { preventiveMeasureAt: '2025-01-12' }, '2025-01-12T10:00:00Z'),
  reasons('101', 'K1', ['treated-as-an-offer'], '2025-01-31T10:00:00Z'),
  received('101', 'K2', '2025-01-12', ['sexual']),
  received('101', 'K3', '2025-01-13', ['violence']),
  decisions('101', 'K3', { policeConsultedAt: '2025-01-14' }, '2025-01-14T10:00:00Z'),
];

/**
 * Cases, the worked example by hand (closed 2024-2025):
 * C1 Midt/Aarhus, interrupted 10 Feb 2025, unstable-attendance.
 * C2 Midt/Aarhus, withdrawn 1 Mar 2025 without a reason (not-given, revision 1), corrected to municipality-withdrew
 *   (revision 2; its reason event arrives first).
 * C3 Midt/Horsens, interrupted 20 Dec 2024, family-not-motivated.
 * C4 Midt/Aarhus, interrupted 15 Jan 2025 (other), corrected to completed: not counted.
 * C5 Syd/Odense, withdrawn 1 Feb 2025, closed before reasons existed (no reason event): not-given.
 * C6 Midt/Aarhus, completed 2 Feb 2025: not counted.
 * Midt 2024: family-not-motivated 1 interrupted; total 1. Midt 2025: unstable-attendance 1 interrupted,
 * municipality-withdrew 1 withdrawn, not-given 0; total 1 + 1 = 2. Syd 2025: not-given 1 withdrawn; total 1.
 */
function endedCase(spec: { houseCode: 'midt' | 'syd'; municipalityCode: string; openedAt: string; closedAt: string; outcome: 'interrupted' | 'withdrawn' | 'completed' }) {
  const [opened] = caseEvents({ houseCode: spec.houseCode, municipalityCode: spec.municipalityCode, referredAt: spec.openedAt, openedAt: spec.openedAt, caseId: randomUUID() });
  const intake = opened.data as CaseClosedV1;
  const closing: CaseClosedV1 = { ...intake, closedAt: spec.closedAt, outcome: spec.outcome, leadTimeDays: 30, revision: 1, ...(spec.outcome === 'completed' ? { closingMemoSentAt: spec.closedAt } : {}) };
  const endReason = (reason: CaseEndReasonRecordedV1['reason'], revision = 1, outcome = spec.outcome as 'interrupted' | 'withdrawn') =>
    integrationEvent(CaseEndReasonRecordedV1, { caseId: intake.caseId, houseCode: spec.houseCode, municipalityCode: spec.municipalityCode, outcome, closedAt: spec.closedAt, reason, revision });
  return { opened, closed: integrationEvent(CaseClosedV1, closing), closing, endReason };
}
const c1 = endedCase({ houseCode: 'midt', municipalityCode: '751', openedAt: '2025-01-02', closedAt: '2025-02-10', outcome: 'interrupted' });
const c2 = endedCase({ houseCode: 'midt', municipalityCode: '751', openedAt: '2025-01-03', closedAt: '2025-03-01', outcome: 'withdrawn' });
const c3 = endedCase({ houseCode: 'midt', municipalityCode: '615', openedAt: '2024-11-01', closedAt: '2024-12-20', outcome: 'interrupted' });
const c4 = endedCase({ houseCode: 'midt', municipalityCode: '751', openedAt: '2025-01-02', closedAt: '2025-01-15', outcome: 'interrupted' });
const c5 = endedCase({ houseCode: 'syd', municipalityCode: '461', openedAt: '2025-01-02', closedAt: '2025-02-01', outcome: 'withdrawn' });
const c6 = endedCase({ houseCode: 'midt', municipalityCode: '751', openedAt: '2025-01-02', closedAt: '2025-02-02', outcome: 'completed' });
const caseEventsToSend: IntegrationEvent[] = [
  c1.opened, c1.closed, c1.endReason('unstable-attendance'),
  c2.opened, c2.endReason('municipality-withdrew', 2), integrationEvent(CaseClosureCorrectedV1, { ...c2.closing, revision: 2 }), c2.closed, c2.endReason('not-given', 1),
  c3.opened, c3.closed, c3.endReason('family-not-motivated'),
  c4.opened, c4.closed, c4.endReason('other'), integrationEvent(CaseClosureCorrectedV1, { ...c4.closing, outcome: 'completed', closingMemoSentAt: '2025-01-15', revision: 2 }),
  c5.opened, c5.closed,
  c6.opened, c6.closed,
];

describe('reports on reasons: before the criteria, and why cases ended early (ADR 0074)', () => {
  let service: ServiceUnderTest;
  const as = (role: 'ops' | 'admin') => httpAs(service.url, role);
  const municipality = (code: string) => httpAs(service.url, 'municipality', { municipality: code });
  const house = (code: string) => httpAs(service.url, 'boernehus', { house: code });
  const beforeReferral = '/v1/reports/before-referral?from=2025-01-01&to=2025-02-28';
  const caseEndReasons = '/v1/reports/case-end-reasons?from=2024-01-01&to=2025-03-20';

  beforeAll(async () => {
    service = await startReporting('reporting_reasons', { clock: controlledClock('2025-03-20T10:00:00Z') });
    await publish(service, [...underretningEvents, ...caseEventsToSend]);
    await waitFor(
      () => municipality('751').get(beforeReferral),
      (r) => r.body.rows?.[0]?.withReasons === 2 && r.body.rows[0].reasons['consent-treated-as-required'] === 1 && r.body.rows[0].policeOnlyConsulted === 2 && r.body.rows[1]?.underretninger === 1 && r.body.rows[1].policeOnlyConsulted === 0,
      { timeoutMs: 60000, what: 'the underretninger to be projected' },
    );
    await waitFor(
      () => as('ops').get(caseEndReasons),
      (r) => r.body.rows?.filter((row: { reason: string }) => row.reason === 'total').reduce((s: number, row: { total: number }) => s + row.total, 0) === 4 && r.body.rows.some((row: { reason: string; total: number }) => row.reason === 'municipality-withdrew' && row.total === 1),
      { timeoutMs: 60000, what: 'the case end reasons to be projected' },
    );
  }, 120000);
  afterAll(() => service?.drop());

  describe('GET /v1/reports/before-referral', () => {
    it("shows a municipality its own figures, unsuppressed, by month", async () => {
      const { status, body } = await municipality('751').get(beforeReferral);
      expect(status).toBe(200);
      expect(body.municipality).toBe('751');
      expect(body.rows).toHaveLength(2);
      expect(body.rows[0]).toMatchObject({ municipalityCode: '751', name: 'Aarhus', month: '2025-01', underretninger: 3, preventiveMeasureInstead: 2, policeOnlyConsulted: 2, withReasons: 2, suppressed: {} });
      expect(body.rows[0].reasons).toMatchObject({ 'preventive-measure-instead': 2, 'police-assessment-decided': 1, 'consent-treated-as-required': 1, other: 0, distance: 0, 'waiting-time': 0 });
      expect(body.rows[1]).toMatchObject({ month: '2025-02', underretninger: 1, preventiveMeasureInstead: 0, policeOnlyConsulted: 0, withReasons: 0 });
      const copenhagen = (await municipality('101').get(beforeReferral)).body;
      expect(copenhagen.rows).toEqual([expect.objectContaining({ municipalityCode: '101', month: '2025-01', underretninger: 3, preventiveMeasureInstead: 1, policeOnlyConsulted: 1, withReasons: 1 })]);
      expect(copenhagen.rows[0].reasons['treated-as-an-offer']).toBe(1);
    });

    it("refuses a municipality another municipality's figures", async () => {
      expect((await municipality('751').get(`${beforeReferral}&municipality=101`)).status).toBe(403);
    });

    it('suppresses the national table beyond the municipality, and keeps the same cells hidden under a filter', async () => {
      const { body } = await as('ops').get(beforeReferral);
      const row = (month: string, code: string) => body.rows.find((r: { month: string; municipalityCode: string }) => r.month === month && r.municipalityCode === code);
      expect([row('2025-01', '751').underretninger, row('2025-01', '101').underretninger, row('2025-01', 'total').underretninger]).toEqual([3, 3, 6]);
      for (const measure of ['preventiveMeasureInstead', 'policeOnlyConsulted', 'withReasons']) {
        expect([row('2025-01', '751')[measure], row('2025-01', '101')[measure], row('2025-01', 'total')[measure]]).toEqual([null, null, null]);
        expect([row('2025-01', '751').suppressed[measure], row('2025-01', '101').suppressed[measure], row('2025-01', 'total').suppressed[measure]]).toEqual(['primary', 'primary', 'secondary']);
      }
      expect(row('2025-02', '751')).toMatchObject({ underretninger: null, suppressed: { underretninger: 'primary' } });
      expect(row('2025-02', 'total')).toMatchObject({ name: 'I alt', underretninger: null });

      const midt = (await house('midt').get(beforeReferral)).body;
      expect(midt.rows.map((r: { municipalityCode: string; month: string }) => `${r.municipalityCode} ${r.month}`)).toEqual(['751 2025-01', '751 2025-02']);
      expect(midt.rows[0]).toEqual(row('2025-01', '751'));
      expect((await house('midt').get(`${beforeReferral}&house=hovedstaden`)).status).toBe(403);
    });

    it('answers Danish CSV with the reasons in the study\'s wording', async () => {
      const csv = (await municipality('751').get(`${beforeReferral}&format=csv&locale=da`)).text;
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toMatch(/^kommune;navn;måned;underretninger om mistanke om overgreb;§ 11 i stedet for børnefaglig undersøgelse;politiet kun konsulteret;årsag til ikke henvist registreret;forebyggende støtte efter § 11 i stedet for børnefaglig undersøgelse;/);
      expect(lines[0]).toContain(';samtykke fra forældrene opfattet som et lovkrav;');
      expect(lines[1]).toBe('751;Aarhus;2025-01;3;2;2;2;2;0;1;0;1;0;0;0;0;0;0;0;0;0;0;');
    });

    it('refuses a bad period naming the parameter', async () => {
      expect((await as('ops').get('/v1/reports/before-referral?from=2025-02-01&to=2025-01-01')).body).toMatchObject({ status: 400, errors: [{ field: 'to' }] });
      expect((await as('ops').get('/v1/reports/before-referral?municipality=999')).body).toMatchObject({ status: 400, errors: [{ field: 'municipality' }] });
    });
  });

  describe('GET /v1/reports/case-end-reasons', () => {
    it('counts the cases that ended early by house, closing year and reason, as corrected', async () => {
      const { body } = await as('ops').get(caseEndReasons);
      const row = (houseCode: string, year: number, reason: string) => body.rows.find((r: { houseCode: string; year: number; reason: string }) => r.houseCode === houseCode && r.year === year && r.reason === reason);
      expect(row('midt', 2024, 'family-not-motivated')).toMatchObject({ interrupted: 1, withdrawn: 0, total: 1 });
      expect(row('midt', 2024, 'total')).toMatchObject({ interrupted: 1, withdrawn: 0, total: 1 });
      expect(row('midt', 2025, 'unstable-attendance')).toMatchObject({ interrupted: 1, withdrawn: 0, total: 1 });
      expect(row('midt', 2025, 'municipality-withdrew')).toMatchObject({ interrupted: 0, withdrawn: 1, total: 1 });
      expect(row('midt', 2025, 'not-given')).toMatchObject({ total: 0 });
      expect(row('midt', 2025, 'other')).toMatchObject({ total: 0 });
      expect(row('midt', 2025, 'total')).toMatchObject({ interrupted: 1, withdrawn: 1, total: 2 });
      expect(row('syd', 2025, 'not-given')).toMatchObject({ interrupted: 0, withdrawn: 1, total: 1 });
      expect(body.rows).toHaveLength(3 * 8);
    });

    it('keeps a house to its own cases and a municipality to its own', async () => {
      const syd = (await house('syd').get(caseEndReasons)).body;
      expect(syd.rows.filter((r: { reason: string }) => r.reason === 'total')).toEqual([expect.objectContaining({ houseCode: 'syd', year: 2025, total: 1 })]);
      const aarhus = (await municipality('751').get(caseEndReasons)).body;
      expect(aarhus.rows.filter((r: { reason: string }) => r.reason === 'total')).toEqual([expect.objectContaining({ houseCode: 'midt', year: 2025, interrupted: 1, withdrawn: 1, total: 2 })]);
      expect((await house('syd').get(`${caseEndReasons}&house=midt`)).status).toBe(403);
    });

    it('answers Danish CSV with Danish reasons', async () => {
      const csv = (await as('ops').get(`/v1/reports/case-end-reasons?year=2025&format=csv&locale=da`)).text;
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('børnehus;navn;år;årsag;afbrudt;trukket tilbage;i alt');
      expect(lines).toContain('midt;Børnehus Midt;2025;ustabilt fremmøde;1;0;1');
      expect(lines).toContain('midt;Børnehus Midt;2025;kommunen trak sagen tilbage;0;1;1');
      expect(lines).toContain('midt;Børnehus Midt;2025;i alt;1;1;2');
      expect(lines).toContain('syd;Børnehus Syd;2025;ikke angivet;0;1;1');
    });
  });
});
