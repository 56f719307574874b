import type { Workflow } from '@sagsspor/domain';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';

/** What the police-interview tables keep from a case's events. */
export type PoliceInterviewsOutput =
  /** The case is open: the child's interview facts now apply to it (`open_cases_by_child`). */
  | { type: 'case-opened'; childRef: string; caseId: string }
  /** The case is closed: the child's facts no longer apply to it. */
  | { type: 'case-closed'; childRef: string; caseId: string }
  /**
   * The house recorded the release: a fact about the child (`police_interview_facts`), applied to
   * the child's other open cases too.
   */
  | { type: 'release-recorded'; childRef: string; factId: string; releasedAt: string };

/**
 * The police release gate follows the child, not the case (docs/adr/0030): which cases of a child
 * are open, and the house's word on a release, which also covers the child's other open cases.
 * A release the police reported (`recordedBy: 'police'`) is already a fact of the child.
 */
export const policeInterviewsWorkflow: Workflow<CaseState, CaseEvent, PoliceInterviewsOutput> = {
  decide(event, state) {
    if (state.status === 'none') return [];
    const { caseId, childRef } = state.intake;
    switch (event.type) {
      case 'CaseOpened':
        return [{ type: 'case-opened', childRef, caseId }];
      case 'CasePoliceReleased':
        return event.data.recordedBy === 'boernehus' ? [{ type: 'release-recorded', childRef, factId: `case:${caseId}`, releasedAt: event.data.releasedAt }] : [];
      case 'CaseClosed':
        return [{ type: 'case-closed', childRef, caseId }];
      default:
        return [];
    }
  },
};
