import { awaiting, caseWorkflowSpec, closed, corrected, deadlineReached, intake, memoSent, opened, released, serviceDelivered, settled } from '../test-support/case-workflow-spec';
import { policeInterviewsWorkflow } from './police-interviews.workflow';

const spec = caseWorkflowSpec(policeInterviewsWorkflow);
const { caseId, childRef } = intake;

describe('police-interviews workflow', () => {
  it("counts an opened case among the child's open cases", () => spec.given().whenAppended(opened).then({ type: 'case-opened', childRef, caseId }));
  it('counts it once when it opens with the gate shut', () => spec.given().whenAppended(opened, awaiting('2025-05-18')).then({ type: 'case-opened', childRef, caseId }));
  it("takes a closed case out of the child's open cases", () => spec.given(opened).whenAppended(memoSent, closed()).then({ type: 'case-closed', childRef, caseId }));
  it('keeps a release the house recorded as a fact of the child, for its other open cases too', () =>
    spec.given(opened, awaiting('2025-05-18')).whenAppended(released('2025-05-25', 'boernehus')).then({ type: 'release-recorded', childRef, factId: `case:${caseId}`, releasedAt: '2025-05-25' }));
  it('keeps nothing of a release the police reported (already a fact of the child)', () => spec.given(opened, awaiting('2025-05-18')).whenAppended(released('2025-05-25', 'police')).thenNothing());
  it('does nothing on a correction, a settlement or a deadline', () => {
    spec.given(opened, closed()).whenAppended(corrected('2025-05-31')).thenNothing();
    spec.given(opened, closed()).whenAppended(settled()).thenNothing();
    spec.given(opened).whenAppended(deadlineReached).thenNothing();
  });
  it('does nothing on a service or a gate shut later', () => {
    spec.given(opened).whenAppended(serviceDelivered).thenNothing();
    spec.given(opened).whenAppended(awaiting('2025-05-24')).thenNothing();
  });
});
