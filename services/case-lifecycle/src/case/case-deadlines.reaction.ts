import { Inject, Injectable } from '@nestjs/common';
import { copenhagenDate } from '@sagsspor/calendar';
import { type CommandOutcome, CommandSchedule, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll } from '@sagsspor/domain';
import { CASE_LIFECYCLE_SETTINGS, type CaseLifecycleSettings } from '../settings';
import { caseDeadlinesWorkflow } from './case-deadlines.workflow';
import type { CaseState } from './case.decider';
import type { CaseEvent } from './case.events';

/** Sets and cancels the case's deadline stages in the command schedule, in the command's unit of work. */
@Injectable()
export class CaseDeadlinesReaction implements Reaction<CaseState, CaseEvent> {
  constructor(
    private readonly schedule: CommandSchedule,
    @Inject(CASE_LIFECYCLE_SETTINGS) private readonly settings: CaseLifecycleSettings,
  ) {}

  async react({ state, newEvents }: CommandOutcome<CaseState, CaseEvent>, { manager, now }: ReactionContext): Promise<void> {
    const workflow = caseDeadlinesWorkflow({ warningDays: this.settings.deadlineWarningDays, today: copenhagenDate(now) });
    for (const output of decideAll(workflow, newEvents, state)) {
      if (output.type === 'schedule') {
        const { id, dueAt, kind, payload } = output;
        await this.schedule.schedule(manager, { id, dueAt, kind, payload });
      } else {
        await this.schedule.cancel(manager, output.id);
      }
    }
  }
}
