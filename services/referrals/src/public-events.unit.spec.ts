import { inLatestVersion, MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2, validateIntegrationEventData } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import { type ReferralsServiceEvent, toPublicEvents } from './public-events';

const childRef = 'a'.repeat(64);
// Born 2016-04-02: 8 on every date below. The internal events keep that age, never the birth date (ADR 0099).
const child = { childRef, childAgeYears: 8, childSex: 'female' as const };
const referral = {
  referralId: 'R-1',
  municipalityCode: '751',
  houseCode: 'midt' as const,
  ...child,
  referredAt: '2025-03-10',
  municipalityAwareAt: '2025-03-04',
  abuseTypes: ['violence' as const],
  caseKind: 'abuse' as const,
  underretningId: 'U-1',
};
const watched = { underretningId: 'U-1', municipalityCode: '751', houseCode: 'midt' as const, childRef, childSex: 'female' as const, receivedAt: '2025-03-03' };
const deadline = { criteriaMetAt: '2025-03-06', childAgeYears: 8, referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted' as const, legalBasis: 'barnets-lov-125' as const };
const ref = { underretningId: 'U-1', municipalityCode: '751', childRef };

const published: ReferralsServiceEvent[] = [
  { type: 'UnderretningReceived', data: { ...ref, childAgeYears: 8, childSex: 'female', receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' } },
  { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-03-05', policeConsultedAt: '2025-03-06' }, corrected: [] } },
  { type: 'MandatoryReferralCriteriaEvaluated', data: { ...ref, policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-03-06', childAgeYears: 8 } },
  { type: 'MandatoryReferralCriteriaEvaluated', data: { ...ref, policeInvolvement: 'reported', abuseSuspected: true, investigationDecided: false, policeOrHospitalInvolved: false, met: false } },
  { type: 'MandatoryReferralGapOpened', data: { ...watched, ...deadline, gapId: 'gap-U-1', openedAt: '2025-03-21' } },
  { type: 'MandatoryReferralGapClosed', data: { gapId: 'gap-U-1', ...ref, referralDueBy: '2025-03-20', daysOverdue: 13, referralId: 'R-1', referredAt: '2025-04-02' } },
  { type: 'ConsultationRecorded', data: { consultationId: 'K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-03-02', outcome: 'advice-given' } },
  { type: 'ConsultationRecorded', data: { consultationId: 'K-2', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-03-02', outcome: 'advice-given', child } },
  { type: 'ReferralSubmitted', data: referral },
  { type: 'ReferralAccepted', data: { ...referral, caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77', acceptedAt: '2025-03-12' } },
  { type: 'ReferralRejected', data: { ...referral, rejectedAt: '2025-03-12', reason: 'other', note: 'Henvist til Børnehus Nord' } },
  { type: 'ReferralWithdrawn', data: { ...referral, withdrawnAt: '2025-03-11', reason: 'duplicate' } },
  { type: 'UnderretningNotReferredReasonsRecorded', data: { ...ref, reasons: ['preventive-measure-instead', 'police-assessment-decided'], note: 'Politiet vurderede sagen', recordedOn: '2025-03-20' } },
];
const internalOnly: ReferralsServiceEvent[] = [
  { type: 'MandatoryReferralDeadlineSet', data: { ...watched, ...deadline } },
  { type: 'MandatoryReferralWatchStopped', data: { underretningId: 'U-1', municipalityCode: '751' } },
  { type: 'MandatoryReferralMadeInTime', data: { ...watched, ...deadline, referralId: 'R-1', referredAt: '2025-03-12' } },
];

const recorded = (event: ReferralsServiceEvent): RecordedEvent =>
  ({ ...event, globalPosition: '1', transactionId: '1', streamId: 'stream-1', streamVersion: 1, eventId: 'e', metadata: {}, recordedAt: new Date() }) as RecordedEvent;

describe('public events of the referrals service', () => {
  it.each(published.filter((e) => e.type !== 'MandatoryReferralGapOpened').map((e) => [e.type, e]))('%s becomes one public event that matches its contract', (_type, event) => {
    const out = toPublicEvents(recorded(event));
    expect(out).toHaveLength(1);
    expect(validateIntegrationEventData(out[0].definition.type, out[0].data)).toEqual([]);
    expect(out[0].subject).toBe('stream-1');
  });

  it('publishes an opened gap in both versions during v1\'s deprecation window: the same fact, v1 first', () => {
    const out = toPublicEvents(recorded(published.find((e) => e.type === 'MandatoryReferralGapOpened')!));
    expect(out.map((e) => e.definition)).toEqual([MandatoryReferralGapOpenedV1, MandatoryReferralGapOpenedV2]);
    for (const e of out) expect(validateIntegrationEventData(e.definition.type, e.data)).toEqual([]);
    expect(out[1].data).toMatchObject({ legalBasis: 'barnets-lov-125' });
    const asEvent = (e: (typeof out)[number]) => ({ id: 'e', type: e.definition.type, source: e.definition.source, time: 't', data: e.data });
    expect(inLatestVersion(asEvent(out[0]))).toEqual(asEvent(out[1]));
  });

  it.each(internalOnly.map((e) => [e.type, e]))('%s stays internal', (_type, event) => {
    expect(toPublicEvents(recorded(event))).toEqual([]);
  });

  it('publishes the child as pseudonym, sex and age at the business date, never the birth date', () => {
    const [submitted] = toPublicEvents(recorded(published[8]));
    expect(submitted.data).toMatchObject({ childRef, childSex: 'female', childAgeYears: 8 });
    expect(JSON.stringify(submitted.data)).not.toContain('2016-04-02');
    expect(JSON.stringify(published)).not.toContain('childBirthDate');
  });

  it('keeps the municipality\'s note on why a child was not referred out of the public event, and the child too (ADR 0074)', () => {
    const [out] = toPublicEvents(recorded(published.find((e) => e.type === 'UnderretningNotReferredReasonsRecorded')!));
    expect(out.data).toEqual({ underretningId: 'U-1', municipalityCode: '751', reasons: ['preventive-measure-instead', 'police-assessment-decided'], recordedOn: '2025-03-20' });
  });

  it('keeps the rejection note out of the public event', () => {
    const [rejected] = toPublicEvents(recorded(published[10]));
    expect(JSON.stringify(rejected.data)).not.toContain('Henvist');
  });

  it('gives the gap the child’s age on the day the criteria were met', () => {
    const [opened] = toPublicEvents(recorded({ type: 'MandatoryReferralGapOpened', data: { ...watched, ...deadline, childAgeYears: 17, gapId: 'gap-U-1', openedAt: '2025-03-21' } }));
    expect(opened.data).toMatchObject({ childAgeYears: 17 });
    expect(validateIntegrationEventData(opened.definition.type, opened.data)).toEqual([]);
  });
});
