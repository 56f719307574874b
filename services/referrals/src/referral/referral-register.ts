import { Injectable } from '@nestjs/common';
import type { Reaction, WriteFragment } from '@sagsspor/event-store';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReferralOnFile } from '../mandatory-referral-watch/mandatory-referral-watch.events';
import type { ReferralState } from './referral.decider';
import type { ReferralEvent } from './referral.events';

/** One row of the house's referral list. */
export interface ReferralListItem {
  referralId: string;
  status: 'submitted' | 'accepted' | 'rejected' | 'withdrawn';
  municipalityCode: string;
  houseCode: string;
  childRef: string;
  referredAt: string;
  statusChangedAt: string;
  caseId?: string;
}

export interface ReferralListFilter {
  houseCode?: string;
  status?: ReferralListItem['status'];
  /** Keyset position: the last row of the previous page. */
  after?: { referredAt: string; referralId: string; municipalityCode: string };
  limit: number;
}

function statusChangedAt(state: Exclude<ReferralState, { status: 'none' }>): string {
  switch (state.status) {
    case 'submitted':
      return state.facts.referredAt;
    case 'accepted':
      return state.acceptance.acceptedAt;
    case 'rejected':
      return state.rejection.rejectedAt;
    case 'withdrawn':
      return state.withdrawal.withdrawnAt;
  }
}

/**
 * `referral_register`: a row per referral, kept in step with its stream by the pipeline (a reaction
 * of the referral), for the house's list and for the watch's "earliest referral of the child".
 */
@Injectable()
export class ReferralRegister implements Reaction<ReferralState, ReferralEvent> {
  constructor(private readonly dataSource: DataSource) {}

  /** The referral's row after the command, joined to the command's one write statement. */
  writes({ state }: { state: ReferralState }): WriteFragment[] {
    if (state.status === 'none') return [];
    const { referralId, childRef, municipalityCode, houseCode, referredAt } = state.facts;
    const sql = `INSERT INTO referral_register (referral_id, child_ref, municipality_code, house_code, referred_at, status, status_changed_at, case_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (municipality_code, referral_id) DO UPDATE SET status = excluded.status, status_changed_at = excluded.status_changed_at, case_id = excluded.case_id, updated_at = now()`;
    const params = [referralId, childRef, municipalityCode, houseCode, referredAt, state.status, statusChangedAt(state), state.status === 'accepted' ? state.acceptance.caseId : null];
    return [{ parts: [{ name: 'referral_register_row', sql }], params }];
  }

  /** The child's earliest referral dated on or after `since`, whatever became of it (ADR 0011). */
  async earliestReferralSince(manager: EntityManager, childRef: string, since: string): Promise<ReferralOnFile | undefined> {
    const rows: { referral_id: string; referred_at: string }[] = await manager.query(
      `SELECT referral_id, referred_at::text AS referred_at FROM referral_register
        WHERE child_ref = $1 AND referred_at >= $2::date ORDER BY referred_at, referral_id, municipality_code LIMIT 1`,
      [childRef, since],
    );
    return rows.length ? { referralId: rows[0].referral_id, referredAt: rows[0].referred_at } : undefined;
  }

  /** A page of referrals, oldest referral first (the queue a house works through). */
  async list(filter: ReferralListFilter): Promise<ReferralListItem[]> {
    const rows: {
      referral_id: string;
      status: ReferralListItem['status'];
      municipality_code: string;
      house_code: string;
      child_ref: string;
      referred_at: string;
      status_changed_at: string;
      case_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT referral_id, status, municipality_code, house_code, child_ref, referred_at::text AS referred_at, status_changed_at::text AS status_changed_at, case_id::text AS case_id
         FROM referral_register
        WHERE ($1::text IS NULL OR house_code = $1)
          AND ($2::text IS NULL OR status = $2)
          AND ($3::date IS NULL OR (referred_at, referral_id, municipality_code) > ($3::date, $4::text, $6::text))
        ORDER BY referred_at, referral_id, municipality_code
        LIMIT $5`,
      [filter.houseCode ?? null, filter.status ?? null, filter.after?.referredAt ?? null, filter.after?.referralId ?? null, filter.limit, filter.after?.municipalityCode ?? ''],
    );
    return rows.map((r) => ({
      referralId: r.referral_id,
      status: r.status,
      municipalityCode: r.municipality_code,
      houseCode: r.house_code,
      childRef: r.child_ref,
      referredAt: r.referred_at,
      statusChangedAt: r.status_changed_at,
      ...(r.case_id ? { caseId: r.case_id } : {}),
    }));
  }
}
