import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventMetadata } from '@sagsspor/event-store';
import type { EntityManager } from 'typeorm';
import { ExecuteCaseCommand } from '../case/execute-case-command';
import { PoliceInterviewFactsRepository } from './police-interview-facts.repository';

/** Keeps the police release gate of a child's open cases in step with what is known of the child's interviews. */
@Injectable()
export class PoliceGateSync {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly facts: PoliceInterviewFactsRepository,
  ) {}

  /** Applies the child's police-interview status to each of its open cases, in the caller's transaction (which holds the child's lock). */
  async applyToOpenCases(manager: EntityManager, childRef: string, metadata?: EventMetadata): Promise<void> {
    const status = await this.facts.statusOf(manager, childRef);
    for (const caseId of await this.facts.openCasesOf(manager, childRef)) {
      await this.commandBus.execute(new ExecuteCaseCommand(caseId, { type: 'ApplyPoliceInterviewStatus', data: status }, { manager, metadata }));
    }
  }
}
