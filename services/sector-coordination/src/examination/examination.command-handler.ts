import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Aggregate, CommandPipeline } from '@sagsspor/event-store';
import { type Clock } from '@sagsspor/domain';
import { CLOCK } from '@sagsspor/platform';
import type { CommandCallContext } from '../command-context';
import { KnownCasesRepository } from '../known-cases/known-cases.repository';
import type { ExaminationCommand } from './examination.commands';
import { type ExaminationState, examinationDecider } from './examination.decider';
import { type ExaminationEvent, type ExaminationFacts, examinationStreamId } from './examination.events';

/** An examination command as the adapters give it: the examination; the handler adds the case as known here. */
export type ExaminationCommandInput = { type: 'RecordExamination'; data: { examination: ExaminationFacts } };

/** The one way to an examination's stream (POST /v1/examinations). */
export class ExecuteExaminationCommand extends Command<ExaminationFacts> {
  constructor(
    readonly command: ExaminationCommandInput,
    readonly context: CommandCallContext,
  ) {
    super();
  }
}

/** In one unit of work: the case as known from case-lifecycle, then the pipeline decides on the examination's stream. */
@CommandHandler(ExecuteExaminationCommand)
export class ExaminationCommandHandler implements ICommandHandler<ExecuteExaminationCommand> {
  private readonly aggregate: Aggregate<ExaminationState, ExaminationCommand, ExaminationEvent> = { decider: examinationDecider, reactions: [] };

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly knownCases: KnownCasesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ command, context }: ExecuteExaminationCommand): Promise<ExaminationFacts> {
    const { examination } = command.data;
    return this.pipeline.unitOfWork(
      async (manager) => {
        const knownCase = await this.knownCases.find(examination.caseId, manager);
        const { response } = await this.pipeline.run(
          this.aggregate,
          examinationStreamId(examination.examinationId),
          { type: 'RecordExamination', data: { examination, knownCase } },
          {
            manager,
            now: this.clock(),
            metadata: context.metadata,
            idempotencyKey: context.idempotencyKey,
            // A retry is the same request whatever became known of the case meanwhile.
            request: examination,
            respond: ({ state }) => {
              if (state.status !== 'performed') throw new Error('a handled examination command leaves a performed examination');
              const { examinationId, caseId, kind, performedAt } = state.facts;
              return { examinationId, caseId, kind, performedAt };
            },
          },
        );
        return response;
      },
      { manager: context.manager },
    );
  }
}
