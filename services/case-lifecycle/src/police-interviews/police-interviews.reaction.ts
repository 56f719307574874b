import { Injectable } from '@nestjs/common';
import { type CommandOutcome, type Reaction, type ReactionContext } from '@sagsspor/event-store';
import { decideAll } from '@sagsspor/domain';
import type { CaseState } from '../case/case.decider';
import type { CaseEvent } from '../case/case.events';
import { PoliceGateSync } from './police-gate.sync';
import { PoliceInterviewFactsRepository } from './police-interview-facts.repository';
import { policeInterviewsWorkflow } from './police-interviews.workflow';

/** Carries the police-interviews workflow out: the child's open cases and facts, and the gate of its other open cases. */
@Injectable()
export class PoliceInterviewsReaction implements Reaction<CaseState, CaseEvent> {
  constructor(
    private readonly facts: PoliceInterviewFactsRepository,
    private readonly policeGate: PoliceGateSync,
  ) {}

  async react({ state, newEvents }: CommandOutcome<CaseState, CaseEvent>, { manager, metadata }: ReactionContext): Promise<void> {
    for (const output of decideAll(policeInterviewsWorkflow, newEvents, state)) {
      switch (output.type) {
        case 'case-opened':
          await this.facts.caseOpened(manager, output.childRef, output.caseId);
          break;
        case 'case-closed':
          await this.facts.caseClosed(manager, output.childRef, output.caseId);
          break;
        case 'release-recorded':
          await this.facts.lockChild(manager, output.childRef);
          await this.facts.record(manager, output.childRef, 'release', output.factId, output.releasedAt);
          await this.policeGate.applyToOpenCases(manager, output.childRef, metadata);
          break;
      }
    }
  }
}
