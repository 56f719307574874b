import { Injectable } from '@nestjs/common';
import type { CommandOutcome, Reaction, ReactionContext } from '@sagsspor/event-store';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import { SettlementsRepository } from './settlements.repository';

/** Keeps the `settlements` table (one row per settled case, its latest revision) in step with `CaseSettled`. */
@Injectable()
export class SettlementsTableReaction implements Reaction<CaseState, CaseEvent> {
  constructor(private readonly settlements: SettlementsRepository) {}

  async react({ newEvents }: CommandOutcome<CaseState, CaseEvent>, { manager }: ReactionContext): Promise<void> {
    for (const event of newEvents) if (event.type === 'CaseSettled') await this.settlements.record(manager, event.data);
  }
}
