import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type CommandOutcome, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll } from '@sagsspor/domain';
import { ExecuteCaseCommand } from '../case/execute-case-command';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import { settlementWorkflow } from './settlement.workflow';

/** Sends the settlement workflow's requests through the case's command, in the closing's unit of work. */
@Injectable()
export class SettlementReaction implements Reaction<CaseState, CaseEvent> {
  constructor(private readonly commandBus: CommandBus) {}

  async react({ state, newEvents }: CommandOutcome<CaseState, CaseEvent>, { manager, metadata }: ReactionContext): Promise<void> {
    for (const { caseId, command } of decideAll(settlementWorkflow, newEvents, state)) {
      await this.commandBus.execute(new ExecuteCaseCommand(caseId, command, { manager, metadata }));
    }
  }
}
