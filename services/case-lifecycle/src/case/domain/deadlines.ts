import type { CaseClock, DeadlineStage } from '@sagsspor/contracts';
import { addDays, addMonths, startOfCopenhagenDay } from '@sagsspor/calendar';

export interface PlannedDeadlineStage {
  clock: CaseClock;
  stage: DeadlineStage;
  /** The deadline: openedAt + 90 or 120 days, or municipalityAwareAt + 4 months. */
  dueDate: string;
  /** The business date the stage is reached. */
  reachedAt: string;
  /** When it fires: the start (Copenhagen) of reachedAt. */
  firesAt: Date;
}

/** The day a clock's deadline falls on. "Within 90 days" includes day 90, so it is passed the day after. */
export function dueDatesOf(intake: { openedAt: string; municipalityAwareAt: string }): Record<CaseClock, string> {
  return {
    'lead-time-90': addDays(intake.openedAt, 90),
    'lead-time-120': addDays(intake.openedAt, 120),
    'section-20': addMonths(intake.municipalityAwareAt, 4),
  };
}

/**
 * The deadline stages to schedule when a case opens: each clock is `approaching` warningDays
 * before its due date and `passed` the day after it. A stage already due fires at once (a case
 * registered late); an `approaching` whose `passed` is already due is left out, since the deadline
 * it warns about is gone.
 */
export function plannedDeadlineStages(intake: { openedAt: string; municipalityAwareAt: string }, warningDays: number, today: string): PlannedDeadlineStage[] {
  return Object.entries(dueDatesOf(intake)).flatMap(([clock, dueDate]) => {
    const passedOn = addDays(dueDate, 1);
    const stages: { stage: DeadlineStage; reachedAt: string }[] = [
      ...(passedOn > today ? [{ stage: 'approaching' as const, reachedAt: addDays(dueDate, -warningDays) }] : []),
      { stage: 'passed', reachedAt: passedOn },
    ];
    return stages.map(({ stage, reachedAt }) => ({ clock: clock as CaseClock, stage, dueDate, reachedAt, firesAt: startOfCopenhagenDay(reachedAt) }));
  });
}

export const deadlineScheduleId = (caseId: string, clock: CaseClock, stage: DeadlineStage) => `case-${caseId}:${clock}:${stage}`;
