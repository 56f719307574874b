import { Injectable } from '@nestjs/common';
import { type CommandOutcome, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll } from '@sagsspor/domain';
import type { EntityManager } from 'typeorm';
import type { CoordinationState } from './case-conference.decider';
import type { CaseConferenceEvent } from './case-conference.events';
import { conferenceIdsWorkflow } from './conference-ids.workflow';

/**
 * The `conference_ids` table: which case each conferenceId belongs to. A reaction of the
 * coordination aggregate, so a conference's id is claimed in the transaction that holds it; a
 * concurrent claim of the same id by another case is a unique violation, and the command runs
 * again, then finding the id taken.
 */
@Injectable()
export class ConferenceIdsRepository implements Reaction<CoordinationState, CaseConferenceEvent> {
  /** The case that already uses this conferenceId, if any. */
  async caseUsing(manager: EntityManager, conferenceId: string): Promise<string | undefined> {
    const rows: { case_id: string }[] = await manager.query(`SELECT case_id::text AS case_id FROM conference_ids WHERE conference_id = $1`, [conferenceId]);
    return rows[0]?.case_id;
  }

  async react({ newEvents, state }: CommandOutcome<CoordinationState, CaseConferenceEvent>, { manager }: ReactionContext): Promise<void> {
    for (const claim of decideAll(conferenceIdsWorkflow, newEvents, state)) {
      await manager.query(`INSERT INTO conference_ids (conference_id, case_id) VALUES ($1, $2)`, [claim.conferenceId, claim.caseId]);
    }
  }
}
