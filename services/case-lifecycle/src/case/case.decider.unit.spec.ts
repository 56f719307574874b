import type { CaseEndReason } from '@sagsspor/contracts';
import { deciderSpec } from '@sagsspor/domain';
import type { CaseCommand, CloseCase, CorrectClosure, RecordService } from './case.commands';
import { caseDecider } from './case.decider';
import { awaiting, intake, opened, ref } from '../test-support/case-workflow-spec';
import type { CaseEvent } from './case.events';

// Today, in every scenario, is 2025-06-02 (Copenhagen): deciderSpec's clock.
const spec = deciderSpec(caseDecider);

const released = (releasedAt: string, recordedBy: 'boernehus' | 'police' = 'boernehus'): CaseEvent => ({ type: 'CasePoliceReleased', data: { ...ref, releasedAt, recordedBy } });
const assessmentToChild: CaseEvent = {
  type: 'CaseServiceDelivered',
  data: { ...ref, serviceId: 'S-1', kind: 'assessment-conversation', provider: 'boernehus', recipient: 'child', deliveredAt: '2025-05-26' },
};
const suspectRegistered: CaseEvent = { type: 'CaseSuspectRegistered', data: { ...ref, suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49' } };
const memoSent = (sentAt = '2025-05-28'): CaseEvent => ({ type: 'CaseClosingMemoSent', data: { ...ref, sentAt } });
const closed = (closedAt = '2025-05-30', outcome: 'completed' | 'interrupted' | 'withdrawn' = 'completed'): CaseEvent => ({
  type: 'CaseClosed',
  data: { ...intake, closedAt, outcome, closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision: 1 },
});
const settled: CaseEvent = {
  type: 'CaseSettled',
  data: { ...ref, outcome: 'completed', closedAt: '2025-05-30', settlementMonth: '2025-05', tariffYear: 2025, amountDkk: 14000, revision: 1 },
};

const open = (policeInterviewPendingSince?: string): CaseCommand => ({ type: 'OpenCase', data: intake, ...(policeInterviewPendingSince ? { policeInterviewPendingSince } : {}) });
const policeStatus = (status: { pendingSince?: string; releasedAt?: string }): CaseCommand => ({ type: 'ApplyPoliceInterviewStatus', data: status });
const release = (releasedAt: string): CaseCommand => ({ type: 'RecordPoliceRelease', data: { releasedAt } });
const service = (over: Partial<RecordService['data']> = {}): CaseCommand => ({
  type: 'RecordService',
  data: { serviceId: 'S-1', kind: 'assessment-conversation', deliveredAt: '2025-05-26', recipient: 'child', ...over },
});
const suspect = (over: Partial<{ sex: 'female' | 'male' | 'unknown' }> = {}): CaseCommand => ({
  type: 'RegisterSuspect',
  data: { suspectId: 'SU-1', sex: 'male', relation: 'step-parent', ageGroup: '30-49', ...over },
});
const memo = (sentAt = '2025-05-28'): CaseCommand => ({ type: 'SendClosingMemo', data: { sentAt } });
const close = (data: CloseCase['data']): CaseCommand => ({ type: 'CloseCase', data });
const correct = (data: CorrectClosure['data']): CaseCommand => ({ type: 'CorrectClosure', data });
const settle = (tariffYear = 2025, dkkPerCase = 14000): CaseCommand => ({ type: 'SettleCase', data: { tariffYear, dkkPerCase } });
const deadline = (stage: 'approaching' | 'passed' = 'approaching'): CaseCommand => ({
  type: 'ReachDeadline',
  data: { clock: 'section-20', stage, dueDate: '2025-09-12', reachedAt: stage === 'approaching' ? '2025-08-29' : '2025-09-13' },
});

describe('case decider', () => {
  describe('when there is no case', () => {
    it('opens it from the accepted referral', () => spec.given().when(open()).then(opened));
    it('opens it with the gate shut when a police interview of the child is pending', () => spec.given().when(open('2025-05-18')).then(opened, awaiting('2025-05-18')));
    it('ignores a police interview status (no case to apply it to)', () => spec.given().when(policeStatus({ pendingSince: '2025-05-18' })).thenNothingHappens());
    it('ignores a deadline', () => spec.given().when(deadline()).thenNothingHappens());
    for (const [name, command] of [
      ['a police release', release('2025-05-25')],
      ['a service', service()],
      ['a suspect', suspect()],
      ['a closing memo', memo()],
      ['a closing', close({ closedAt: '2025-05-30', outcome: 'interrupted' })],
      ['a closure correction', correct({ outcome: 'withdrawn', reason: 'typo' })],
      ['a settlement', settle()],
    ] as const) {
      it(`refuses ${name}: unknown case`, () => spec.given().when(command).thenFails('CASE.NOT_FOUND'));
    }
  });

  describe('when opened', () => {
    it('ignores the same referral delivered again', () => spec.given(opened).when(open()).thenNothingHappens());
    it('refuses another referral under the same case id', () =>
      spec.given(opened).when({ type: 'OpenCase', data: { ...intake, referralId: 'R-2' } }).thenFails('CASE.ALREADY_OPENED', /R-1/));
    it('shuts the gate when a police interview becomes pending', () => spec.given(opened).when(policeStatus({ pendingSince: '2025-05-24' })).then(awaiting('2025-05-24')));
    it('does nothing when the police status has nothing pending', () => spec.given(opened).when(policeStatus({ releasedAt: '2025-05-10' })).thenNothingHappens());
    it('records a police release the house reports', () => spec.given(opened).when(release('2025-05-25')).then(released('2025-05-25')));
    it('refuses a release dated in the future', () => spec.given(opened).when(release('2025-06-03')).thenFails('CASE.DATE_IN_FUTURE'));
    it('records a service to the child and starts the assessment', () => spec.given(opened).when(service()).then(assessmentToChild));
    it('takes the provider from the kind of service', () =>
      spec.given(opened).when(service({ kind: 'forensic-examination' })).then({ ...assessmentToChild, data: { ...assessmentToChild.data, kind: 'forensic-examination', provider: 'forensic' } } as CaseEvent));
    it('refuses a service dated before the case opened', () => spec.given(opened).when(service({ deliveredAt: '2025-05-21' })).thenFails('CASE.SERVICE_BEFORE_OPENING', /2025-05-22/));
    it('refuses a service dated in the future', () => spec.given(opened).when(service({ deliveredAt: '2025-06-03' })).thenFails('CASE.DATE_IN_FUTURE'));
    it('registers a suspect', () => spec.given(opened).when(suspect()).then(suspectRegistered));
    it('records the closing memo', () => spec.given(opened).when(memo()).then(memoSent()));
    it('refuses a closing memo dated before the opening', () => spec.given(opened).when(memo('2025-05-01')).thenFails('CASE.MEMO_BEFORE_OPENING'));
    it('closes an interrupted case without a memo', () =>
      spec.given(opened).when(close({ closedAt: '2025-05-30', outcome: 'interrupted' })).then({
        type: 'CaseClosed',
        data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 1 },
      }));
    it('closes a completed case with the memo date given in the closing', () =>
      spec.given(opened).when(close({ closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-28' })).then(memoSent(), closed()));
    it('refuses to close a completed case without a closing memo', () => spec.given(opened).when(close({ closedAt: '2025-05-30', outcome: 'completed' })).thenFails('CASE.CLOSING_MEMO_MISSING'));
    it('refuses a closing date before the opening', () => spec.given(opened).when(close({ closedAt: '2025-05-21', outcome: 'withdrawn' })).thenFails('CASE.CLOSED_BEFORE_OPENING'));
    it('refuses a closing date in the future', () => spec.given(opened).when(close({ closedAt: '2025-06-03', outcome: 'withdrawn' })).thenFails('CASE.DATE_IN_FUTURE'));
    it('refuses a closure correction: not closed', () => spec.given(opened).when(correct({ outcome: 'withdrawn', reason: 'r' })).thenFails('CASE.NOT_CLOSED'));
    it('refuses a settlement: not closed', () => spec.given(opened).when(settle()).thenFails('CASE.NOT_CLOSED'));
    it('records a deadline stage once', () =>
      spec.given(opened).when(deadline()).then({ type: 'CaseDeadlineReached', data: { ...ref, clock: 'section-20', stage: 'approaching', dueDate: '2025-09-12', reachedAt: '2025-08-29' } }));
    it('ignores a deadline stage reached before', () =>
      spec
        .given(opened, { type: 'CaseDeadlineReached', data: { ...ref, clock: 'section-20', stage: 'approaching', dueDate: '2025-09-12', reachedAt: '2025-08-29' } })
        .when(deadline())
        .thenNothingHappens());
  });

  describe('when awaiting police release (the gate)', () => {
    const gated = [opened, awaiting('2025-05-20')];
    it('refuses a service to the child, saying since when and what opens the gate', () =>
      spec.given(...gated).when(service()).thenFails('CASE.AWAITING_POLICE_RELEASE', /since 2025-05-20.*police-release/));
    it('refuses a service to the child and carer together', () => spec.given(...gated).when(service({ recipient: 'child-and-carer' })).thenFails('CASE.AWAITING_POLICE_RELEASE'));
    it('allows crisis support to the carers', () =>
      spec.given(...gated).when(service({ kind: 'crisis-conversation', recipient: 'carer' })).then({
        type: 'CaseServiceDelivered',
        data: { ...ref, serviceId: 'S-1', kind: 'crisis-conversation', provider: 'boernehus', recipient: 'carer', deliveredAt: '2025-05-26' },
      }));
    it('allows a network meeting', () => spec.given(...gated).when(service({ kind: 'network-meeting', recipient: 'network' })).then({
      type: 'CaseServiceDelivered',
      data: { ...ref, serviceId: 'S-1', kind: 'network-meeting', provider: 'boernehus', recipient: 'network', deliveredAt: '2025-05-26' },
    }));
    it("allows the police's own video interview of the child (not the house's work)", () =>
      spec.given(...gated).when(service({ kind: 'video-interview' })).then({
        type: 'CaseServiceDelivered',
        data: { ...ref, serviceId: 'S-1', kind: 'video-interview', provider: 'police', recipient: 'child', deliveredAt: '2025-05-26' },
      }));
    it('opens the gate when the house records the release', () => spec.given(...gated).when(release('2025-05-25')).then(released('2025-05-25')));
    it('refuses a release dated before the pending interview', () => spec.given(...gated).when(release('2025-05-19')).thenFails('CASE.RELEASE_BEFORE_INTERVIEW'));
    it('opens the gate when the police system reports the release', () =>
      spec.given(...gated).when(policeStatus({ releasedAt: '2025-05-24' })).then(released('2025-05-24', 'police')));
    it('ignores the same pending interview again', () => spec.given(...gated).when(policeStatus({ pendingSince: '2025-05-20' })).thenNothingHappens());
    it('moves the pending date when an earlier interview becomes known', () =>
      spec.given(...gated).when(policeStatus({ pendingSince: '2025-05-18' })).then(awaiting('2025-05-18')));
    it('ignores the same referral again', () => spec.given(...gated).when(open()).thenNothingHappens());
    it('registers a suspect', () => spec.given(...gated).when(suspect()).then(suspectRegistered));
    it('records the closing memo', () => spec.given(...gated).when(memo()).then(memoSent()));
    it('closes (interrupted) while waiting', () =>
      spec.given(...gated).when(close({ closedAt: '2025-05-30', outcome: 'interrupted' })).then({
        type: 'CaseClosed',
        data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 1 },
      }));
    it('refuses a closure correction and a settlement: not closed', () => {
      spec.given(...gated).when(correct({ outcome: 'withdrawn', reason: 'r' })).thenFails('CASE.NOT_CLOSED');
      spec.given(...gated).when(settle()).thenFails('CASE.NOT_CLOSED');
    });
    it('records a deadline stage', () => spec.given(...gated).when(deadline('passed')).then({
      type: 'CaseDeadlineReached',
      data: { ...ref, clock: 'section-20', stage: 'passed', dueDate: '2025-09-12', reachedAt: '2025-09-13' },
    }));
  });

  describe('when released by the police after waiting', () => {
    const releasedCase = [opened, awaiting('2025-05-20'), released('2025-05-25')];
    it('allows a service to the child', () =>
      spec.given(...releasedCase).when(service({ deliveredAt: '2025-05-26' })).then(assessmentToChild));
    it('refuses a service to the child dated while the child was awaiting release', () =>
      spec.given(...releasedCase).when(service({ deliveredAt: '2025-05-24' })).thenFails('CASE.AWAITING_POLICE_RELEASE', /released 2025-05-25/));
    it('allows a service dated on the day of the release', () =>
      spec.given(...releasedCase).when(service({ deliveredAt: '2025-05-25' })).then({ ...assessmentToChild, data: { ...assessmentToChild.data, deliveredAt: '2025-05-25' } } as CaseEvent));
    it('ignores the same release recorded again', () => spec.given(...releasedCase).when(release('2025-05-25')).thenNothingHappens());
    it('refuses a different release date', () => spec.given(...releasedCase).when(release('2025-05-27')).thenFails('CASE.ALREADY_RELEASED', /2025-05-25/));
    it('shuts the gate again for a new interview (reinterview)', () => spec.given(...releasedCase).when(policeStatus({ pendingSince: '2025-05-29', releasedAt: '2025-05-25' })).then(awaiting('2025-05-29')));
  });

  describe('when in assessment', () => {
    const assessing = [opened, assessmentToChild];
    it('ignores the same referral again', () => spec.given(...assessing).when(open()).thenNothingHappens());
    it('shuts the gate for a new police interview', () => spec.given(...assessing).when(policeStatus({ pendingSince: '2025-05-30' })).then(awaiting('2025-05-30')));
    it('records a release', () => spec.given(...assessing).when(release('2025-05-25')).then(released('2025-05-25')));
    it('ignores the same service recorded again', () => spec.given(...assessing).when(service()).thenNothingHappens());
    it('refuses a service id reused with other content', () => spec.given(...assessing).when(service({ recipient: 'carer' })).thenFails('CASE.SERVICE_ID_REUSED'));
    it('records another service', () =>
      spec.given(...assessing).when(service({ serviceId: 'S-2', kind: 'play-observation', deliveredAt: '2025-05-27' })).then({
        type: 'CaseServiceDelivered',
        data: { ...ref, serviceId: 'S-2', kind: 'play-observation', provider: 'boernehus', recipient: 'child', deliveredAt: '2025-05-27' },
      }));
    it('registers a suspect, ignores it again, refuses its id with other content', () => {
      spec.given(...assessing).when(suspect()).then(suspectRegistered);
      spec.given(...assessing, suspectRegistered).when(suspect()).thenNothingHappens();
      spec.given(...assessing, suspectRegistered).when(suspect({ sex: 'female' })).thenFails('CASE.SUSPECT_ID_REUSED');
    });
    it('records the closing memo', () => spec.given(...assessing).when(memo()).then(memoSent()));
    it('refuses a closing date before the last service', () =>
      spec.given(...assessing).when(close({ closedAt: '2025-05-25', outcome: 'interrupted' })).thenFails('CASE.CLOSED_BEFORE_LAST_SERVICE', /2025-05-26/));
    it('closes', () => spec.given(...assessing).when(close({ closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-28' })).then(memoSent(), closed()));
    it('refuses a closure correction and a settlement: not closed', () => {
      spec.given(...assessing).when(correct({ outcome: 'withdrawn', reason: 'r' })).thenFails('CASE.NOT_CLOSED');
      spec.given(...assessing).when(settle()).thenFails('CASE.NOT_CLOSED');
    });
    it('records a deadline stage', () => spec.given(...assessing).when(deadline()).then({
      type: 'CaseDeadlineReached',
      data: { ...ref, clock: 'section-20', stage: 'approaching', dueDate: '2025-09-12', reachedAt: '2025-08-29' },
    }));
  });

  describe('when the closing memo is sent', () => {
    const memoDone = [opened, assessmentToChild, memoSent()];
    it('ignores the same referral again', () => spec.given(...memoDone).when(open()).thenNothingHappens());
    it('applies the police status', () => spec.given(...memoDone).when(policeStatus({ pendingSince: '2025-05-30' })).then(awaiting('2025-05-30')));
    it('records a release', () => spec.given(...memoDone).when(release('2025-05-29')).then(released('2025-05-29')));
    it('still records services (the case is open)', () =>
      spec.given(...memoDone).when(service({ serviceId: 'S-2', recipient: 'carer', kind: 'network-meeting', deliveredAt: '2025-05-29' })).then({
        type: 'CaseServiceDelivered',
        data: { ...ref, serviceId: 'S-2', kind: 'network-meeting', provider: 'boernehus', recipient: 'carer', deliveredAt: '2025-05-29' },
      }));
    it('registers a suspect', () => spec.given(...memoDone).when(suspect()).then(suspectRegistered));
    it('ignores the same memo again and refuses another date', () => {
      spec.given(...memoDone).when(memo()).thenNothingHappens();
      spec.given(...memoDone).when(memo('2025-05-29')).thenFails('CASE.CLOSING_MEMO_ALREADY_SENT');
    });
    it('closes as completed with the recorded memo date', () => spec.given(...memoDone).when(close({ closedAt: '2025-05-30', outcome: 'completed' })).then(closed()));
    it('refuses a closing that names another memo date', () =>
      spec.given(...memoDone).when(close({ closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-27' })).thenFails('CASE.CLOSING_MEMO_ALREADY_SENT'));
    it('refuses a closing date before the memo', () => spec.given(...memoDone).when(close({ closedAt: '2025-05-27', outcome: 'completed' })).thenFails('CASE.MEMO_AFTER_CLOSING'));
    it('refuses a closure correction and a settlement: not closed', () => {
      spec.given(...memoDone).when(correct({ outcome: 'withdrawn', reason: 'r' })).thenFails('CASE.NOT_CLOSED');
      spec.given(...memoDone).when(settle()).thenFails('CASE.NOT_CLOSED');
    });
    it('records a deadline stage', () => spec.given(...memoDone).when(deadline()).then({
      type: 'CaseDeadlineReached',
      data: { ...ref, clock: 'section-20', stage: 'approaching', dueDate: '2025-09-12', reachedAt: '2025-08-29' },
    }));
  });

  describe('when closed', () => {
    const closedCase = [opened, assessmentToChild, memoSent(), closed()];
    it('ignores the same referral again', () => spec.given(...closedCase).when(open()).thenNothingHappens());
    it('ignores the police status and deadlines', () => {
      spec.given(...closedCase).when(policeStatus({ pendingSince: '2025-05-31' })).thenNothingHappens();
      spec.given(...closedCase).when(deadline()).thenNothingHappens();
    });
    it('refuses a release: closed', () => spec.given(...closedCase).when(release('2025-05-31')).thenFails('CASE.CLOSED'));
    it('refuses a new service, saying the case is closed and since when', () =>
      spec.given(...closedCase).when(service({ serviceId: 'S-2', deliveredAt: '2025-05-31' })).thenFails('CASE.CLOSED', /closed on 2025-05-30/));
    it('ignores a service recorded before the closing sent again', () => spec.given(...closedCase).when(service()).thenNothingHappens());
    it('refuses a suspect and a memo: closed', () => {
      spec.given(...closedCase).when(suspect()).thenFails('CASE.CLOSED');
      spec.given(...closedCase).when(memo('2025-05-29')).thenFails('CASE.CLOSED');
    });
    it('takes the same closing again as a retry: nothing happens', () => {
      spec.given(...closedCase).when(close({ closedAt: '2025-05-30', outcome: 'completed' })).thenNothingHappens();
      spec.given(...closedCase).when(close({ closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-28' })).thenNothingHappens();
    });
    it('refuses closing twice with another closing, pointing to corrections', () => {
      spec.given(...closedCase).when(close({ closedAt: '2025-05-31', outcome: 'completed' })).thenFails('CASE.ALREADY_CLOSED', /closure-corrections/);
      spec.given(...closedCase).when(close({ closedAt: '2025-05-30', outcome: 'interrupted' })).thenFails('CASE.ALREADY_CLOSED');
      spec.given(...closedCase).when(close({ closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-27' })).thenFails('CASE.ALREADY_CLOSED');
    });
    it('corrects the closing date with the next revision, keeping the reason internal to the event', () =>
      spec.given(...closedCase).when(correct({ closedAt: '2025-05-31', reason: ' wrong date typed ' })).then({
        type: 'CaseClosureCorrected',
        data: { ...intake, closedAt: '2025-05-31', outcome: 'completed', closingMemoSentAt: '2025-05-28', leadTimeDays: 9, revision: 2, reason: 'wrong date typed', correctedOn: '2025-06-02' },
      }));
    it('ignores a correction that changes nothing', () => spec.given(...closedCase).when(correct({ outcome: 'completed', reason: 'same' })).thenNothingHappens());
    it('refuses a correction naming nothing', () => spec.given(...closedCase).when(correct({ reason: 'nothing' })).thenFails('CASE.NOTHING_TO_CORRECT'));
    it('refuses a correction without a reason', () => spec.given(...closedCase).when(correct({ outcome: 'interrupted', reason: '  ' })).thenFails('CASE.REASON_MISSING'));
    it('refuses a corrected date before the last service, before the memo, or in the future', () => {
      spec.given(...closedCase).when(correct({ closedAt: '2025-05-25', reason: 'r' })).thenFails('CASE.CLOSED_BEFORE_LAST_SERVICE');
      spec.given(...closedCase).when(correct({ closedAt: '2025-05-27', reason: 'r' })).thenFails('CASE.MEMO_AFTER_CLOSING');
      spec.given(...closedCase).when(correct({ closedAt: '2025-06-03', reason: 'r' })).thenFails('CASE.DATE_IN_FUTURE');
    });
    it('refuses correcting an interrupted case without a memo to completed', () =>
      spec
        .given(opened, { type: 'CaseClosed', data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 1 } })
        .when(correct({ outcome: 'completed', reason: 'r' }))
        .thenFails('CASE.CLOSING_MEMO_MISSING'));
    it('settles at the tariff of the closing year, in the closing month', () => spec.given(...closedCase).when(settle()).then(settled));
    it('settles an interrupted case at the full tariff', () =>
      spec.given(opened, closed('2025-05-30', 'interrupted')).when(settle(2025, 14000)).then({ ...settled, data: { ...settled.data, outcome: 'interrupted' } } as CaseEvent));
    it('settles a withdrawn case at the full tariff', () =>
      spec.given(opened, closed('2025-05-30', 'withdrawn')).when(settle(2025, 14000)).then({ ...settled, data: { ...settled.data, outcome: 'withdrawn' } } as CaseEvent));
    it("refuses another year's tariff", () => spec.given(...closedCase).when(settle(2024)).thenFails('CASE.TARIFF_YEAR_MISMATCH'));
  });

  describe('when settled', () => {
    const settledCase = [opened, assessmentToChild, memoSent(), closed(), settled];
    it('ignores the same referral, the police status and deadlines', () => {
      spec.given(...settledCase).when(open()).thenNothingHappens();
      spec.given(...settledCase).when(policeStatus({ pendingSince: '2025-05-31' })).thenNothingHappens();
      spec.given(...settledCase).when(deadline()).thenNothingHappens();
    });
    it('refuses a release, a new service, a suspect and a memo: closed', () => {
      spec.given(...settledCase).when(release('2025-05-31')).thenFails('CASE.CLOSED');
      spec.given(...settledCase).when(service({ serviceId: 'S-9' })).thenFails('CASE.CLOSED');
      spec.given(...settledCase).when(suspect()).thenFails('CASE.CLOSED');
      spec.given(...settledCase).when(memo('2025-05-29')).thenFails('CASE.CLOSED');
    });
    it('refuses closing again, and takes the same closing as a retry', () => {
      spec.given(...settledCase).when(close({ closedAt: '2025-06-02', outcome: 'completed' })).thenFails('CASE.ALREADY_CLOSED');
      spec.given(...settledCase).when(close({ closedAt: '2025-05-30', outcome: 'completed' })).thenNothingHappens();
    });
    it('ignores settling again', () => spec.given(...settledCase).when(settle(2025, 99999)).thenNothingHappens());
    it('accepts a correction, after which the case is settled again with the next revision', () => {
      const corrected: CaseEvent = {
        type: 'CaseClosureCorrected',
        data: { ...intake, closedAt: '2025-06-01', outcome: 'interrupted', closingMemoSentAt: '2025-05-28', leadTimeDays: 10, revision: 2, reason: 'r', correctedOn: '2025-06-02' },
      };
      spec.given(...settledCase).when(correct({ closedAt: '2025-06-01', outcome: 'interrupted', reason: 'r' })).then(corrected);
      spec.given(...settledCase, corrected).when(settle()).then({
        type: 'CaseSettled',
        data: { ...ref, outcome: 'interrupted', closedAt: '2025-06-01', settlementMonth: '2025-06', tariffYear: 2025, amountDkk: 14000, revision: 2 },
      });
    });
  });

  describe('why an interrupted or withdrawn case ended (ADR 0074)', () => {
    const inAssessment = [opened, assessmentToChild];
    const closedWith = (outcome: 'interrupted' | 'withdrawn', end: { endReason?: CaseEndReason; endNote?: string } = {}, closedAt = '2025-05-30'): CaseEvent => ({
      type: 'CaseClosed',
      data: { ...intake, closedAt, outcome, leadTimeDays: 8, revision: 1, ...end },
    });
    it('keeps the reason and the note with the closing of an interrupted case', () =>
      spec
        .given(...inAssessment)
        .when(close({ closedAt: '2025-05-30', outcome: 'interrupted', endReason: 'unstable-attendance', endNote: 'Udeblev tre gange' }))
        .then(closedWith('interrupted', { endReason: 'unstable-attendance', endNote: 'Udeblev tre gange' })));
    it('closes a withdrawn case without a reason as before: none is kept (it reads as not-given)', () =>
      spec.given(...inAssessment).when(close({ closedAt: '2025-05-30', outcome: 'withdrawn' })).then(closedWith('withdrawn')));
    it('refuses a reason or a note for a completed case, naming the field', () => {
      spec.given(...inAssessment, memoSent()).when(close({ closedAt: '2025-05-30', outcome: 'completed', endReason: 'other' })).thenFails('CASE.END_REASON_FOR_COMPLETED', /^endReason/);
      spec.given(...inAssessment, memoSent()).when(close({ closedAt: '2025-05-30', outcome: 'completed', endNote: 'x' })).thenFails('CASE.END_REASON_FOR_COMPLETED', /^endNote/);
    });
    it('takes the same closing with the same reason again as a retry, and one without a reason too', () => {
      const history = [...inAssessment, closedWith('interrupted', { endReason: 'family-not-motivated' })];
      spec.given(...history).when(close({ closedAt: '2025-05-30', outcome: 'interrupted', endReason: 'family-not-motivated' })).thenNothingHappens();
      spec.given(...history).when(close({ closedAt: '2025-05-30', outcome: 'interrupted' })).thenNothingHappens();
    });
    it('takes `not-given` again as a retry of a closing without a reason', () =>
      spec.given(...inAssessment, closedWith('interrupted')).when(close({ closedAt: '2025-05-30', outcome: 'interrupted', endReason: 'not-given' })).thenNothingHappens());
    it('refuses the same closing with another reason, pointing to corrections', () =>
      spec
        .given(...inAssessment, closedWith('interrupted', { endReason: 'family-not-motivated' }))
        .when(close({ closedAt: '2025-05-30', outcome: 'interrupted', endReason: 'unstable-attendance' }))
        .thenFails('CASE.ALREADY_CLOSED', /closure-corrections/));
    it('corrects the reason alone, with the next revision', () =>
      spec
        .given(...inAssessment, closedWith('interrupted'))
        .when(correct({ endReason: 'parents-opposed', reason: 'reason added later' }))
        .then({
          type: 'CaseClosureCorrected',
          data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', leadTimeDays: 8, revision: 2, endReason: 'parents-opposed', reason: 'reason added later', correctedOn: '2025-06-02' },
        }));
    it('carries the reason and the note over a correction of the date', () =>
      spec
        .given(...inAssessment, closedWith('interrupted', { endReason: 'unstable-attendance', endNote: 'n' }))
        .when(correct({ closedAt: '2025-05-31', reason: 'date' }))
        .then({
          type: 'CaseClosureCorrected',
          data: { ...intake, closedAt: '2025-05-31', outcome: 'interrupted', leadTimeDays: 9, revision: 2, endReason: 'unstable-attendance', endNote: 'n', reason: 'date', correctedOn: '2025-06-02' },
        }));
    it('drops the reason when a correction makes the case completed', () =>
      spec
        .given(...inAssessment, memoSent(), { type: 'CaseClosed', data: { ...intake, closedAt: '2025-05-30', outcome: 'interrupted', closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision: 1, endReason: 'other' } })
        .when(correct({ outcome: 'completed', reason: 'it was completed' }))
        .then({
          type: 'CaseClosureCorrected',
          data: { ...intake, closedAt: '2025-05-30', outcome: 'completed', closingMemoSentAt: '2025-05-28', leadTimeDays: 8, revision: 2, reason: 'it was completed', correctedOn: '2025-06-02' },
        }));
    it('refuses a correction that gives a completed case a reason', () =>
      spec.given(...inAssessment, memoSent(), closed()).when(correct({ endReason: 'other', reason: 'r' })).thenFails('CASE.END_REASON_FOR_COMPLETED'));
    it('ignores a correction that gives the reason it already has', () =>
      spec.given(...inAssessment, closedWith('withdrawn', { endReason: 'municipality-withdrew' })).when(correct({ endReason: 'municipality-withdrew', reason: 'r' })).thenNothingHappens());
  });
});
