import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Aggregate, CommandPipeline } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import { houseSites } from '@sagsspor/reference-data';
import type { EntityManager } from 'typeorm';
import { CaseListReaction } from '../case-list/case-list.reaction';
import { CaseListRepository } from '../case-list/case-list.repository';
import { PoliceInterviewFactsRepository } from '../police-interviews/police-interview-facts.repository';
import { PoliceInterviewsReaction } from '../police-interviews/police-interviews.reaction';
import { SettlementReaction } from '../settlement/settlement.reaction';
import { settleCaseAt, tariffNeeded } from '../settlement/settlement.workflow';
import { SettlementsTableReaction } from '../settlement/settlements-table.reaction';
import { TariffsRepository } from '../tariffs/tariffs.repository';
import { CaseDeadlinesReaction } from './case-deadlines.reaction';
import type { CaseCommand } from './case.commands';
import { type CaseState, caseDecider } from './case.decider';
import { type CaseEvent, caseStreamId } from './case.events';
import { type CaseCommandResult, type CaseRequest, ExecuteCaseCommand } from './execute-case-command';

const nothing: CaseCommandResult = { replayed: false, appended: 0 };

/**
 * The case's one command path: looks up what the decider needs (the child's police facts for an
 * opening, the child's lock for a release, the tariff for a settlement), then runs the command
 * through the pipeline, which decides, appends and runs the case's reactions (the case list row,
 * the child's open cases and police facts, the deadline schedule, the settlement and the
 * settlements table) in the same unit of work.
 */
@CommandHandler(ExecuteCaseCommand)
export class CaseCommandHandler implements ICommandHandler<ExecuteCaseCommand> {
  private readonly aggregate: Aggregate<CaseState, CaseCommand, CaseEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly caseList: CaseListRepository,
    private readonly policeInterviews: PoliceInterviewFactsRepository,
    private readonly tariffs: TariffsRepository,
    caseListReaction: CaseListReaction,
    policeInterviewsReaction: PoliceInterviewsReaction,
    deadlinesReaction: CaseDeadlinesReaction,
    settlementReaction: SettlementReaction,
    settlementsTableReaction: SettlementsTableReaction,
  ) {
    // The list row first: a settlement's own command (from the settlement reaction) then leaves it `settled`.
    this.aggregate = { decider: caseDecider, reactions: [caseListReaction, policeInterviewsReaction, deadlinesReaction, settlementReaction, settlementsTableReaction] };
  }

  execute({ caseId, command, options }: ExecuteCaseCommand): Promise<CaseCommandResult> {
    return this.pipeline.unitOfWork(
      async (manager) => {
        if (options.checkTenant) options.checkTenant(await this.caseList.tenantOf(manager, caseId));
        const now = this.clock();
        const decidable = await this.lookUp(manager, caseId, command);
        if (!decidable) return nothing;
        const { replayed, appended } = await this.pipeline.run(this.aggregate, caseStreamId(caseId), decidable, {
          manager,
          now,
          metadata: options.metadata ?? {},
          idempotencyKey: options.idempotencyKey,
          respond: () => ({ caseId }),
        });
        return { replayed, appended };
      },
      { manager: options.manager },
    );
  }

  /** The command the decider gets, with what it needs looked up; undefined when there is nothing to decide. */
  private async lookUp(manager: EntityManager, caseId: string, command: CaseRequest): Promise<CaseCommand | undefined> {
    switch (command.type) {
      case 'OpenCase': {
        // What is known of the child's police interviews, under the child's lock (taken before the stream, as everywhere).
        const { childRef } = command.data;
        await this.policeInterviews.lockChild(manager, childRef);
        const { pendingSince } = await this.policeInterviews.statusOf(manager, childRef);
        const { policeInterviewPendingSince: _looked, ...open } = command;
        return { ...open, ...(pendingSince ? { policeInterviewPendingSince: pendingSince } : {}) };
      }
      case 'RecordPoliceRelease': {
        // The release becomes a fact about the child: take the child's lock before the stream, in the order the consumer takes them.
        const childRef = await this.policeInterviews.childOfOpenCase(manager, caseId);
        if (childRef) await this.policeInterviews.lockChild(manager, childRef);
        return command;
      }
      case 'AssignSite':
        // The houses' sites: reference data (ADR 0075).
        return { ...command, sites: houseSites };
      case 'SettleClosedCase': {
        const { state } = await this.pipeline.readState(caseDecider, caseStreamId(caseId), manager);
        const needed = tariffNeeded(state);
        if (!needed) return undefined;
        return settleCaseAt(needed, await this.tariffs.tariffFor(manager, needed.houseCode, needed.tariffYear));
      }
      default:
        return command;
    }
  }
}
