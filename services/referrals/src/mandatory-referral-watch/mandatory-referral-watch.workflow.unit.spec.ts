import type { ReferralState } from '../referral/referral.decider';
import type { ReferralEvent, ReferralFacts } from '../referral/referral.events';
import type { UnderretningState } from '../underretning/underretning.decider';
import type { CriteriaEvaluation, UnderretningEvent, UnderretningFacts } from '../underretning/underretning.events';
import type { MandatoryReferralWatchEvent, ReferralDeadline, WatchedUnderretning } from './mandatory-referral-watch.events';
import { referralDeadlines, watchOnReferral, watchOnUnderretning } from './mandatory-referral-watch.workflow';

// The watch's workflows as data: given an event (and the state of its aggregate), then the outputs.
const childRef = 'a'.repeat(64);
const facts: UnderretningFacts = {
  underretningId: 'U-1',
  municipalityCode: '751',
  childRef,
  childAgeYears: 8,
  childSex: 'female',
  receivedAt: '2025-03-03',
  concerns: ['violence'],
  source: 'school',
};
const received = { status: 'received', facts } as unknown as UnderretningState;
const evaluation: CriteriaEvaluation = { policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-03-06', childAgeYears: 8 };

describe('watchOnUnderretning', () => {
  const evaluated = (met: boolean): UnderretningEvent => ({
    type: 'MandatoryReferralCriteriaEvaluated',
    data: { underretningId: 'U-1', municipalityCode: '751', childRef, ...evaluation, met, ...(met ? {} : { metAt: undefined }) },
  });

  it('sends an evaluation that is met, with the underretning it is about', () => {
    const event = evaluated(true);
    expect(watchOnUnderretning.decide(event, { ...received, criteriaEverMet: true } as UnderretningState)).toEqual([{ type: 'CriteriaEvaluated', underretning: facts, evaluation: event.data }]);
  });

  it('sends an evaluation that is no longer met once the criteria were met (the watch may have to stop)', () => {
    const event = evaluated(false);
    expect(watchOnUnderretning.decide(event, { ...received, criteriaEverMet: true } as UnderretningState)).toEqual([{ type: 'CriteriaEvaluated', underretning: facts, evaluation: event.data }]);
  });

  it('sends nothing while the criteria have never been met (an idle watch stays idle)', () => {
    expect(watchOnUnderretning.decide(evaluated(false), { ...received, criteriaEverMet: false } as UnderretningState)).toEqual([]);
  });

  it('sends nothing for the other events', () => {
    const event = { type: 'UnderretningReceived', data: facts } as UnderretningEvent;
    expect(watchOnUnderretning.decide(event, received)).toEqual([]);
  });
});

describe('watchOnReferral', () => {
  const referral = { referralId: 'R-1', childRef, referredAt: '2025-03-12' } as ReferralFacts;

  it('sends a submitted referral to the watches of its child', () => {
    const event = { type: 'ReferralSubmitted', data: referral } as ReferralEvent;
    expect(watchOnReferral.decide(event, { status: 'submitted', facts: referral } as ReferralState)).toEqual([
      { type: 'ReferralSubmitted', childRef, referral: { referralId: 'R-1', referredAt: '2025-03-12' } },
    ]);
  });

  it('sends nothing when a referral is accepted, rejected or withdrawn', () => {
    const event = { type: 'ReferralAccepted', data: { referralId: 'R-1', caseId: 'c', acceptedAt: '2025-03-13' } } as ReferralEvent;
    expect(watchOnReferral.decide(event, { status: 'accepted', facts: referral } as ReferralState)).toEqual([]);
  });
});

describe('referralDeadlines', () => {
  const watched: WatchedUnderretning = { underretningId: 'U-1', municipalityCode: '751', houseCode: 'midt', childRef, childSex: 'female', receivedAt: '2025-03-03' };
  const deadline: ReferralDeadline = { criteriaMetAt: '2025-03-06', childAgeYears: 8, referralDueBy: '2025-03-20', referralWindowDays: 14, policeInvolvement: 'consulted', legalBasis: 'barnets-lov-125' };
  const decide = (event: MandatoryReferralWatchEvent) => referralDeadlines.decide(event, undefined);

  it('sets the deadline at the start of the day after referralDueBy in Copenhagen', () => {
    expect(decide({ type: 'MandatoryReferralDeadlineSet', data: { ...watched, ...deadline } })).toEqual([
      {
        type: 'set',
        id: 'mandatory-referral-deadline:751:U-1',
        dueAt: new Date('2025-03-20T23:00:00Z'),
        deadline: { underretningId: 'U-1', municipalityCode: '751', childRef, receivedAt: '2025-03-03', referralDueBy: '2025-03-20' },
      },
    ]);
  });

  it('cancels it when the watch is answered in time or stopped', () => {
    const cancel = [{ type: 'cancel', id: 'mandatory-referral-deadline:751:U-1' }];
    expect(decide({ type: 'MandatoryReferralMadeInTime', data: { ...watched, ...deadline, referralId: 'R-1', referredAt: '2025-03-12' } })).toEqual(cancel);
    expect(decide({ type: 'MandatoryReferralWatchStopped', data: { underretningId: 'U-1', municipalityCode: '751' } })).toEqual(cancel);
  });

  it('does nothing more once the deadline fired (a gap opened or closed)', () => {
    expect(decide({ type: 'MandatoryReferralGapOpened', data: { ...watched, ...deadline, gapId: 'gap-U-1', openedAt: '2025-03-21' } })).toEqual([]);
  });
});
