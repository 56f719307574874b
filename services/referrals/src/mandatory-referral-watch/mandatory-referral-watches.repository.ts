import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '@sagsspor/calendar';
import type { Reaction, WriteFragment } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import type { MandatoryReferralWatchState } from './mandatory-referral-watch.decider';
import type { MandatoryReferralWatchEvent } from './mandatory-referral-watch.events';

/**
 * `mandatory_referral_watches`: one row per watch, kept in step with its stream (a reaction of the
 * watch whose row joins the command's write), so a referral finds the child's open watches in one query.
 */
@Injectable()
export class MandatoryReferralWatches implements Reaction<MandatoryReferralWatchState, MandatoryReferralWatchEvent> {
  /** The watch's row after the command, joined to the command's one write statement. */
  writes({ state }: { state: MandatoryReferralWatchState }): WriteFragment[] {
    if (state.status === 'idle') return [];
    const referralId = state.status === 'referred-in-time' || state.status === 'gap-closed' ? state.referral.referralId : null;
    const gapOpenedAt = state.status === 'gap-open' || state.status === 'gap-closed' ? state.openedAt : null;
    const sql = `INSERT INTO mandatory_referral_watches (underretning_id, child_ref, received_at, status, criteria_met_at, referral_due_by, gap_opened_at, referral_id, municipality_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (municipality_code, underretning_id) DO UPDATE SET status = excluded.status, criteria_met_at = excluded.criteria_met_at, referral_due_by = excluded.referral_due_by,
         gap_opened_at = excluded.gap_opened_at, referral_id = excluded.referral_id, updated_at = now()`;
    const params = [state.watched.underretningId, state.watched.childRef, state.watched.receivedAt, state.status, state.deadline.criteriaMetAt, state.deadline.referralDueBy, gapOpenedAt, referralId, state.watched.municipalityCode];
    return [{ parts: [{ name: 'mandatory_referral_watch_row', sql }], params }];
  }

  /** The child's watches still waiting for a referral (or with a gap open) that a referral dated `referredAt` answers. */
  async openOfChild(manager: EntityManager, childRef: string, referredAt: CalendarDate): Promise<{ municipalityCode: string; underretningId: string }[]> {
    const rows: { municipality_code: string; underretning_id: string }[] = await manager.query(
      `SELECT municipality_code, underretning_id FROM mandatory_referral_watches
        WHERE child_ref = $1 AND status IN ('watching', 'gap-open') AND received_at <= $2::date ORDER BY municipality_code, underretning_id`,
      [childRef, referredAt],
    );
    return rows.map((r) => ({ municipalityCode: r.municipality_code, underretningId: r.underretning_id }));
  }
}
