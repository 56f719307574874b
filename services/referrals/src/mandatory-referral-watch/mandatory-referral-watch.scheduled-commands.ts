import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ScheduledCommandHandler } from '@sagsspor/event-store';
import type { ScheduledCommandHandlers } from '@sagsspor/platform';
import { ExecuteMandatoryReferralWatchCommand } from './mandatory-referral-watch.command-handler';
import { REFERRAL_DEADLINE_KIND, type ReferralDeadlineDue } from './mandatory-referral-watch.workflow';

/** The scheduler's door to the watch: a due deadline becomes the watch's command, in the firing's transaction. */
@Injectable()
export class MandatoryReferralWatchScheduledCommands implements ScheduledCommandHandlers {
  constructor(private readonly commandBus: CommandBus) {}

  scheduledCommandHandlers(): Record<string, ScheduledCommandHandler> {
    return {
      [REFERRAL_DEADLINE_KIND]: (payload, { manager, now, scheduleId }) =>
        this.commandBus.execute(new ExecuteMandatoryReferralWatchCommand({ type: 'DeadlineDue', deadline: payload as ReferralDeadlineDue }, { manager, now, metadata: { causationId: scheduleId, actor: 'scheduler' } })),
    };
  }
}
