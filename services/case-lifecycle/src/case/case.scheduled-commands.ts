import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ScheduledCommandHandler } from '@sagsspor/event-store';
import type { ScheduledCommandHandlers } from '@sagsspor/platform';
import { SETTLE_CLOSED_CASE } from '../settlement/settlement.workflow';
import { CASE_DEADLINE, type DeadlinePayload } from './case-deadlines.workflow';
import { ExecuteCaseCommand } from './execute-case-command';

/** The case's durable scheduled commands (deadline stages, and settlements that waited for a tariff) → the case's command, in the scheduler's transaction. */
@Injectable()
export class CaseScheduledCommands implements ScheduledCommandHandlers {
  constructor(private readonly commandBus: CommandBus) {}

  scheduledCommandHandlers(): Record<string, ScheduledCommandHandler> {
    return {
      [CASE_DEADLINE]: async (payload, { manager, scheduleId }) => {
        const { caseId, clock, stage, dueDate, reachedAt } = payload as DeadlinePayload;
        await this.commandBus.execute(new ExecuteCaseCommand(caseId, { type: 'ReachDeadline', data: { clock, stage, dueDate, reachedAt } }, { manager, metadata: { causationId: scheduleId } }));
      },
      [SETTLE_CLOSED_CASE]: async (payload, { manager, scheduleId }) => {
        const { caseId } = payload as { caseId: string };
        await this.commandBus.execute(new ExecuteCaseCommand(caseId, { type: 'SettleClosedCase' }, { manager, metadata: { causationId: scheduleId } }));
      },
    };
  }
}
