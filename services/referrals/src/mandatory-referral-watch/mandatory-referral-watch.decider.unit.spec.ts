import { deciderSpec } from '@sagsspor/domain';
import type { FireReferralDeadline, ObserveCriteria, RecordReferral } from './mandatory-referral-watch.commands';
import { mandatoryReferralWatchDecider, referralDeadlineFiresAt } from './mandatory-referral-watch.decider';
import type { MandatoryReferralWatchEvent, ReferralDeadline, WatchedUnderretning } from './mandatory-referral-watch.events';

const underretning: WatchedUnderretning = {
  underretningId: 'U-1',
  municipalityCode: '751',
  houseCode: 'midt',
  childRef: 'a'.repeat(64),
  childSex: 'female',
  receivedAt: '2025-03-03',
};
// The child (born 2016-04-02) is 8 on criteriaMetAt: the age the underretning's evaluation decided.
const deadline: ReferralDeadline = { criteriaMetAt: '2025-03-06', childAgeYears: 8, referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted', legalBasis: 'barnets-lov-125' };
const gap = { gapId: 'gap-U-1', underretningId: 'U-1', municipalityCode: '751', childRef: 'a'.repeat(64) };

const met = (metAt = '2025-03-06', extra: Partial<ObserveCriteria['data']> = {}, childAgeYears = 8): ObserveCriteria => ({
  type: 'ObserveCriteria',
  data: { underretning, evaluation: { met: true, metAt, childAgeYears, policeInvolvement: 'consulted' }, referralWindowDays: 14, ...extra },
});
const notMet: ObserveCriteria = { type: 'ObserveCriteria', data: { underretning, evaluation: { met: false, policeInvolvement: 'reported' }, referralWindowDays: 14 } };
const fire = (referralOnFile?: FireReferralDeadline['data']['referralOnFile'], referralDueBy = '2025-03-20'): FireReferralDeadline => ({
  type: 'FireReferralDeadline',
  data: { underretningId: 'U-1', municipalityCode: '751', referralDueBy, ...(referralOnFile ? { referralOnFile } : {}) },
});
const referral = (referredAt: string, referralId = 'R-1'): RecordReferral => ({ type: 'RecordReferral', data: { underretningId: 'U-1', municipalityCode: '751', referralId, referredAt } });

const deadlineSet: MandatoryReferralWatchEvent = { type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline } };
const gapOpened = (openedAt: string): MandatoryReferralWatchEvent => ({ type: 'MandatoryReferralGapOpened', data: { ...underretning, ...deadline, gapId: 'gap-U-1', openedAt } });
const gapClosed = (referredAt: string, daysOverdue: number): MandatoryReferralWatchEvent => ({
  type: 'MandatoryReferralGapClosed',
  data: { ...gap, referralDueBy: '2025-03-20', daysOverdue, referralId: 'R-1', referredAt },
});
const madeInTime = (referredAt: string): MandatoryReferralWatchEvent => ({ type: 'MandatoryReferralMadeInTime', data: { ...underretning, ...deadline, referralId: 'R-1', referredAt } });

const at = (instant: string) => deciderSpec(mandatoryReferralWatchDecider, new Date(instant));
// Before the deadline: 2025-03-10 in Copenhagen. After it: 2025-03-21 (the deadline fires at its start).
const before = at('2025-03-10T09:00:00Z');
const after = at('2025-03-21T08:00:00Z');

describe('mandatory-referral watch decider', () => {
  describe('when idle (the criteria have not been met)', () => {
    it('sets the deadline N days after the criteria were met', () => before.given().when(met()).then(deadlineSet));
    it('counts the window from the setting', () =>
      before
        .given()
        .when(met('2025-03-06', { referralWindowDays: 7 }))
        .then({ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline, referralWindowDays: 7, referralDueBy: '2025-03-13' } }));
    it('is satisfied at once by a referral already on file and in time', () =>
      before.given().when(met('2025-03-06', { referralOnFile: { referralId: 'R-1', referredAt: '2025-03-08' } })).then(madeInTime('2025-03-08')));
    it('counts a late referral already on file as a gap opened and closed, with the days overdue', () =>
      at('2025-04-10T09:00:00Z')
        .given()
        .when(met('2025-03-06', { referralOnFile: { referralId: 'R-1', referredAt: '2025-04-01' } }))
        .then(gapOpened('2025-04-10'), gapClosed('2025-04-01', 12)));
    it('ignores a referral dated before the underretning was received', () =>
      before.given().when(met('2025-03-06', { referralOnFile: { referralId: 'R-0', referredAt: '2025-03-01' } })).then(deadlineSet));
    it('does nothing when the criteria are not met', () => before.given().when(notMet).thenNothingHappens());
    it('keeps the age on criteriaMetAt that the evaluation decided, never a birth date', () =>
      before.given().when(met('2025-03-06', {}, 9)).then({ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline, childAgeYears: 9 } }));
    it('refuses a met evaluation that carries no age on metAt (a bug, not a request error)', () => {
      const { childAgeYears: _age, ...evaluation } = met().data.evaluation;
      expect(() => mandatoryReferralWatchDecider.decide({ ...met(), data: { ...met().data, evaluation } }, { status: 'idle' }, { now: new Date('2025-03-10T09:00:00Z') })).toThrow(/carries no age on metAt/);
    });
    it('does nothing when a deadline fires', () => after.given().when(fire()).thenNothingHappens());
    it('does nothing when a referral arrives', () => before.given().when(referral('2025-03-08')).thenNothingHappens());
  });

  describe('when watching', () => {
    it('does nothing when the same evaluation comes again', () => before.given(deadlineSet).when(met()).thenNothingHappens());
    it('moves the deadline when a correction moves the date the criteria were met', () =>
      before
        .given(deadlineSet)
        .when(met('2025-03-08'))
        .then({ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline, criteriaMetAt: '2025-03-08', referralDueBy: '2025-03-22' } }));
    it('carries the age on the moved date, as the evaluation decided it, into the gap', () =>
      at('2025-04-20T09:00:00Z')
        .given({ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline, criteriaMetAt: '2025-04-03', childAgeYears: 9, referralDueBy: '2025-04-17' } })
        .when(fire(undefined, '2025-04-17'))
        .then({ type: 'MandatoryReferralGapOpened', data: { ...underretning, ...deadline, criteriaMetAt: '2025-04-03', childAgeYears: 9, referralDueBy: '2025-04-17', gapId: 'gap-U-1', openedAt: '2025-04-20' } }));
    it('stops when the criteria no longer hold', () => before.given(deadlineSet).when(notMet).then({ type: 'MandatoryReferralWatchStopped', data: { underretningId: 'U-1', municipalityCode: '751' } }));
    it('is satisfied by a referral by the deadline (day N included)', () => before.given(deadlineSet).when(referral('2025-03-20')).then(madeInTime('2025-03-20')));
    it('ignores a referral dated before the underretning was received', () => before.given(deadlineSet).when(referral('2025-03-02')).thenNothingHappens());
    it('opens the gap when the deadline fires with no referral, on the day it fires', () => after.given(deadlineSet).when(fire()).then(gapOpened('2025-03-21')));
    it('opens and closes the gap when a late referral arrives before the deadline fired (the service was down)', () =>
      at('2025-03-23T09:00:00Z').given(deadlineSet).when(referral('2025-03-22')).then(gapOpened('2025-03-23'), gapClosed('2025-03-22', 2)));
    it('is satisfied when the deadline fires and a referral in time is on file', () =>
      after.given(deadlineSet).when(fire({ referralId: 'R-1', referredAt: '2025-03-19' })).then(madeInTime('2025-03-19')));
    it('ignores a firing for a deadline that has since moved', () => after.given(deadlineSet).when(fire(undefined, '2025-03-18')).thenNothingHappens());
  });

  describe('when stopped', () => {
    const stopped: MandatoryReferralWatchEvent = { type: 'MandatoryReferralWatchStopped', data: { underretningId: 'U-1', municipalityCode: '751' } };
    it('watches again when the criteria are met again', () => before.given(deadlineSet, stopped).when(met()).then(deadlineSet));
    it('does nothing when the criteria are still not met', () => before.given(deadlineSet, stopped).when(notMet).thenNothingHappens());
    it('does nothing when the old deadline fires', () => after.given(deadlineSet, stopped).when(fire()).thenNothingHappens());
    it('does nothing when a referral arrives', () => before.given(deadlineSet, stopped).when(referral('2025-03-08')).thenNothingHappens());
  });

  describe('when referred in time', () => {
    const history = [deadlineSet, madeInTime('2025-03-12')];
    it('keeps the outcome when the criteria are evaluated again', () => before.given(...history).when(met('2025-03-08')).thenNothingHappens());
    it('keeps the outcome when the criteria no longer hold', () => before.given(...history).when(notMet).thenNothingHappens());
    it('does nothing when the deadline fires', () => after.given(...history).when(fire()).thenNothingHappens());
    it('does nothing when another referral arrives', () => before.given(...history).when(referral('2025-03-14', 'R-2')).thenNothingHappens());
  });

  describe('when a gap is open', () => {
    const history = [deadlineSet, gapOpened('2025-03-21')];
    it('closes it when a referral arrives, counting the days overdue', () => at('2025-04-03T09:00:00Z').given(...history).when(referral('2025-04-02')).then(gapClosed('2025-04-02', 13)));
    it('closes it with 0 days overdue for a referral dated (late) within the window', () =>
      at('2025-03-25T09:00:00Z').given(...history).when(referral('2025-03-19')).then(gapClosed('2025-03-19', 0)));
    it('ignores a referral dated before the underretning was received', () => after.given(...history).when(referral('2025-03-01')).thenNothingHappens());
    it('keeps the gap when the criteria are evaluated again', () => after.given(...history).when(met('2025-03-08')).thenNothingHappens());
    it('keeps the gap when the criteria no longer hold', () => after.given(...history).when(notMet).thenNothingHappens());
    it('does nothing when the deadline fires again', () => after.given(...history).when(fire()).thenNothingHappens());
  });

  describe('when a gap was closed', () => {
    const history = [deadlineSet, gapOpened('2025-03-21'), gapClosed('2025-04-02', 13)];
    it('does nothing when another referral arrives', () => after.given(...history).when(referral('2025-04-05', 'R-2')).thenNothingHappens());
    it('does nothing when the criteria are evaluated again', () => after.given(...history).when(met()).thenNothingHappens());
    it('does nothing when the deadline fires', () => after.given(...history).when(fire()).thenNothingHappens());
  });
});

describe('when the referral deadline fires', () => {
  it.each([
    ['2025-03-20', '2025-03-20T23:00:00.000Z', 'winter time'],
    ['2025-03-30', '2025-03-30T22:00:00.000Z', 'the day summer time begins'],
    ['2025-10-25', '2025-10-25T22:00:00.000Z', 'the eve of winter time'],
    ['2025-10-26', '2025-10-26T23:00:00.000Z', 'the day winter time begins'],
  ])('a referral due by %s is late from %s (%s): the start of the next Copenhagen day', (dueBy, firesAt) => {
    expect(referralDeadlineFiresAt(dueBy).toISOString()).toBe(firesAt);
  });
});
