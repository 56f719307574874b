import { DomainError } from '@sagsspor/domain';
import { caseDecider } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import { caseWorkflowSpec, closed, corrected, intake, memoSent, opened, serviceDelivered, settled } from '../test-support/case-workflow-spec';
import { settleCaseAt, settlementWorkflow, tariffNeeded } from './settlement.workflow';

const spec = caseWorkflowSpec(settlementWorkflow);
const settleThisCase = { caseId: intake.caseId, command: { type: 'SettleClosedCase' as const } };
const stateAfter = (...events: CaseEvent[]) => events.reduce(caseDecider.evolve, caseDecider.initialState());

describe('settlement workflow', () => {
  it('settles a case when it is closed', () => spec.given(opened).whenAppended(closed()).then(settleThisCase));
  it('settles it once when the closing also records the memo', () => spec.given(opened).whenAppended(memoSent, closed()).then(settleThisCase));
  it('settles a settled case again when its closing is corrected', () => spec.given(opened, closed(), settled()).whenAppended(corrected('2025-05-31')).then(settleThisCase));
  it('settles a closed case that waited for its tariff when its closing is corrected', () => spec.given(opened, closed()).whenAppended(corrected('2025-05-31')).then(settleThisCase));
  it('does nothing on a settlement', () => spec.given(opened, closed()).whenAppended(settled()).thenNothing());
  for (const [name, event] of [
    ['an opening', opened],
    ['a service', serviceDelivered],
    ['a closing memo', memoSent],
  ] as const) {
    it(`does nothing on ${name}`, () => spec.given(...(event === opened ? [] : [opened])).whenAppended(event).thenNothing());
  }
});

describe('the tariff a case needs', () => {
  it('is none while the case is open', () => expect(tariffNeeded(stateAfter(opened))).toBeUndefined());
  it('is none once the case is settled', () => expect(tariffNeeded(stateAfter(opened, closed(), settled()))).toBeUndefined());
  it("is its house's for the year of its closing", () =>
    expect(tariffNeeded(stateAfter(opened, closed('2025-05-30')))).toEqual({ caseId: intake.caseId, houseCode: 'midt', tariffYear: 2025 }));
  it('names the month it was settled in, after a correction of a settled case', () =>
    expect(tariffNeeded(stateAfter(opened, closed(), settled(), corrected('2026-01-05')))).toEqual({ caseId: intake.caseId, houseCode: 'midt', tariffYear: 2026, settledIn: '2025-05' }));
});

describe('settling at the tariff found', () => {
  const needed = { caseId: intake.caseId, houseCode: 'midt', tariffYear: 2025 };
  it('settles at the tariff when it is set', () => expect(settleCaseAt(needed, 14000)).toEqual({ type: 'SettleCase', data: { tariffYear: 2025, dkkPerCase: 14000 } }));
  it('leaves the case closed, waiting for the tariff, when none is set', () => expect(settleCaseAt(needed, undefined)).toBeUndefined());
  it('refuses to move a settled case into a year without a tariff', () => {
    const refusal = (() => {
      try {
        settleCaseAt({ ...needed, tariffYear: 2026, settledIn: '2025-05' }, undefined);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'CASE.NO_TARIFF_FOR_YEAR', message: expect.stringContaining('PUT /v1/reference/tariffs/2026') });
  });
});
