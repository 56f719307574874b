import { caseWorkflowSpec, closed, corrected, deadlineReached, intake, memoSent, opened, serviceDelivered, settled } from '../test-support/case-workflow-spec';
import type { CaseClock, DeadlineStage } from '@sagsspor/contracts';
import { CASE_DEADLINE, type CaseDeadlinesOutput, caseDeadlinesWorkflow } from './case-deadlines.workflow';

const { caseId } = intake;
// Opened 2025-05-22, the municipality aware 2025-05-12: lead time due 2025-08-20 (90) and 2025-09-19 (120), § 20 due 2025-09-12.
const spec = caseDeadlinesWorkflow({ warningDays: 14, today: '2025-05-22' });
const schedule = (clock: CaseClock, stage: DeadlineStage, dueDate: string, reachedAt: string, dueAt: string): CaseDeadlinesOutput => ({
  type: 'schedule',
  id: `case-${caseId}:${clock}:${stage}`,
  dueAt: new Date(dueAt),
  kind: CASE_DEADLINE,
  payload: { caseId, clock, stage, dueDate, reachedAt },
});
const cancel = (clock: CaseClock, stage: DeadlineStage): CaseDeadlinesOutput => ({ type: 'cancel', id: `case-${caseId}:${clock}:${stage}` });

describe('case deadlines workflow', () => {
  it('schedules every stage of every clock when the case opens, at the start of the Copenhagen day', () =>
    caseWorkflowSpec(spec)
      .given()
      .whenAppended(opened)
      .then(
        schedule('lead-time-90', 'approaching', '2025-08-20', '2025-08-06', '2025-08-05T22:00:00Z'),
        schedule('lead-time-90', 'passed', '2025-08-20', '2025-08-21', '2025-08-20T22:00:00Z'),
        schedule('lead-time-120', 'approaching', '2025-09-19', '2025-09-05', '2025-09-04T22:00:00Z'),
        schedule('lead-time-120', 'passed', '2025-09-19', '2025-09-20', '2025-09-19T22:00:00Z'),
        schedule('section-20', 'approaching', '2025-09-12', '2025-08-29', '2025-08-28T22:00:00Z'),
        schedule('section-20', 'passed', '2025-09-12', '2025-09-13', '2025-09-12T22:00:00Z'),
      ));

  it('schedules only what is left for a case registered late: a passed deadline fires at once, without its warning', () => {
    const late = caseDeadlinesWorkflow({ warningDays: 14, today: '2025-09-15' });
    caseWorkflowSpec(late)
      .given()
      .whenAppended(opened)
      .then(
        schedule('lead-time-90', 'passed', '2025-08-20', '2025-08-21', '2025-08-20T22:00:00Z'),
        schedule('lead-time-120', 'approaching', '2025-09-19', '2025-09-05', '2025-09-04T22:00:00Z'),
        schedule('lead-time-120', 'passed', '2025-09-19', '2025-09-20', '2025-09-19T22:00:00Z'),
        schedule('section-20', 'passed', '2025-09-12', '2025-09-13', '2025-09-12T22:00:00Z'),
      );
  });

  it('warns as many days before as the setting says', () => {
    const outputs = caseDeadlinesWorkflow({ warningDays: 30, today: '2025-05-22' }).decide(opened, { status: 'none' });
    expect(outputs.find((o) => o.id.endsWith('lead-time-90:approaching'))).toMatchObject({ payload: { reachedAt: '2025-07-21' } });
  });

  it('cancels every stage when the case closes', () =>
    caseWorkflowSpec(spec)
      .given(opened)
      .whenAppended(memoSent, closed())
      .then(
        cancel('lead-time-90', 'approaching'),
        cancel('lead-time-90', 'passed'),
        cancel('lead-time-120', 'approaching'),
        cancel('lead-time-120', 'passed'),
        cancel('section-20', 'approaching'),
        cancel('section-20', 'passed'),
      ));

  it('does nothing on a correction, a settlement, a service or a deadline reached', () => {
    caseWorkflowSpec(spec).given(opened, closed()).whenAppended(corrected('2025-05-31')).thenNothing();
    caseWorkflowSpec(spec).given(opened, closed()).whenAppended(settled()).thenNothing();
    caseWorkflowSpec(spec).given(opened).whenAppended(serviceDelivered).thenNothing();
    caseWorkflowSpec(spec).given(opened).whenAppended(deadlineReached).thenNothing();
  });
});
