// What the mandatory-referral watch follows, decided as data (ADR 0011, ADR 0091): which events of
// underretninger and referrals tell a watch something, and which of the watch's own events set or
// cancel its durable deadline. The reactions in the command handlers carry the outputs out.
import type { CalendarDate } from '@sagsspor/calendar';
import type { Workflow } from '@sagsspor/domain';
import type { ReferralState } from '../referral/referral.decider';
import type { ReferralEvent } from '../referral/referral.events';
import type { UnderretningState } from '../underretning/underretning.decider';
import type { CriteriaEvaluation, UnderretningEvent, UnderretningFacts } from '../underretning/underretning.events';
import { referralDeadlineFiresAt } from './mandatory-referral-watch.decider';
import type { MandatoryReferralWatchEvent, ReferralOnFile } from './mandatory-referral-watch.events';

/** What the durable deadline carries: enough to lock the child and find its referrals when it fires. */
export interface ReferralDeadlineDue {
  underretningId: string;
  municipalityCode: string;
  childRef: string;
  receivedAt: CalendarDate;
  referralDueBy: CalendarDate;
}

/** What a watch is told; its command handler adds what must be looked up (the referral on file, the window). */
export type WatchInput =
  | { type: 'CriteriaEvaluated'; underretning: UnderretningFacts; evaluation: CriteriaEvaluation }
  | { type: 'ReferralSubmitted'; childRef: string; referral: ReferralOnFile }
  | { type: 'DeadlineDue'; deadline: ReferralDeadlineDue };

/**
 * An evaluation of an underretning's criteria goes to its watch once the criteria have ever been met:
 * before that the watch is idle, and an evaluation that is not met leaves an idle watch idle.
 */
export const watchOnUnderretning: Workflow<UnderretningState, UnderretningEvent, WatchInput> = {
  decide: (event, state) =>
    event.type === 'MandatoryReferralCriteriaEvaluated' && state.status === 'received' && (event.data.met || state.criteriaEverMet === true)
      ? [{ type: 'CriteriaEvaluated', underretning: state.facts, evaluation: event.data }]
      : [],
};

/** A submitted referral goes to every watch (and open gap) of the child. */
export const watchOnReferral: Workflow<ReferralState, ReferralEvent, WatchInput> = {
  decide: (event) =>
    event.type === 'ReferralSubmitted' ? [{ type: 'ReferralSubmitted', childRef: event.data.childRef, referral: { referralId: event.data.referralId, referredAt: event.data.referredAt } }] : [],
};

export const REFERRAL_DEADLINE_KIND = 'mandatory-referral-deadline';
/** Named like the watch's stream: an underretning id is unique within its municipality only (ADR 0095). */
export const referralDeadlineId = (municipalityCode: string, underretningId: string) => `${REFERRAL_DEADLINE_KIND}:${municipalityCode}:${underretningId}`;

export type DeadlineOutput =
  | { type: 'set'; id: string; dueAt: Date; deadline: ReferralDeadlineDue }
  | { type: 'cancel'; id: string };

/**
 * The watch's durable deadline: set (or moved) with the watch, cancelled once the watch is
 * answered in time or stopped. A deadline that fired needs nothing more.
 */
export const referralDeadlines: Workflow<unknown, MandatoryReferralWatchEvent, DeadlineOutput> = {
  decide: (event) => {
    switch (event.type) {
      case 'MandatoryReferralDeadlineSet': {
        const { underretningId, municipalityCode, childRef, receivedAt, referralDueBy } = event.data;
        const deadline = { underretningId, municipalityCode, childRef, receivedAt, referralDueBy };
        return [{ type: 'set', id: referralDeadlineId(municipalityCode, underretningId), dueAt: referralDeadlineFiresAt(referralDueBy), deadline }];
      }
      case 'MandatoryReferralMadeInTime':
      case 'MandatoryReferralWatchStopped':
        return [{ type: 'cancel', id: referralDeadlineId(event.data.municipalityCode, event.data.underretningId) }];
      default:
        return [];
    }
  },
};
