// The mandatory-referral watch: a workflow per underretning. Once the three criteria are met, the
// municipality has N days to refer the child; if no referral follows, a gap opens, and it closes
// when a referral arrives, however late. Pure: the window (a setting), the referral on file and
// the time come in; the handler turns "deadline set" into a durable scheduled command (ADR 0011).
import { addDays, type CalendarDate, copenhagenDate, daysBetween, startOfCopenhagenDay } from '@sagsspor/calendar';
import { mandatoryReferralProvisionOn } from '@sagsspor/contracts';
import type { Decider } from '@sagsspor/domain';
import type { MandatoryReferralWatchCommand } from './mandatory-referral-watch.commands';
import { gapIdFor, type MandatoryReferralWatchEvent, type ReferralDeadline, type ReferralOnFile, type WatchedUnderretning } from './mandatory-referral-watch.events';

interface Watch {
  watched: WatchedUnderretning;
  deadline: ReferralDeadline;
}

export type MandatoryReferralWatchState =
  | { status: 'idle' }
  | ({ status: 'watching' } & Watch)
  | ({ status: 'stopped' } & Watch)
  | ({ status: 'referred-in-time'; referral: ReferralOnFile } & Watch)
  | ({ status: 'gap-open'; gapId: string; openedAt: CalendarDate } & Watch)
  | ({ status: 'gap-closed'; gapId: string; openedAt: CalendarDate; referral: ReferralOnFile; daysOverdue: number } & Watch);

/** "Within N days" includes day N: the deadline fires as the next Copenhagen day begins. */
export const referralDeadlineFiresAt = (referralDueBy: CalendarDate): Date => startOfCopenhagenDay(addDays(referralDueBy, 1));

/** A referral answers an underretning's duty when it is for the same child and dated on or after its receipt. */
const answers = (referral: ReferralOnFile | undefined, watched: WatchedUnderretning): referral is ReferralOnFile =>
  referral !== undefined && referral.referredAt >= watched.receivedAt;

const daysOverdue = (deadline: ReferralDeadline, referral: ReferralOnFile) => Math.max(0, daysBetween(deadline.referralDueBy, referral.referredAt));

function gapOpened({ watched, deadline }: Watch, today: CalendarDate): MandatoryReferralWatchEvent {
  return { type: 'MandatoryReferralGapOpened', data: { ...watched, ...deadline, gapId: gapIdFor(watched.underretningId), openedAt: today } };
}

function gapClosed({ watched, deadline }: Watch, referral: ReferralOnFile): MandatoryReferralWatchEvent {
  const { underretningId, municipalityCode, childRef } = watched;
  return {
    type: 'MandatoryReferralGapClosed',
    data: { gapId: gapIdFor(underretningId), underretningId, municipalityCode, childRef, referralDueBy: deadline.referralDueBy, daysOverdue: daysOverdue(deadline, referral), ...referral },
  };
}

/** A referral is here: in time, or late (then the gap opens and closes at once, so the lateness is counted). */
function referralArrived(watch: Watch, referral: ReferralOnFile, today: CalendarDate): MandatoryReferralWatchEvent[] {
  if (referral.referredAt <= watch.deadline.referralDueBy) {
    return [{ type: 'MandatoryReferralMadeInTime', data: { ...watch.watched, ...watch.deadline, ...referral } }];
  }
  return [gapOpened(watch, today), gapClosed(watch, referral)];
}

/** The age is not compared: it follows from criteriaMetAt. */
const sameDeadline = (a: ReferralDeadline, b: ReferralDeadline) =>
  a.criteriaMetAt === b.criteriaMetAt && a.referralDueBy === b.referralDueBy && a.referralWindowDays === b.referralWindowDays && a.policeInvolvement === b.policeInvolvement && a.legalBasis === b.legalBasis;

export const mandatoryReferralWatchDecider: Decider<MandatoryReferralWatchState, MandatoryReferralWatchCommand, MandatoryReferralWatchEvent> = {
  initialState: () => ({ status: 'idle' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'MandatoryReferralDeadlineSet': {
        const { criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis, ...watched } = event.data;
        return { status: 'watching', watched, deadline: { criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis } };
      }
      case 'MandatoryReferralWatchStopped':
        return state.status === 'watching' ? { ...state, status: 'stopped' } : state;
      case 'MandatoryReferralMadeInTime': {
        const { referralId, referredAt, criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis, ...watched } = event.data;
        return { status: 'referred-in-time', watched, deadline: { criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis }, referral: { referralId, referredAt } };
      }
      case 'MandatoryReferralGapOpened': {
        const { gapId, openedAt, criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis, ...watched } = event.data;
        return { status: 'gap-open', watched, deadline: { criteriaMetAt, childAgeYears, referralDueBy, referralWindowDays, policeInvolvement, legalBasis }, gapId, openedAt };
      }
      case 'MandatoryReferralGapClosed': {
        if (state.status !== 'gap-open') return state;
        const { referralId, referredAt, daysOverdue: days } = event.data;
        return { ...state, status: 'gap-closed', referral: { referralId, referredAt }, daysOverdue: days };
      }
    }
  },
  decide: (command, state, { now }) => {
    const today = copenhagenDate(now);
    switch (command.type) {
      case 'ObserveCriteria': {
        const { underretning, evaluation, referralWindowDays, referralOnFile } = command.data;
        if (!evaluation.met || evaluation.metAt === undefined) {
          return state.status === 'watching' ? [{ type: 'MandatoryReferralWatchStopped', data: { underretningId: underretning.underretningId, municipalityCode: underretning.municipalityCode } }] : [];
        }
        if (evaluation.childAgeYears === undefined) throw new Error(`the evaluation of underretning ${underretning.underretningId} is met but carries no age on metAt`);
        const deadline: ReferralDeadline = {
          criteriaMetAt: evaluation.metAt,
          childAgeYears: evaluation.childAgeYears,
          referralDueBy: addDays(evaluation.metAt, referralWindowDays),
          referralWindowDays,
          policeInvolvement: evaluation.policeInvolvement,
          legalBasis: mandatoryReferralProvisionOn(evaluation.metAt),
        };
        switch (state.status) {
          case 'watching':
            return sameDeadline(state.deadline, deadline) ? [] : [{ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline } }];
          case 'idle':
          case 'stopped':
            if (answers(referralOnFile, underretning)) return referralArrived({ watched: underretning, deadline }, referralOnFile, today);
            return [{ type: 'MandatoryReferralDeadlineSet', data: { ...underretning, ...deadline } }];
          default:
            // Referred in time, or a gap opened: the outcome stands; the new evaluation is in the underretning's history.
            return [];
        }
      }
      case 'FireReferralDeadline': {
        // A firing for a deadline since moved or answered does nothing.
        if (state.status !== 'watching' || state.deadline.referralDueBy !== command.data.referralDueBy) return [];
        const { referralOnFile } = command.data;
        if (answers(referralOnFile, state.watched)) return referralArrived(state, referralOnFile, today);
        return [gapOpened(state, today)];
      }
      case 'RecordReferral': {
        const { underretningId: _id, municipalityCode: _m, ...referral } = command.data;
        if (state.status === 'watching' && answers(referral, state.watched)) return referralArrived(state, referral, today);
        if (state.status === 'gap-open' && answers(referral, state.watched)) return [gapClosed(state, referral)];
        return [];
      }
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
