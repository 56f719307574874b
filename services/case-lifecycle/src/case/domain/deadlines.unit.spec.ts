import { deadlineScheduleId, dueDatesOf, plannedDeadlineStages } from './deadlines';

const intake = { openedAt: '2025-03-12', municipalityAwareAt: '2025-03-04' };

describe('case deadlines', () => {
  it('falls due 90 and 120 calendar days after the opening, and 4 months after the municipality became aware', () => {
    expect(dueDatesOf(intake)).toEqual({ 'lead-time-90': '2025-06-10', 'lead-time-120': '2025-07-10', 'section-20': '2025-07-04' });
  });

  it('ends § 20 on the last day of a shorter month (31 October + 4 months)', () => {
    expect(dueDatesOf({ openedAt: '2025-11-01', municipalityAwareAt: '2025-10-31' })['section-20']).toBe('2026-02-28');
  });

  it('is approaching the set number of days before, and passed the day after the due date (day 90 is within 90 days)', () => {
    const stages = plannedDeadlineStages(intake, 14, '2025-03-12').filter((s) => s.clock === 'lead-time-90');
    expect(stages.map(({ stage, dueDate, reachedAt }) => ({ stage, dueDate, reachedAt }))).toEqual([
      { stage: 'approaching', dueDate: '2025-06-10', reachedAt: '2025-05-27' },
      { stage: 'passed', dueDate: '2025-06-10', reachedAt: '2025-06-11' },
    ]);
  });

  it('fires at the start of the Copenhagen day (summer time: 22:00 UTC the evening before)', () => {
    const passed = plannedDeadlineStages(intake, 14, '2025-03-12').find((s) => s.clock === 'lead-time-90' && s.stage === 'passed')!;
    expect(passed.firesAt.toISOString()).toBe('2025-06-10T22:00:00.000Z');
    const winter = plannedDeadlineStages({ openedAt: '2025-10-01', municipalityAwareAt: '2025-09-20' }, 14, '2025-10-01').find((s) => s.clock === 'lead-time-90' && s.stage === 'passed')!;
    expect(winter.firesAt.toISOString()).toBe('2025-12-30T23:00:00.000Z');
  });

  it('plans six stages for a case opened in time', () => {
    expect(plannedDeadlineStages(intake, 14, '2025-03-12')).toHaveLength(6);
  });

  it('leaves out the warning of a deadline already passed when the case is registered late, keeping the passed stage to fire at once', () => {
    const late = plannedDeadlineStages(intake, 14, '2025-06-20');
    expect(late.map((s) => `${s.clock}:${s.stage}`)).toEqual(['lead-time-90:passed', 'lead-time-120:approaching', 'lead-time-120:passed', 'section-20:approaching', 'section-20:passed']);
  });

  it('names each stage of a case by a stable id, so scheduling twice is one row', () => {
    expect(deadlineScheduleId('c1', 'section-20', 'passed')).toBe('case-c1:section-20:passed');
  });
});
