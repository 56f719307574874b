import { type CaseClock, caseClocks, type DeadlineStage, deadlineStages } from '@sagsspor/contracts';
import type { Workflow } from '@sagsspor/domain';
import type { CaseState } from './case.decider';
import type { CaseEvent } from './case.events';
import { deadlineScheduleId, plannedDeadlineStages } from './domain/deadlines';

/** The durable scheduled command of a deadline stage; it sends `ReachDeadline` with its payload. */
export const CASE_DEADLINE = 'case-deadline';

export interface DeadlinePayload {
  caseId: string;
  clock: CaseClock;
  stage: DeadlineStage;
  dueDate: string;
  reachedAt: string;
}

export type CaseDeadlinesOutput =
  | { type: 'schedule'; id: string; dueAt: Date; kind: typeof CASE_DEADLINE; payload: DeadlinePayload }
  | { type: 'cancel'; id: string };

/**
 * The case's clocks as durable deadlines (docs/adr/0031): opening schedules every stage of every
 * clock (a stage already due fires at once), closing cancels what has not fired. A corrected
 * closing changes nothing: the stages were cancelled at the first closing.
 */
export function caseDeadlinesWorkflow({ warningDays, today }: { warningDays: number; today: string }): Workflow<CaseState, CaseEvent, CaseDeadlinesOutput> {
  return {
    decide(event) {
      switch (event.type) {
        case 'CaseOpened': {
          const { caseId } = event.data;
          return plannedDeadlineStages(event.data, warningDays, today).map(({ clock, stage, dueDate, reachedAt, firesAt }) => ({
            type: 'schedule' as const,
            id: deadlineScheduleId(caseId, clock, stage),
            dueAt: firesAt,
            kind: CASE_DEADLINE,
            payload: { caseId, clock, stage, dueDate, reachedAt },
          }));
        }
        case 'CaseClosed':
          return caseClocks.flatMap((clock) => deadlineStages.map((stage) => ({ type: 'cancel' as const, id: deadlineScheduleId(event.data.caseId, clock, stage) })));
        default:
          return [];
      }
    },
  };
}
