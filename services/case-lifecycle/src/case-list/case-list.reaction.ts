import { Injectable } from '@nestjs/common';
import type { CommandOutcome, Reaction, ReactionContext } from '@sagsspor/event-store';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import { caseListRow } from './case-list.projection';
import { CaseListRepository } from './case-list.repository';

/** Keeps the case's `case_list` row in step with its state, after every command that changed it. */
@Injectable()
export class CaseListReaction implements Reaction<CaseState, CaseEvent> {
  constructor(private readonly caseList: CaseListRepository) {}

  async react({ state }: CommandOutcome<CaseState, CaseEvent>, { manager }: ReactionContext): Promise<void> {
    if (state.status !== 'none') await this.caseList.upsert(manager, caseListRow(state));
  }
}
