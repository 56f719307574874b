import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CaseClock, DeadlineStage } from '@sagsspor/contracts';
import type { ScheduledCommandHandler } from '@sagsspor/event-store';
import type { ScheduledCommandHandlers } from '@sagsspor/platform';
import { CASE_DEADLINE, ExecuteCaseCommand, SETTLE_CLOSED_CASE, SettleClosedCase } from './execute-case-command';

interface DeadlinePayload {
  caseId: string;
  clock: CaseClock;
  stage: DeadlineStage;
  dueDate: string;
  reachedAt: string;
}

/** The case's durable scheduled commands: deadline stages, and settlements that waited for a tariff. */
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
        await this.commandBus.execute(new SettleClosedCase(caseId, { manager, metadata: { causationId: scheduleId } }));
      },
    };
  }
}
