import { Inject, Injectable } from '@nestjs/common';
import type { HouseCode } from '@sagsspor/contracts';
import { CommandSchedule, type EventMetadata, PostgresEventStore, type ScheduledCommandContext } from '@sagsspor/event-store';
import type { ScheduledCommandHandlers } from '@sagsspor/platform';
import { findMunicipality } from '@sagsspor/reference-data';
import type { EntityManager } from 'typeorm';
import { earliestReferralSince } from '../referral/referral-register';
import { REFERRALS_SETTINGS, type ReferralsSettings } from '../settings';
import { lockChild } from '../transactions';
import type { CriteriaEvaluation, UnderretningFacts } from '../underretning/underretning.events';
import type { MandatoryReferralWatchCommand } from './mandatory-referral-watch.commands';
import { mandatoryReferralWatchDecider, type MandatoryReferralWatchState, referralDeadlineFiresAt } from './mandatory-referral-watch.decider';
import { type MandatoryReferralWatchEvent, mandatoryReferralWatchStreamId, type ReferralOnFile } from './mandatory-referral-watch.events';

const DEADLINE_KIND = 'mandatory-referral-deadline';
const scheduleIdFor = (underretningId: string) => `${DEADLINE_KIND}:${underretningId}`;

/** What the durable deadline carries: enough to lock the child and find its referrals. */
interface DeadlinePayload {
  underretningId: string;
  childRef: string;
  receivedAt: string;
  referralDueBy: string;
}

/**
 * Runs the watch decider inside the caller's transaction and carries out what it decided: a
 * deadline set becomes a durable scheduled command (written in the same transaction), a watch that
 * is answered or stopped cancels it, and the watch's row in `mandatory_referral_watches` follows.
 * Callers hold the child's lock (`lockChild`); the scheduled firing takes it itself.
 */
@Injectable()
export class MandatoryReferralWatchWorkflow implements ScheduledCommandHandlers {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly schedule: CommandSchedule,
    @Inject(REFERRALS_SETTINGS) private readonly settings: ReferralsSettings,
  ) {}

  scheduledCommandHandlers() {
    return { [DEADLINE_KIND]: (payload: unknown, context: ScheduledCommandContext) => this.fireDeadline(payload as DeadlinePayload, context) };
  }

  /** After an evaluation of an underretning's criteria, in the transaction that recorded it. */
  async observeCriteria(manager: EntityManager, facts: UnderretningFacts, evaluation: CriteriaEvaluation, now: Date, metadata: EventMetadata): Promise<void> {
    const { underretningId, municipalityCode, childRef, childSex, childBirthDate, receivedAt } = facts;
    const houseCode = findMunicipality(municipalityCode)!.defaultHouse as HouseCode;
    const referralOnFile = evaluation.met ? await earliestReferralSince(manager, childRef, receivedAt) : undefined;
    await this.decide(
      manager,
      underretningId,
      {
        type: 'ObserveCriteria',
        data: {
          underretning: { underretningId, municipalityCode, houseCode, childRef, childSex, childBirthDate, receivedAt },
          evaluation: { met: evaluation.met, ...(evaluation.metAt ? { metAt: evaluation.metAt } : {}), policeInvolvement: evaluation.policeInvolvement },
          referralWindowDays: this.settings.mandatoryReferralWindowDays,
          ...(referralOnFile ? { referralOnFile } : {}),
        },
      },
      now,
      metadata,
    );
  }

  /** After a referral was submitted, in its transaction: every watch or open gap of the child it answers. */
  async referralSubmitted(manager: EntityManager, childRef: string, referral: ReferralOnFile, now: Date, metadata: EventMetadata): Promise<void> {
    const watches: { underretning_id: string }[] = await manager.query(
      `SELECT underretning_id FROM mandatory_referral_watches
        WHERE child_ref = $1 AND status IN ('watching', 'gap-open') AND received_at <= $2::date ORDER BY underretning_id`,
      [childRef, referral.referredAt],
    );
    for (const { underretning_id: underretningId } of watches) {
      await this.decide(manager, underretningId, { type: 'RecordReferral', data: { underretningId, ...referral } }, now, metadata);
    }
  }

  private async fireDeadline(payload: DeadlinePayload, { manager, now, scheduleId }: ScheduledCommandContext): Promise<void> {
    await lockChild(manager, payload.childRef);
    const referralOnFile = await earliestReferralSince(manager, payload.childRef, payload.receivedAt);
    const command: MandatoryReferralWatchCommand = {
      type: 'FireReferralDeadline',
      data: { underretningId: payload.underretningId, referralDueBy: payload.referralDueBy, ...(referralOnFile ? { referralOnFile } : {}) },
    };
    await this.decide(manager, payload.underretningId, command, now, { causationId: scheduleId, actor: 'scheduler' });
  }

  private async decide(manager: EntityManager, underretningId: string, command: MandatoryReferralWatchCommand, now: Date, metadata: EventMetadata): Promise<void> {
    let outcome: { state: MandatoryReferralWatchState; newEvents: MandatoryReferralWatchEvent[] } | undefined;
    await this.eventStore.handle(mandatoryReferralWatchDecider, mandatoryReferralWatchStreamId(underretningId), command, {
      manager,
      now,
      metadata,
      respond: ({ state, newEvents }) => {
        outcome = { state, newEvents };
        return null;
      },
    });
    if (!outcome || outcome.newEvents.length === 0) return;
    const deadlineSet = outcome.newEvents.findLast((e) => e.type === 'MandatoryReferralDeadlineSet');
    if (deadlineSet) {
      const { childRef, receivedAt, referralDueBy } = deadlineSet.data;
      const payload: DeadlinePayload = { underretningId, childRef, receivedAt, referralDueBy };
      await this.schedule.schedule(manager, { id: scheduleIdFor(underretningId), dueAt: referralDeadlineFiresAt(referralDueBy), kind: DEADLINE_KIND, payload });
    } else if (outcome.state.status !== 'watching' && command.type !== 'FireReferralDeadline') {
      await this.schedule.cancel(manager, scheduleIdFor(underretningId));
    }
    await recordWatch(manager, outcome.state);
  }
}

async function recordWatch(manager: EntityManager, state: MandatoryReferralWatchState): Promise<void> {
  if (state.status === 'idle') return;
  const referralId = state.status === 'referred-in-time' || state.status === 'gap-closed' ? state.referral.referralId : null;
  const gapOpenedAt = state.status === 'gap-open' || state.status === 'gap-closed' ? state.openedAt : null;
  await manager.query(
    `INSERT INTO mandatory_referral_watches (underretning_id, child_ref, received_at, status, criteria_met_at, referral_due_by, gap_opened_at, referral_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (underretning_id) DO UPDATE SET status = excluded.status, criteria_met_at = excluded.criteria_met_at, referral_due_by = excluded.referral_due_by,
       gap_opened_at = excluded.gap_opened_at, referral_id = excluded.referral_id, updated_at = now()`,
    [state.watched.underretningId, state.watched.childRef, state.watched.receivedAt, state.status, state.deadline.criteriaMetAt, state.deadline.referralDueBy, gapOpenedAt, referralId],
  );
}
