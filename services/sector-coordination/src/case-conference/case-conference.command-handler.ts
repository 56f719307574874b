import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Aggregate, CommandPipeline } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import type { CommandCallContext } from '../command-context';
import { KnownCasesRepository } from '../known-cases/known-cases.repository';
import type { CaseConferenceCommand, HoldCaseConference } from './case-conference.commands';
import { type CoordinationState, coordinationDecider } from './case-conference.decider';
import { type CaseConference, type CaseConferenceEvent, coordinationStreamId } from './case-conference.events';
import { ConferenceIdsRepository } from './conference-ids.repository';

/** A conference command as the adapters give it: the conference; the handler adds the case as known here and who uses the conferenceId. */
export type CaseConferenceCommandInput = { type: 'HoldCaseConference'; data: Pick<HoldCaseConference['data'], 'conference'> };

/** The one way to a case's coordination stream (POST /v1/case-conferences). */
export class ExecuteCaseConferenceCommand extends Command<CaseConference> {
  constructor(
    readonly command: CaseConferenceCommandInput,
    readonly context: CommandCallContext,
  ) {
    super();
  }
}

/**
 * In one unit of work: the case as known from case-lifecycle and the case already using the
 * conferenceId, then the pipeline decides on the case's coordination stream and claims the id
 * (its reaction, conference-ids.repository.ts).
 */
@CommandHandler(ExecuteCaseConferenceCommand)
export class CaseConferenceCommandHandler implements ICommandHandler<ExecuteCaseConferenceCommand> {
  private readonly aggregate: Aggregate<CoordinationState, CaseConferenceCommand, CaseConferenceEvent>;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly knownCases: KnownCasesRepository,
    private readonly conferenceIds: ConferenceIdsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.aggregate = { decider: coordinationDecider, reactions: [conferenceIds] };
  }

  execute({ command, context }: ExecuteCaseConferenceCommand): Promise<CaseConference> {
    const { conference } = command.data;
    return this.pipeline.unitOfWork(
      async (manager) => {
        const knownCase = await this.knownCases.find(conference.caseId, manager);
        const conferenceIdUsedInCase = await this.conferenceIds.caseUsing(manager, conference.conferenceId);
        const { response } = await this.pipeline.run(
          this.aggregate,
          coordinationStreamId(conference.caseId),
          { type: 'HoldCaseConference', data: { conference, knownCase, conferenceIdUsedInCase } },
          {
            manager,
            now: this.clock(),
            metadata: context.metadata,
            idempotencyKey: context.idempotencyKey,
            // A retry is the same request whatever became known of the case or the id meanwhile.
            request: conference,
            respond: ({ state }) => {
              const held = state.status === 'not-opened' ? undefined : state.conferences[conference.conferenceId];
              if (!held) throw new Error('a handled conference command leaves the conference held');
              return { conferenceId: held.conferenceId, caseId: held.caseId, houseCode: held.houseCode, kind: held.kind, heldAt: held.heldAt, participants: held.participants };
            },
          },
        );
        return response;
      },
      { manager: context.manager },
    );
  }
}
