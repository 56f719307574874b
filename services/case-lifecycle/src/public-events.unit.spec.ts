import { CaseClosedV1, CaseEndReasonRecordedV1, validateIntegrationEventData } from '@sagsspor/contracts';
import type { RecordedEvent } from '@sagsspor/event-store';
import type { CaseEvent, CaseIntake } from './case/case.events';
import { toPublicEvents } from './public-events';

const intake: CaseIntake = {
  caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77',
  referralId: 'R-1',
  childRef: 'c'.repeat(64),
  childSex: 'male',
  childAgeYears: 14,
  municipalityCode: '751',
  houseCode: 'midt',
  referredAt: '2025-05-20',
  municipalityAwareAt: '2025-05-12',
  openedAt: '2025-05-22',
  abuseTypes: [],
  caseKind: 'sba',
};
const ref = { caseId: intake.caseId, houseCode: intake.houseCode, municipalityCode: intake.municipalityCode };
const recorded = (event: CaseEvent): RecordedEvent =>
  ({ ...event, globalPosition: '1', transactionId: '1', streamId: `case-${intake.caseId}`, streamVersion: 1, eventId: 'e', metadata: {}, recordedAt: new Date() }) as RecordedEvent;

const everyPublishedEvent: CaseEvent[] = [
  { type: 'CaseOpened', data: intake },
  { type: 'CaseSiteAssigned', data: { ...ref, siteCode: 'midt-herning' } },
  { type: 'CasePoliceReleased', data: { ...ref, releasedAt: '2025-05-25', recordedBy: 'police' } },
  { type: 'CaseServiceDelivered', data: { ...ref, serviceId: 'S-1', kind: 'video-interview', provider: 'police', recipient: 'child', deliveredAt: '2025-05-24' } },
  { type: 'CaseSuspectRegistered', data: { ...ref, suspectId: 'SU-1', sex: 'unknown', relation: 'other-child', ageGroup: 'under-15' } },
  { type: 'CaseClosingMemoSent', data: { ...ref, sentAt: '2025-05-28' } },
  { type: 'CaseClosed', data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 1 } },
  { type: 'CaseClosureCorrected', data: { ...intake, closedAt: '2025-05-31', outcome: 'withdrawn', closingMemoSentAt: '2025-05-28', leadTimeDays: 9, revision: 2, reason: 'Anna Hansen rang', correctedOn: '2025-06-02' } },
  { type: 'CaseSettled', data: { ...ref, outcome: 'withdrawn', closedAt: '2025-05-31', settlementMonth: '2025-05', tariffYear: 2025, amountDkk: 13827.5, revision: 2 } },
  { type: 'CaseDeadlineReached', data: { ...ref, clock: 'section-20', stage: 'passed', dueDate: '2025-09-12', reachedAt: '2025-09-13' } },
];

describe('public case events', () => {
  it.each(everyPublishedEvent.map((e) => [e.type, e]))('%s maps to a public event that matches its contract exactly', (_type, event) => {
    const published = toPublicEvents(recorded(event));
    // A closing (or correction) that is not `completed` is followed by its end reason (ADR 0074).
    const endsEarly = (event.type === 'CaseClosed' || event.type === 'CaseClosureCorrected') && event.data.outcome !== 'completed';
    expect(published).toHaveLength(endsEarly ? 2 : 1);
    if (endsEarly) expect(published[1].definition).toBe(CaseEndReasonRecordedV1);
    for (const p of published) {
      expect(p.subject).toBe(`case-${intake.caseId}`);
      expect(validateIntegrationEventData(p.definition.type, p.data)).toEqual([]);
    }
  });

  it('publishes why an interrupted or withdrawn case ended as a code, `not-given` when none was given, never the note', () => {
    const interrupted: CaseEvent = { type: 'CaseClosed', data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 1, endReason: 'unstable-attendance', endNote: 'Anna Hansen udeblev' } };
    const [closing, end] = toPublicEvents(recorded(interrupted));
    expect(closing.definition).toBe(CaseClosedV1);
    expect(end.data).toEqual({ caseId: intake.caseId, houseCode: 'midt', municipalityCode: '751', outcome: 'interrupted', closedAt: '2025-05-30', reason: 'unstable-attendance', revision: 1 });
    expect(JSON.stringify([closing, end])).not.toContain('Anna');
    const withoutReason = toPublicEvents(recorded(everyPublishedEvent.find((e) => e.type === 'CaseClosureCorrected')!));
    expect(withoutReason[1].data).toMatchObject({ outcome: 'withdrawn', reason: 'not-given', revision: 2 });
    const completed: CaseEvent = { type: 'CaseClosed', data: { ...intake, closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision: 1 } };
    expect(toPublicEvents(recorded(completed)).map((p) => p.definition)).toEqual([CaseClosedV1]);
  });

  it("keeps the correction's free-text reason inside the service", () => {
    const corrected = everyPublishedEvent.find((e) => e.type === 'CaseClosureCorrected')!;
    expect(JSON.stringify(toPublicEvents(recorded(corrected)))).not.toContain('Anna');
  });

  it('publishes nothing for a gate shut by a pending interview (an internal fact)', () => {
    expect(toPublicEvents(recorded({ type: 'CaseAwaitingPoliceRelease', data: { ...ref, since: '2025-05-20' } }))).toEqual([]);
  });
});
