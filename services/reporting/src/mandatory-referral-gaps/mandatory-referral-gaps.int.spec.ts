import { type IntegrationEvent, MandatoryReferralGapClosedV1, MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, mandatoryReferralGapOpenedV2FromV1 } from '@sagsspor/contracts';
import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { waitFor } from '@sagsspor/testing';
import { integrationEvent, publish } from '../test-support/events';
import { startReporting } from '../test-support/reporting-service';

const opened = (gapId: string, municipalityCode: string, houseCode: 'midt' | 'nord', openedAt: string, policeInvolvement: 'reported' | 'consulted' = 'reported') =>
  integrationEvent(MandatoryReferralGapOpenedV1, { ...MandatoryReferralGapOpenedV1.example, gapId, underretningId: `U-${gapId}`, municipalityCode, houseCode, openedAt, policeInvolvement });
/** The same gap as v2 (ADR 0013): alone, as after v1's window, or as the twin the producer publishes beside v1 during it. */
const asV2 = (v1: IntegrationEvent, id = v1.id) => integrationEvent(MandatoryReferralGapOpenedV2, mandatoryReferralGapOpenedV2FromV1(v1.data as MandatoryReferralGapOpenedV1), id);
// A gap's closing names its municipality, as its opening does: a gap id is unique within its municipality (ADR 0095).
const closed = (gapId: string, municipalityCode: string, daysOverdue: number) =>
  integrationEvent(MandatoryReferralGapClosedV1, { ...MandatoryReferralGapClosedV1.example, gapId, underretningId: `U-${gapId}`, municipalityCode, daysOverdue });

describe('GET /v1/reports/mandatory-referral-gaps, from gaps published as v1, v2 and both', () => {
  let service: ServiceUnderTest;
  const report = (query: string, as = httpAs(service.url, 'ops')) => as.get(`/v1/reports/mandatory-referral-gaps?from=2025-01-01&to=2025-06-30&${query}`);

  beforeAll(async () => {
    service = await startReporting('reporting_gaps', { clock: controlledClock('2025-07-01T10:00:00Z') });
    await publish(service, [
      closed('G1', '751', 13), // the closing arrives before the opening
      opened('G1', '751', 'midt', '2025-03-21'),
      asV2(opened('G2', '751', 'midt', '2025-04-02', 'consulted')), // v2 only
      ...[opened('G3', '851', 'nord', '2025-04-10')].flatMap((v1) => [v1, asV2(v1, `${v1.id}-1`)]), // both: the same gap, counted once
      closed('G3', '851', 4),
      opened('G4', '851', 'nord', '2024-12-30'), // before the period
    ]);
    await waitFor(() => report('groupBy=municipality'), (r) => r.body.rows?.at(-1)?.opened === 3 && r.body.rows.at(-1).closedLate === 2, { timeoutMs: 60000, what: 'the gaps to be projected' });
  }, 120000);
  afterAll(() => service?.drop());

  it('counts the gaps opened in the period by municipality: still open, closed late, days overdue and the definition used', async () => {
    const { body } = await report('groupBy=municipality');
    expect(body.rows).toEqual([
      { key: '751', name: 'Aarhus', opened: 2, stillOpen: 1, closedLate: 1, averageDaysOverdue: 13, policeInvolvement: ['consulted', 'reported'], legalBasis: ['barnets-lov-125'], referralWindowDays: [14] },
      { key: '851', name: 'Aalborg', opened: 1, stillOpen: 0, closedLate: 1, averageDaysOverdue: 4, policeInvolvement: ['reported'], legalBasis: ['barnets-lov-125'], referralWindowDays: [14] },
      { key: 'total', name: 'I alt', opened: 3, stillOpen: 1, closedLate: 2, averageDaysOverdue: 9, policeInvolvement: ['consulted', 'reported'], legalBasis: ['barnets-lov-125'], referralWindowDays: [14] },
    ]);
  });

  it('groups by month and by house', async () => {
    expect((await report('groupBy=month')).body.rows.map((r: { key: string; opened: number }) => [r.key, r.opened])).toEqual([['2025-03', 1], ['2025-04', 2], ['total', 3]]);
    expect((await report('groupBy=house')).body.rows.map((r: { key: string }) => r.key)).toEqual(['midt', 'nord', 'total']);
  });

  it('shows a municipality only its own gaps, and refuses another municipality', async () => {
    const aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    expect((await report('', aarhus)).body.rows.map((r: { key: string }) => r.key)).toEqual(['751', 'total']);
    expect((await report('municipality=851', aarhus)).status).toBe(403);
    expect((await report('groupBy=region')).body.errors[0].field).toBe('groupBy');
  });
});
