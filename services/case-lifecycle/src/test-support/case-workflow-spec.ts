import { decideAll, type Workflow } from '@sagsspor/domain';
import { type CaseState, caseDecider } from '../case/case.decider';
import type { CaseEvent, CaseIntake } from '../case/case.events';

/**
 * Tests a case workflow as data, as the pipeline runs it: given(the stream's past events)
 * .whenAppended(a command's new events).then(the outputs), decided on the state after the new events.
 */
export function caseWorkflowSpec<Output>(workflow: Workflow<CaseState, CaseEvent, Output>) {
  return {
    given: (...past: CaseEvent[]) => ({
      whenAppended: (...newEvents: CaseEvent[]) => {
        const run = () => decideAll(workflow, newEvents, [...past, ...newEvents].reduce(caseDecider.evolve, caseDecider.initialState()));
        return {
          then: (...expected: Output[]) => expect(run()).toEqual(expected),
          thenNothing: () => expect(run()).toEqual([]),
        };
      },
    }),
  };
}

export const intake: CaseIntake = {
  caseId: '4b0c5a34-0d5e-4c55-9a84-1c3b2f1e0a77',
  referralId: 'R-1',
  childRef: 'c'.repeat(64),
  childSex: 'female',
  childAgeYears: 9,
  municipalityCode: '751',
  houseCode: 'midt',
  referredAt: '2025-05-20',
  municipalityAwareAt: '2025-05-12',
  openedAt: '2025-05-22',
  abuseTypes: ['sexual', 'psychological'],
  caseKind: 'abuse',
};
export const ref = { caseId: intake.caseId, houseCode: intake.houseCode, municipalityCode: intake.municipalityCode };

export const opened: CaseEvent = { type: 'CaseOpened', data: intake };
export const awaiting = (since: string): CaseEvent => ({ type: 'CaseAwaitingPoliceRelease', data: { ...ref, since } });
export const released = (releasedAt: string, recordedBy: 'boernehus' | 'police'): CaseEvent => ({ type: 'CasePoliceReleased', data: { ...ref, releasedAt, recordedBy } });
export const memoSent: CaseEvent = { type: 'CaseClosingMemoSent', data: { ...ref, sentAt: '2025-05-28' } };
export const closed = (closedAt = '2025-05-30'): CaseEvent => ({
  type: 'CaseClosed',
  data: { ...intake, closedAt, outcome: 'completed', closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision: 1 },
});
export const corrected = (closedAt: string, revision = 2): CaseEvent => ({
  type: 'CaseClosureCorrected',
  data: { ...intake, closedAt, outcome: 'completed', closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision, reason: 'typo', correctedOn: '2025-06-02' },
});
export const settled = (closedAt = '2025-05-30', revision = 1): CaseEvent => ({
  type: 'CaseSettled',
  data: { ...ref, outcome: 'completed', closedAt, settlementMonth: closedAt.slice(0, 7), tariffYear: Number(closedAt.slice(0, 4)), amountDkk: 14000, revision },
});
export const serviceDelivered: CaseEvent = {
  type: 'CaseServiceDelivered',
  data: { ...ref, serviceId: 'S-1', kind: 'assessment-conversation', provider: 'boernehus', recipient: 'child', deliveredAt: '2025-05-26' },
};
export const deadlineReached: CaseEvent = { type: 'CaseDeadlineReached', data: { ...ref, clock: 'section-20', stage: 'approaching', dueDate: '2025-09-12', reachedAt: '2025-08-29' } };
